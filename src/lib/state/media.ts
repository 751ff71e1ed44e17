/**
 * Object URLs for the media of the items on screen. Blobs come from the device's content-addressed
 * store; URL media are fetched once, stored as blobs and then served from the store, so they work
 * offline. Every URL made here is revoked on destroy().
 */
import { sha256Hex } from '$lib/core/ids';
import type { MediaRef } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { SettingsRepo } from '$lib/storage/settings-repo';

/** Gets a blob this device lacks from elsewhere; resolves true once it is stored. */
export type BlobFetcher = (ref: { blob: string; size: number }) => Promise<boolean>;

export interface MediaDeps {
	blobs: BlobsRepo;
	/** Remembers which blob holds a fetched URL (key `media-url:<url>`). */
	settings: SettingsRepo;
	fetch?: typeof fetch;
	/** Where blobs this device lacks come from (the open project's peers); none in tests. */
	fetchMissing?: BlobFetcher;
}

export class MediaUrls {
	#deps: MediaDeps;
	#urls = new Map<string, Promise<string>>();
	#made: string[] = [];

	constructor(deps: MediaDeps) {
		this.#deps = deps;
	}

	/** A URL the page can show; rejects with a message when the media cannot be found or fetched. */
	url(ref: MediaRef): Promise<string> {
		const key = 'blob' in ref ? ref.blob : ref.url;
		let p = this.#urls.get(key);
		if (!p) {
			p = this.#load(ref);
			this.#urls.set(key, p);
			p.catch(() => this.#urls.delete(key));
		}
		return p;
	}

	async #load(ref: MediaRef): Promise<string> {
		const sha = 'blob' in ref ? ref.blob : await this.#fetched(ref.url, ref.mime);
		let row = await this.#deps.blobs.get(sha);
		const fetchMissing = this.#deps.fetchMissing;
		if (!row && 'blob' in ref && fetchMissing && (await fetchMissing(ref).catch(() => false)))
			row = await this.#deps.blobs.get(sha);
		if (!row) throw new Error('This media file is not on this device yet.');
		const url = URL.createObjectURL(row.blob);
		this.#made.push(url);
		return url;
	}

	/** The hash of a URL's content, fetching and storing it the first time. */
	async #fetched(url: string, mime?: string): Promise<string> {
		const key = `media-url:${url}`;
		const known = await this.#deps.settings.get<string>(key);
		if (known && (await this.#deps.blobs.has(known))) return known;
		const res = await (this.#deps.fetch ?? fetch)(url);
		if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}`);
		const buf = new Uint8Array(await res.arrayBuffer());
		const type = mime ?? res.headers.get('content-type') ?? 'application/octet-stream';
		const sha256 = await sha256Hex(buf);
		await this.#deps.blobs.putMany([
			{ sha256, blob: new Blob([buf], { type }), mime: type, size: buf.byteLength }
		]);
		await this.#deps.settings.set(key, sha256);
		return sha256;
	}

	destroy(): void {
		for (const u of this.#made) URL.revokeObjectURL(u);
		this.#made = [];
		this.#urls.clear();
	}
}
