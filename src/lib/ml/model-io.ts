/**
 * Where models are saved with `tf.io`: TF.js's own IO routers (`indexeddb://…` in the browser and
 * in workers), or in memory for tests. Shared by the text and media workers.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ModelIO {
	save(key: string, artifacts: tf.io.ModelArtifacts): Promise<void>;
	/** The saved artifacts, or undefined when nothing is saved under `key`. */
	load(key: string): Promise<tf.io.ModelArtifacts | undefined>;
	remove(key: string): Promise<boolean>;
}

/** TF.js's own IO routers (IndexedDB in the browser). */
export const tfModelIO: ModelIO = {
	async save(key, artifacts) {
		const [h] = tf.io.getSaveHandlers(key);
		if (!h?.save) throw new Error(`No place to save a model at ${key}`);
		await h.save(artifacts);
	},
	async load(key) {
		const models = await tf.io.listModels().catch(() => ({}) as Record<string, unknown>);
		if (!(key in models)) return undefined;
		const [h] = tf.io.getLoadHandlers(key);
		if (!h?.load) throw new Error(`No way to load a model from ${key}`);
		return h.load();
	},
	async remove(key) {
		try {
			await tf.io.removeModel(key);
			return true;
		} catch {
			return false;
		}
	}
};

/** An in-memory `ModelIO` (tests, bench). */
export function memoryModelIO(): ModelIO {
	const m = new Map<string, tf.io.ModelArtifacts>();
	return {
		save: async (k, a) => void m.set(k, a),
		load: async (k) => m.get(k),
		remove: async (k) => m.delete(k)
	};
}
