/**
 * Matching media files to the items of an import that name their image by a path only
 * (`/data/upload/3/8f2c1e4a-street.jpg`, `s3://bucket/photos/park.jpg`, `images/beach.png`): by
 * file name, also without Label Studio's `<8 hex digits>-` upload prefix and with %-escapes
 * decoded; and the media an import brings for items an earlier import stored by a path only. Pure.
 */
import type { Item, ItemId } from '../../types';

/** Last path segment of a file name or URL, without query. */
export function baseName(name: string): string {
	return (name.split(/[?#]/)[0] ?? name).split(/[\\/]/).pop() ?? name;
}

/** Label Studio stores uploads as `<8 hex digits>-<original name>`. */
const LS_UPLOAD_PREFIX = /^[0-9a-f]{8}-(?=.)/i;

/** The names a file or path can be matched by, most exact first. */
export function mediaKeys(path: string): string[] {
	const base = baseName(path);
	const keys = [base];
	let decoded = base;
	try {
		decoded = decodeURIComponent(base);
	} catch {
		/* not %-encoded */
	}
	for (const k of [
		decoded,
		base.replace(LS_UPLOAD_PREFIX, ''),
		decoded.replace(LS_UPLOAD_PREFIX, '')
	])
		if (!keys.includes(k)) keys.push(k);
	return keys;
}

export interface MediaMatch {
	/** Each path that found a file, with the file. */
	matched: { path: string; file: string }[];
	/** Paths no file matched: their items stay without media. */
	missing: string[];
	/** Files that match no path: not imported. */
	unused: string[];
}

/** Which of `files` (names or paths) go with which of `paths`; each file serves one name. */
export function mediaMatch(paths: readonly string[], files: readonly string[]): MediaMatch {
	const byKey = new Map<string, string>();
	for (const f of files) for (const k of mediaKeys(f)) if (!byKey.has(k)) byKey.set(k, f);
	const used = new Set<string>();
	const matched: MediaMatch['matched'] = [];
	const missing: string[] = [];
	for (const path of paths) {
		const file = mediaKeys(path)
			.map((k) => byKey.get(k))
			.find((f) => f !== undefined);
		if (file === undefined) missing.push(path);
		else {
			matched.push({ path, file });
			used.add(file);
		}
	}
	return { matched, missing, unused: files.filter((f) => !used.has(f)) };
}

/** An image item an earlier import stored by its path only (`source`), without media. */
export function isPathOnly(it: Item | undefined): it is Item & { source: string } {
	return !!it && it.kind === 'image' && !it.media && !!it.source;
}

/**
 * `old` with the media of `med`: same id, text and labels; `med`'s metadata fills in what `old`
 * lacks (`old`'s width and height, which its boxes were read against, stay); and a `seq` just
 * below its own, so the doc takes this line over the path-only one (the lower seq wins).
 */
export function withMedia(old: Item, med: Item): Item {
	let seq = old.seq - 0.5;
	if (!(seq < old.seq)) seq = old.seq - 1;
	return {
		...old,
		seq,
		...(med.media ? { media: med.media } : {}),
		...(med.meta || old.meta ? { meta: { ...med.meta, ...old.meta } } : {})
	};
}

export interface MediaAttach {
	/** The existing items with their media (see `withMedia`). */
	items: Item[];
	/** For each, the media item (by its path) it took the media of. */
	from: { item: ItemId; media: ItemId; path: string; file: string }[];
	/** Path-only items no file matched. */
	missing: Item[];
}

/**
 * Media for items of a project that an earlier import stored by a path only, from the media an
 * import brings (`pool`: media items by their path in a zip, a folder or as picked), matched by
 * file name like `mediaMatch`. Items that have media, and pool items without a blob, are left.
 */
export function mediaAttach(
	existing: readonly Item[],
	pool: ReadonlyMap<string, Item>
): MediaAttach {
	const stale = existing.filter(isPathOnly);
	const withBlob = [...pool].filter(([, it]) => it.media && 'blob' in it.media).map(([p]) => p);
	const m = mediaMatch(
		stale.map((i) => i.source),
		withBlob
	);
	const byPath = new Map(stale.map((i) => [i.source, i]));
	const out: MediaAttach = { items: [], from: [], missing: [] };
	const done = new Set<ItemId>();
	for (const { path, file } of m.matched) {
		const old = byPath.get(path);
		const med = pool.get(file);
		if (!old || !med || done.has(old.id)) continue;
		done.add(old.id);
		out.items.push(withMedia(old, med));
		out.from.push({ item: old.id, media: med.id, path, file });
	}
	out.missing = stale.filter((i) => !done.has(i.id));
	return out;
}
