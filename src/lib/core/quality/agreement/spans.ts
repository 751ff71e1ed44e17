/**
 * Span agreement for named-entity style annotations: F1 between two annotators' spans, matching
 * either exactly (same start, end and label) or by overlap (same label, intersecting ranges,
 * one-to-one, largest overlaps first). F1 = 2·matches / (|A| + |B|), symmetric in A and B.
 *
 * Exact-match F1 as in the CoNLL-2003 shared task evaluation (E. F. Tjong Kim Sang, F. De Meulder,
 * CoNLL 2003); partial/overlap matching as in MUC/SemEval-2013 Task 9.1 "partial" scoring.
 */
import type { Span } from '../rules/types';

export type SpanMatch = 'exact' | 'overlap';

export interface SpanAgreement {
	matches: number;
	countA: number;
	countB: number;
	/** 2·matches / (countA + countB); 1 when both are empty. */
	f1: number;
}

function overlap(a: Span, b: Span): number {
	return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

/** Number of one-to-one matches between two span lists. */
export function spanMatches(a: readonly Span[], b: readonly Span[], match: SpanMatch): number {
	if (match === 'exact') {
		const keys = new Map<string, number>();
		for (const s of a) keys.set(JSON.stringify(s), (keys.get(JSON.stringify(s)) ?? 0) + 1);
		let m = 0;
		for (const s of b) {
			const k = JSON.stringify(s);
			const left = keys.get(k) ?? 0;
			if (left > 0) {
				m++;
				keys.set(k, left - 1);
			}
		}
		return m;
	}
	const candidates: [number, number, number][] = [];
	a.forEach((x, i) =>
		b.forEach((y, j) => {
			const o = overlap(x, y);
			if (o > 0 && x[2] === y[2]) candidates.push([o, i, j]);
		})
	);
	candidates.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
	const usedA = new Set<number>();
	const usedB = new Set<number>();
	let m = 0;
	for (const [, i, j] of candidates) {
		if (usedA.has(i) || usedB.has(j)) continue;
		usedA.add(i);
		usedB.add(j);
		m++;
	}
	return m;
}

/** Span F1 between two annotators over one or many documents (counts are pooled, micro F1). */
export function spanAgreement(
	docs: readonly { a: readonly Span[]; b: readonly Span[] }[],
	match: SpanMatch = 'exact'
): SpanAgreement {
	let matches = 0;
	let countA = 0;
	let countB = 0;
	for (const d of docs) {
		matches += spanMatches(d.a, d.b, match);
		countA += d.a.length;
		countB += d.b.length;
	}
	const total = countA + countB;
	return { matches, countA, countB, f1: total === 0 ? 1 : (2 * matches) / total };
}
