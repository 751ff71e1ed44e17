/**
 * Import of point cloud files (PCD, PLY, KITTI .bin, LAS) into the open project. Several files
 * chosen together are one sequence of frames, in natural name order (000009 before 000010). Each
 * frame's points are a blob (core/cloud/cloud-blob.ts), all stored in one IndexedDB transaction
 * before the items are added in one doc transaction. A file that cannot be read is listed with
 * the reason and skipped.
 */
import { CLOUD_MIME, cloudEncode, cloudInfoOf } from '$lib/core/cloud/cloud-blob';
import { cloudItem } from '$lib/core/cloud/cloud-item';
import { parseCloud } from '$lib/core/cloud/cloud-parse';
import { sha256Hex } from '$lib/core/ids';
import type { AnnotatorId, EpochMs, Item } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import type { MediaImportResult } from './media-job.svelte';

export interface CloudImportDeps {
	blobs: BlobsRepo;
	now?(): number;
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

export class CloudImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: CloudImportDeps;
	#running = $state(false);
	#result = $state.raw<MediaImportResult | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, deps: CloudImportDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	get running(): boolean {
		return this.#running;
	}
	get result(): MediaImportResult | undefined {
		return this.#result;
	}

	/** Imports `files` as one sequence; resolves with the result (also kept in `result`). */
	async run(files: readonly File[]): Promise<MediaImportResult> {
		const now = this.#deps.now?.() ?? Date.now();
		const problems: MediaImportResult['problems'] = [];
		const blobs = new Map<string, StoredBlob>();
		const items: Item[] = [];
		const sorted = [...files].sort((a, b) => byName(a.name, b.name));
		// Several files are one sequence, named after its first readable frame.
		let sequence = '';
		let made = 0;
		this.#running = true;
		this.#result = undefined;
		try {
			for (const f of sorted) {
				try {
					const cloud = parseCloud(f.name, new Uint8Array(await f.arrayBuffer()));
					if (cloud.count === 0) throw new Error('the file holds no points');
					const bytes = cloudEncode(cloud);
					const sha256 = await sha256Hex(bytes);
					made++;
					if (blobs.has(sha256)) continue;
					const size = bytes.byteLength;
					blobs.set(sha256, {
						sha256,
						blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: CLOUD_MIME }),
						mime: CLOUD_MIME,
						size
					});
					if (sorted.length > 1 && !sequence) sequence = f.name.replace(/\.[^.]+$/, '');
					const frame = sequence ? { name: sequence, frame: items.length } : undefined;
					const info = cloudInfoOf(cloud, frame);
					items.push(
						cloudItem({ sha256, size, name: f.name, seq: now * 1000 + items.length, info })
					);
				} catch (e) {
					problems.push({ file: f.name, reason: e instanceof Error ? e.message : String(e) });
				}
			}
			await this.#deps.blobs.putMany([...blobs.values()]);
			const added = this.#itemsAdd(items, now);
			this.#result = { added, duplicates: made - added, problems };
		} catch (e) {
			this.#result = {
				added: 0,
				duplicates: 0,
				problems,
				error: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`
			};
		} finally {
			this.#running = false;
		}
		return this.#result;
	}

	#itemsAdd(items: readonly Item[], now: number): number {
		const store = this.#s.store;
		let added = 0;
		store.batch(() => {
			added = store.itemsAdd(items, ORIGIN.IMPORT);
			store.logAppend(
				{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} point clouds` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
