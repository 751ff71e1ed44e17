// Image items by file name, for the image formats' imports and exports.
import { itemIdFromText } from '../../../ids';
import type { Item, ItemId } from '../../../types';
import { baseName, mediaKeys } from '../media-match';

export { baseName } from '../media-match';

export const stemOf = (name: string): string => baseName(name).replace(/\.[^.]*$/, '');

/**
 * Image items by file name: the project's items (by media name, source or URL base name, also
 * without a Label Studio upload prefix: `mediaKeys`), or a new item referring to the file by name,
 * with its size in `meta`.
 */
export class ImageItems {
	private readonly byName = new Map<string, Item>();
	private readonly used = new Map<ItemId, Item>();
	constructor(
		items: readonly Item[] | undefined,
		private readonly seq0: number
	) {
		for (const it of items ?? []) {
			if (it.kind !== 'image' && it.kind !== 'multimodal') continue;
			const names = [it.source, it.media?.name, it.media && 'url' in it.media ? it.media.url : ''];
			for (const n of names)
				if (n) for (const k of mediaKeys(n)) if (!this.byName.has(k)) this.byName.set(k, it);
		}
	}
	/** The item of `name`; a new item records `width`/`height` when known. */
	get(name: string, size?: { width?: number; height?: number }): Item {
		const key = baseName(name);
		const old = mediaKeys(name)
			.map((k) => this.byName.get(k))
			.find((x) => x !== undefined);
		if (old) {
			this.used.set(old.id, old);
			return old;
		}
		const meta: Record<string, string> = {};
		if (size?.width !== undefined) meta.width = String(size.width);
		if (size?.height !== undefined) meta.height = String(size.height);
		const it: Item = {
			id: itemIdFromText(`image\n${name}`),
			kind: 'image',
			media: { url: name, name: key },
			seq: this.seq0 + this.byName.size,
			source: key,
			...(Object.keys(meta).length ? { meta } : {})
		};
		this.byName.set(key, it);
		this.used.set(it.id, it);
		return it;
	}
	all(): Item[] {
		return [...this.used.values()];
	}
}

/** The image size an item's media metadata records, or undefined. */
export function imageSize(item: Item): { width: number; height: number } | undefined {
	const w = Number(item.meta?.width);
	const h = Number(item.meta?.height);
	return w > 0 && h > 0 ? { width: w, height: h } : undefined;
}

/** The file name an item's media go by in an export. */
export function itemFileName(item: Item): string {
	const m = item.media;
	if (m?.name) return m.name;
	if (m && 'url' in m) return baseName(m.url);
	return item.source ?? item.id;
}
