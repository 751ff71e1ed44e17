/**
 * Character and word error rates between a reference and a hypothesis transcription: the
 * Levenshtein edit distance (substitutions + deletions + insertions) divided by the reference
 * length. Characters are Unicode code points; words are whitespace-separated tokens.
 *
 * V. I. Levenshtein. Binary codes capable of correcting deletions, insertions and reversals.
 * Soviet Physics Doklady 10(8):707–710, 1966. WER as in NIST sclite.
 */

/** Edit distance between two token sequences (two-row dynamic programme). */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	let cur = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		cur[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
			cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
		}
		[prev, cur] = [cur, prev];
	}
	return prev[b.length] as number;
}

function rate(edits: number, refLength: number, hypLength: number): number {
	if (refLength === 0) return hypLength === 0 ? 0 : 1;
	return edits / refLength;
}

/** Words of a transcription. */
export function transcriptionWords(text: string): string[] {
	return text.split(/\s+/u).filter((w) => w !== '');
}

/**
 * Character error rate: edits / reference characters (≥ 0, can exceed 1 with insertions).
 * An empty reference gives 0 against an empty hypothesis and 1 otherwise.
 */
export function characterErrorRate(reference: string, hypothesis: string): number {
	const r = Array.from(reference);
	const h = Array.from(hypothesis);
	return rate(editDistance(r, h), r.length, h.length);
}

/** Word error rate: word edits / reference words (same conventions as the character rate). */
export function wordErrorRate(reference: string, hypothesis: string): number {
	const r = transcriptionWords(reference);
	const h = transcriptionWords(hypothesis);
	return rate(editDistance(r, h), r.length, h.length);
}

/** Corpus error rate: total edits over total reference length (characters or words). */
export function errorRateCorpus(
	pairs: readonly { reference: string; hypothesis: string }[],
	unit: 'char' | 'word'
): number {
	let edits = 0;
	let length = 0;
	let hypLength = 0;
	for (const p of pairs) {
		const r = unit === 'char' ? Array.from(p.reference) : transcriptionWords(p.reference);
		const h = unit === 'char' ? Array.from(p.hypothesis) : transcriptionWords(p.hypothesis);
		edits += editDistance(r, h);
		length += r.length;
		hypLength += h.length;
	}
	return rate(edits, length, hypLength);
}
