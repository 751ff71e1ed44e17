// Which annotations an export writes: each annotator's, the accepted ones, or both.
import type { Annotation, ItemId } from '../../../types';
import { ACCEPTED, type InteropExportOptions } from './result';
import { r6 } from './text';

const canonical = (v: unknown): string => JSON.stringify(v);

/** Majority value per item and task (ties: the earliest), with its share as confidence. */
export function acceptedByMajority(annotations: readonly Annotation[]): Annotation[] {
	const groups = new Map<string, Annotation[]>();
	for (const a of annotations) {
		if (a.annotator === ACCEPTED) continue;
		const k = `${a.item}/${a.task}`;
		const g = groups.get(k);
		if (g) g.push(a);
		else groups.set(k, [a]);
	}
	const out: Annotation[] = [];
	for (const g of groups.values()) {
		const votes = new Map<string, { a: Annotation; n: number }>();
		for (const a of g) {
			const k = canonical(a.value);
			const v = votes.get(k);
			if (v) v.n++;
			else votes.set(k, { a, n: 1 });
		}
		let best: { a: Annotation; n: number } | undefined;
		for (const v of votes.values()) if (!best || v.n > best.n) best = v;
		if (!best) continue;
		out.push({
			...best.a,
			annotator: ACCEPTED,
			source: 'human',
			confidence: r6(best.n / g.length)
		});
	}
	return out;
}

/** The annotations an export writes: raw (each annotator's), accepted, or both. */
export function exportSelection(
	annotations: readonly Annotation[],
	opts: InteropExportOptions
): Annotation[] {
	const raw = annotations.filter((a) => a.annotator !== ACCEPTED);
	const accepted = () =>
		(opts.accepted ?? acceptedByMajority(annotations)).map((a) => ({ ...a, annotator: ACCEPTED }));
	if (opts.which === 'raw') return raw;
	if (opts.which === 'accepted') return accepted();
	return [...raw, ...accepted()];
}

/** Annotations grouped by item id. */
export function byItem(annotations: readonly Annotation[]): Map<ItemId, Annotation[]> {
	const m = new Map<ItemId, Annotation[]>();
	for (const a of annotations) {
		const g = m.get(a.item);
		if (g) g.push(a);
		else m.set(a.item, [a]);
	}
	return m;
}
