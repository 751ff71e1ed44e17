/**
 * The data-preparation report: exact and near duplicates, missing values, outliers by length or
 * size, and class balance, over the items of an import or a whole project. Built by a generator
 * that yields its progress, so a caller can pause between chunks and keep a page responsive.
 */
import { clustersFromPairs, NearDupIndex } from './minhash';
import { PHASH_MAX_DISTANCE, phashPairs } from './phash';
import { classBalance, outliersRobust, type ClassCount } from './stats';

/** What the scan needs of one item. */
export interface PrepItem {
	id: string;
	kind: string;
	/** The text of a text item (or a multimodal item's text fields, joined). */
	text?: string;
	/** Content hash of its media (the blob's SHA-256), for exact media duplicates. */
	blob?: string;
	/** Media size in bytes. */
	size?: number;
	/** 64-bit perceptual hash of an image (phash.ts), when it could be decoded. */
	phash?: string;
	/** Why its media could not be read or decoded, when it could not. */
	broken?: string;
}

export type PrepFindingKind =
	'exact-duplicate' | 'near-duplicate' | 'image-duplicate' | 'empty' | 'broken' | 'outlier';

export const PREP_FINDING_KINDS: readonly PrepFindingKind[] = [
	'exact-duplicate',
	'near-duplicate',
	'image-duplicate',
	'empty',
	'broken',
	'outlier'
];

export interface PrepFinding {
	kind: PrepFindingKind;
	/** Stable key: the kind and the first item. */
	key: string;
	/** Items concerned; for duplicates the whole cluster in import order, the first is the original. */
	items: string[];
	/** What was found, in words. */
	detail: string;
	/** Similarity 0–1 for duplicates (the lowest pair in the cluster). */
	similarity?: number;
}

export interface PrepReport {
	scanned: number;
	findings: PrepFinding[];
	balance: { classes: ClassCount[]; total: number; imbalance: number };
	/** Rows the importer skipped because the same content was already there. */
	importDuplicates: number;
	/** Rows the importer skipped because their text was empty (missing values). */
	importEmpty: number;
}

export interface PrepOptions {
	/** Minimum estimated Jaccard similarity of near-duplicate texts (0.6). */
	textThreshold?: number;
	/** Maximum pHash distance of near-duplicate images, in bits (10). */
	imageMaxDistance?: number;
	/** Texts are indexed this many per progress step (2,000). */
	chunk?: number;
	/** Labels given to the items (label names), for class balance. */
	labels?: readonly string[];
	/** All the schema's label names, so an unused class shows as rare. */
	classes?: readonly string[];
	importDuplicates?: number;
	importEmpty?: number;
}

export interface PrepProgress {
	done: number;
	total: number;
	phase: 'texts' | 'images' | 'summary';
}

