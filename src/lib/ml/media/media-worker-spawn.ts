/** Starts the media worker (a module worker, so TF.js loads only when it is first needed). */
import { MediaClient } from './media-client';

export function mediaWorkerStart(): { client: MediaClient; worker: Worker } {
	const worker = new Worker(new URL('./media.worker.ts', import.meta.url), {
		type: 'module',
		name: 'quorum-media-ml'
	});
	const client = new MediaClient(worker);
	worker.addEventListener('error', (e) =>
		client.failAll(new Error(`The media worker failed: ${e.message || 'unknown error'}`))
	);
	return { client, worker };
}
