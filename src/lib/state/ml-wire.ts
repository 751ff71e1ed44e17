/** Builds the real dependencies of the text model: Dexie predictions, the worker, app prefs. */
import { textWorkerStart } from '$lib/ml/text/client';
import { QuorumDb } from '$lib/storage/db';
import { predictionsRepoFrom } from '$lib/storage/predictions-repo';
import type { AppState } from './app.svelte';
import type { MlDeps } from './ml.svelte';

export function mlDepsWire(app: AppState, db = new QuorumDb()): MlDeps {
	return {
		predictions: predictionsRepoFrom(db),
		workerStart: () => {
			const { client, worker } = textWorkerStart();
			return {
				client,
				stop: () => {
					client.destroy();
					worker.terminate();
				}
			};
		},
		prefs: { get: (k) => app.prefGet(k), set: (k, v) => app.prefSet(k, v) },
		now: () => Date.now()
	};
}
