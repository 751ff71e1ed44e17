/** TF.js on the cpu backend, for node tests and tests of the state layer (no wasm, no worker). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export async function tfCpuReady(): Promise<string> {
	if (tf.getBackend() !== 'cpu' && !(await tf.setBackend('cpu')))
		throw new Error('The TF.js cpu backend did not start');
	return tf.getBackend();
}
