/**
 * The real dependencies of the ML state: Dexie predictions and settings, the media store, the
 * text and media workers (each started on first use), the app's preferences.
 */
import { audioDecodeMono } from '$lib/ml/media/audio/decode';
import { textWorkerStart } from '$lib/ml/text/client';
import { QuorumDb } from '$lib/storage/db';
import { predictionsRepoFrom } from '$lib/storage/predictions-repo';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import type { AppState } from '../app.svelte';
import { MediaUrls } from '../media';
import { mediaDepsWire } from '../media-wire';
import type { MlMediaDeps } from './media-run';
import type { SuggestionsDeps } from './media-suggestions.svelte';
import type { MlDeps } from './text-model.svelte';

/** The text model's: predictions, the text worker, app prefs. */
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

/** The media models': predictions and settings, the blob store, the media worker. */
export function mlMediaDepsWire(db = new QuorumDb()): MlMediaDeps {
	const urls = new MediaUrls(mediaDepsWire(db));
	return {
		predictions: predictionsRepoFrom(db),
		settings: settingsRepoFrom(db),
		blobOf: async (ref) => {
			const r = await fetch(await urls.url(ref));
			return r.blob();
		},
		decodeAudio: (blob) => audioDecodeMono(blob),
		workerStart: async () => {
			const { mediaWorkerStart } = await import('$lib/ml/media/media-worker-spawn');
			const { client, worker } = mediaWorkerStart();
			return {
				client,
				stop: () => {
					client.destroy();
					worker.terminate();
				}
			};
		},
		now: () => Date.now(),
		release: () => urls.destroy()
	};
}

/** The labeling view's: only the predictions table (no worker, no media). */
export function mediaSuggestionsDepsWire(db = new QuorumDb()): SuggestionsDeps {
	return { predictions: predictionsRepoFrom(db), now: () => Date.now() };
}
