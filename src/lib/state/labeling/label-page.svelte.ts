/**
 * What the label page holds while it is open: the queue of my share, the screen I chose (annotator
 * or full view), my own keys, the item's comments, media URLs, mask blobs and the imported layer,
 * each wired to this device's preferences. `destroy` releases what holds resources.
 */
import type { AnnotatorId } from '$lib/core/types';
import type { AppState } from '../app.svelte';
import { CommentsState } from '../comments/comments.svelte';
import { ImportedLayer } from '../imported-layer.svelte';
import { LabelingQueue } from '../labeling.svelte';
import { maskBlobStoreFrom } from '../mask-blobs';
import { MediaUrls } from '../media';
import { mediaDepsWire } from '../media-wire';
import type { ProjectSession } from '../project-session.svelte';
import type { SyncRef } from '../team/context';
import { KeyRemap } from './key-remap.svelte';
import { ViewMode } from './view-mode.svelte';

export class LabelPage {
	readonly queue: LabelingQueue;
	readonly mode: ViewMode;
	readonly keys: KeyRemap;
	readonly comments: CommentsState;
	readonly media: MediaUrls;
	readonly maskBlobs: ReturnType<typeof maskBlobStoreFrom>;
	readonly imported: ImportedLayer;

	constructor(app: AppState, session: ProjectSession, me: AnnotatorId, sync: SyncRef) {
		const prefs = { prefGet: app.prefGet.bind(app), prefSet: app.prefSet.bind(app) };
		this.queue = new LabelingQueue(session, me);
		this.mode = new ViewMode(session.id, {
			...prefs,
			role: () => sync.current?.myRole ?? session.members.find((m) => m.id === me)?.role,
			joining: () => !!sync.current?.creds
		});
		this.keys = new KeyRemap(session.id, prefs);
		this.comments = new CommentsState(session, me, prefs);
		const mediaDeps = mediaDepsWire();
		this.media = new MediaUrls(mediaDeps);
		this.maskBlobs = maskBlobStoreFrom(mediaDeps);
		this.imported = new ImportedLayer(session, this.queue);
		void this.mode.load();
		void this.keys.load();
		void this.comments.load();
	}

	destroy(): void {
		this.queue.destroy();
		this.media.destroy();
	}
}
