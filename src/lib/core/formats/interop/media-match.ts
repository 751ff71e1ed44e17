/**
 * Matching media files to the items of an import that name their image by a path only
 * (`/data/upload/3/8f2c1e4a-street.jpg`, `s3://bucket/photos/park.jpg`, `images/beach.png`): by
 * file name, also without Label Studio's `<8 hex digits>-` upload prefix and with %-escapes
 * decoded. Pure.
 */
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
