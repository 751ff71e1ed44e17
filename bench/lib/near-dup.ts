/**
 * import.near_duplicates_100k_ms (issue 9): the data-preparation scan of 100k texts in node —
 * MinHash signatures, LSH banding, candidate checks, clusters, outliers (core/prep/report.ts, as
 * the Prepare page runs it, without its yields). Reference: SHA-256 of the same texts, which the
 * importer computes for every row anyway (content ids). The note gives the recall of 1,000
 * planted near-duplicates (one word changed in ~25).
 */
import { sha256HexSync } from '../../src/lib/core/sha256';
import { prepReport, type PrepItem } from '../../src/lib/core/prep/report';
import { round, type Figure } from './figures';

function texts(n: number): { items: PrepItem[]; planted: [string, string][] } {
	let s = 12345;
	const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
	const vocab = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
	const items: PrepItem[] = [];
	const planted: [string, string][] = [];
	while (items.length < n) {
		const len = 15 + Math.floor(rnd() * 25);
		const words = Array.from({ length: len }, () => vocab[Math.floor(rnd() * vocab.length)]);
		const id = `t${items.length}`;
		items.push({ id, kind: 'text', text: words.join(' ') });
		if (planted.length < 1000 && items.length % 97 === 0 && items.length < n) {
			words[Math.floor(rnd() * len)] = 'changed';
			const copy = `t${items.length}`;
			items.push({ id: copy, kind: 'text', text: words.join(' ') });
			planted.push([id, copy]);
		}
	}
	return { items, planted };
}

export async function nearDupRun(): Promise<Record<string, Figure>> {
	const { items, planted } = texts(100_000);
	// Warm both paths once on a slice, so neither pays for JIT alone.
	prepReport(items.slice(0, 2000));
	for (const it of items.slice(0, 2000)) sha256HexSync(it.text as string);
	let t = performance.now();
	for (const it of items) sha256HexSync(it.text as string);
	const shaMs = performance.now() - t;
	t = performance.now();
	const report = prepReport(items);
	const scanMs = performance.now() - t;
	const pairs = new Set(
		report.findings
			.filter((f) => f.kind === 'near-duplicate')
			.flatMap((f) => f.items.slice(1).map((b) => `${f.items[0]},${b}`))
	);
	const found = planted.filter(([a, b]) => pairs.has(`${a},${b}`)).length;
	return {
		near_duplicates_100k_ms: {
			value: round(scanMs, 0),
			unit: 'ms',
			reference: round(shaMs, 0),
			ratio: round(shaMs / scanMs, 3),
			note: `reference: SHA-256 of the same 100k texts; recall ${found}/${planted.length} planted near-duplicates, ${report.findings.filter((f) => f.kind === 'near-duplicate').length} clusters reported`
		}
	};
}
