/**
 * TF.js for the text and media workers (docs/ARCHITECTURE.md#ml-worker-protocol): the wasm
 * backend, set explicitly, with the `.wasm` files emitted by Vite (`?url`) and multithreading off.
 * Imported only by worker code; each worker bundle gets its own copy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let ready: Promise<string> | undefined;

/** Starts the wasm backend once; resolves to the backend's name. */
export function tfReady(): Promise<string> {
	ready ??= (async () => {
		setWasmPaths({
			'tfjs-backend-wasm.wasm': wasmPlain,
			'tfjs-backend-wasm-simd.wasm': wasmSimd,
			'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
		});
		tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
		if (!(await tf.setBackend('wasm'))) throw new Error('The TF.js wasm backend did not start');
		await tf.ready();
		return tf.getBackend();
	})();
	return ready;
}

export { tf };