/** Default minimum similarity of near-duplicate texts: one changed word in fifteen still matches. */
export const PREP_TEXT_THRESHOLD = 0.6;

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Runs the scan step by step, yielding progress; returns the report. */
export function* prepScan(
	items: readonly PrepItem[],
	opts: PrepOptions = {}
): Generator<PrepProgress, PrepReport> {
	const chunk = opts.chunk ?? 2000;
	const findings: PrepFinding[] = [];
	const total = items.length;
	const texts: { id: string; text: string }[] = [];
	const images: { id: string; phash: string }[] = [];
	const byContent = new Map<string, string[]>();
	for (const it of items) {
		if (it.broken) {
			findings.push({ kind: 'broken', key: `broken/${it.id}`, items: [it.id], detail: it.broken });
			continue;
		}
		if (it.kind === 'text' || (it.text !== undefined && !it.blob)) {
			const t = it.text ?? '';
			if (t.trim() === '') {
				findings.push({
					kind: 'empty',
					key: `empty/${it.id}`,
					items: [it.id],
					detail: 'Empty text'
				});
				continue;
			}
			texts.push({ id: it.id, text: t });
			const norm = `t:${t.trim().replace(/\s+/g, ' ')}`;
			byContent.set(norm, [...(byContent.get(norm) ?? []), it.id]);
		}
		if (it.blob) byContent.set(`b:${it.blob}`, [...(byContent.get(`b:${it.blob}`) ?? []), it.id]);
		if (it.phash) images.push({ id: it.id, phash: it.phash });
	}
	for (const [content, ids] of byContent)
		if (ids.length > 1)
			findings.push({
				kind: 'exact-duplicate',
				key: `exact-duplicate/${ids[0]}`,
				items: ids,
				detail: content.startsWith('b:')
					? `${ids.length} items hold the same file`
					: `${ids.length} items have the same text once spacing is ignored`,
				similarity: 1
			});

	const index = new NearDupIndex();
	for (let i = 0; i < texts.length; i++) {
		index.add((texts[i] as { text: string }).text);
		if ((i + 1) % chunk === 0) yield { done: i + 1, total, phase: 'texts' };
	}
	const exactSets = new Set(
		findings.filter((f) => f.kind === 'exact-duplicate').map((f) => f.items.join(','))
	);
	const pairs = index.pairs(opts.textThreshold ?? PREP_TEXT_THRESHOLD);
	const pairSim = new Map(pairs.map((p) => [`${p.a},${p.b}`, p.similarity]));
	for (const cluster of clustersFromPairs(pairs)) {
		const ids = cluster.map((i) => (texts[i] as { id: string }).id);
		if (exactSets.has(ids.join(','))) continue;
		let lowest = 1;
		for (let x = 0; x < cluster.length; x++)
			for (let y = x + 1; y < cluster.length; y++) {
				const s = pairSim.get(`${cluster[x]},${cluster[y]}`);
				if (s !== undefined && s < lowest) lowest = s;
			}
		findings.push({
			kind: 'near-duplicate',
			key: `near-duplicate/${ids[0]}`,
			items: ids,
			detail: `${ids.length} texts alike, e.g. “${clip((texts[cluster[0] as number] as { text: string }).text)}”`,
			similarity: lowest
		});
	}
	yield { done: texts.length, total, phase: 'images' };

	const ipairs = phashPairs(
		images.map((i) => i.phash),
		opts.imageMaxDistance ?? PHASH_MAX_DISTANCE
	);
	const isim = new Map(ipairs.map((p) => [`${p.a},${p.b}`, p.similarity]));
	for (const cluster of clustersFromPairs(ipairs)) {
		const ids = cluster.map((i) => (images[i] as { id: string }).id);
		if (exactSets.has(ids.join(','))) continue;
		let lowest = 1;
		for (let x = 0; x < cluster.length; x++)
			for (let y = x + 1; y < cluster.length; y++) {
				const s = isim.get(`${cluster[x]},${cluster[y]}`);
				if (s !== undefined && s < lowest) lowest = s;
			}
		findings.push({
			kind: 'image-duplicate',
			key: `image-duplicate/${ids[0]}`,
			items: ids,
			detail: `${ids.length} images look alike (perceptual hash)`,
			similarity: lowest
		});
	}
	yield { done: total, total, phase: 'summary' };

	for (const o of outliersRobust(texts.map((t) => t.text.length)))
		findings.push({
			kind: 'outlier',
			key: `outlier/${(texts[o.index] as { id: string }).id}`,
			items: [(texts[o.index] as { id: string }).id],
			detail: `${o.side === 'high' ? 'Unusually long' : 'Unusually short'} text: ${o.value.toLocaleString('en')} characters`
		});
	const sized = items.filter((i) => i.blob && i.size !== undefined && !i.broken);
	for (const o of outliersRobust(sized.map((i) => i.size as number)))
		findings.push({
			kind: 'outlier',
			key: `outlier/${(sized[o.index] as PrepItem).id}`,
			items: [(sized[o.index] as PrepItem).id],
			detail: `${o.side === 'high' ? 'Unusually large' : 'Unusually small'} file: ${o.value.toLocaleString('en')} bytes`
		});

	findings.sort(
		(a, b) =>
			PREP_FINDING_KINDS.indexOf(a.kind) - PREP_FINDING_KINDS.indexOf(b.kind) ||
			(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
	return {
		scanned: total,
		findings,
		balance: classBalance(opts.labels ?? [], { classes: opts.classes }),
		importDuplicates: opts.importDuplicates ?? 0,
		importEmpty: opts.importEmpty ?? 0
	};
}

/** Runs the whole scan at once (node, tests, workers). */
export function prepReport(items: readonly PrepItem[], opts: PrepOptions = {}): PrepReport {
	const it = prepScan(items, opts);
	for (;;) {
		const r = it.next();
		if (r.done) return r.value;
	}
}
