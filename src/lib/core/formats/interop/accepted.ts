/**
 * The accepted value of each item and task, as the app decides it (issue 8), for exports:
 * - classification tasks: the item's outcome (gold, a reviewer's decision, or consensus by the
 *   task's method reaching its threshold); items still pending or waiting for review have none;
 * - other tasks: the gold answer, else the latest decision of a reviewer, else the value that
 *   identical answers reach the consensus threshold with, once the item has `overlap` answers.
 * Confidence is the outcome's (or the identical answers' share; 1 for gold and decisions); the
 * method says what decided it (the outcome's method, `review`, `gold`, or `mv` for identical
 * answers). Pure.
 */
import type {
	Annotation,
	EpochMs,
	GoldAnswer,
	ItemId,
	LabelId,
	LabelSchema,
	ReviewDecision,
	TaskId
} from '../../types';
import type { ItemOutcome, OutcomeMethod } from '../../quality/live/outcomes';
import { ACCEPTED, r6 } from './common';

export interface AcceptedInputs {
	schema: LabelSchema;
	annotations: readonly Annotation[];
	/** Outcomes of each classification task, by task id. */
	outcomes: ReadonlyMap<TaskId, Iterable<ItemOutcome>>;
	decisions: readonly ReviewDecision[];
	gold: readonly GoldAnswer[];
	/** Who may decide (owners and reviewers); undefined: anyone (a project not shared). */
	reviewers?: ReadonlySet<string>;
	/** Consensus threshold per task (default `threshold`). */
	thresholds?: ReadonlyMap<TaskId, number>;
	threshold: number;
	overlap: number;
}

/** An accepted value, with what decided it. */
export type AcceptedAnnotation = Annotation & { method: OutcomeMethod };

const keyLabels = (key: string): LabelId[] => (key === '' ? [] : (key.split('+') as LabelId[]));

function acceptedOf(
	item: ItemId,
	task: TaskId,
	value: Annotation['value'],
	confidence: number,
	at: number,
	method: OutcomeMethod
): AcceptedAnnotation {
	return {
		method,
		item,
		task,
		annotator: ACCEPTED,
		value,
		source: 'human',
		confidence: r6(confidence),
		startedAt: at as EpochMs,
		savedAt: at as EpochMs,
		ms: 0
	};
}

export function acceptedAnnotations(inp: AcceptedInputs): AcceptedAnnotation[] {
	const out: AcceptedAnnotation[] = [];
	const classification = new Set(
		inp.schema.tasks.filter((t) => t.type === 'classification').map((t) => t.id)
	);
	for (const [task, outcomes] of inp.outcomes) {
		if (!classification.has(task)) continue;
		for (const o of outcomes) {
			if (o.status !== 'accepted' && o.status !== 'reviewed') continue;
			if (!o.label) continue;
			out.push(
				acceptedOf(
					o.item as ItemId,
					task,
					{ type: 'classification', labels: keyLabels(o.label) },
					o.confidence,
					0,
					o.method
				)
			);
		}
	}
	const done = new Set(out.map((a) => `${a.item}/${a.task}`));
	const gold = new Map<string, GoldAnswer>();
	for (const g of inp.gold) if (!classification.has(g.task)) gold.set(`${g.item}/${g.task}`, g);
	const decided = new Map<string, ReviewDecision>();
	for (const d of inp.decisions) {
		if (classification.has(d.task) || (inp.reviewers && !inp.reviewers.has(d.by))) continue;
		const k = `${d.item}/${d.task}`;
		const cur = decided.get(k);
		if (!cur || d.at > cur.at || (d.at === cur.at && d.by < cur.by)) decided.set(k, d);
	}
	for (const [k, g] of gold) {
		out.push(acceptedOf(g.item, g.task, g.value, 1, g.at, 'gold'));
		done.add(k);
	}
	for (const [k, d] of decided) {
		if (done.has(k)) continue;
		out.push(acceptedOf(d.item, d.task, d.value, 1, d.at, 'review'));
		done.add(k);
	}
	// Consensus of identical answers for the tasks outcomes do not cover.
	const groups = new Map<string, Annotation[]>();
	for (const a of inp.annotations) {
		if (classification.has(a.task) || a.annotator === ACCEPTED || a.source === 'model') continue;
		const k = `${a.item}/${a.task}`;
		if (done.has(k)) continue;
		const g = groups.get(k);
		if (g) g.push(a);
		else groups.set(k, [a]);
	}
	for (const g of groups.values()) {
		const first = g[0] as Annotation;
		if (g.length < Math.max(1, inp.overlap)) continue;
		const votes = new Map<string, { a: Annotation; n: number }>();
		for (const a of g) {
			const key = JSON.stringify(canonical(a.value));
			const v = votes.get(key);
			if (v) v.n++;
			else votes.set(key, { a, n: 1 });
		}
		let best: { a: Annotation; n: number } | undefined;
		for (const v of votes.values()) if (!best || v.n > best.n) best = v;
		const share = (best?.n ?? 0) / g.length;
		const threshold = inp.thresholds?.get(first.task) ?? inp.threshold;
		if (!best || share < threshold - 1e-12) continue;
		out.push(acceptedOf(first.item, first.task, best.a.value, share, 0, 'mv'));
	}
	return out;
}

const REGION_LISTS = new Set([
	'labels',
	'spans',
	'boxes',
	'shapes',
	'instances',
	'segments',
	'tracks',
	'relations'
]);

/** A value without region ids, region lists sorted: equal answers compare equal. */
function canonical(v: unknown, key = ''): unknown {
	if (Array.isArray(v)) {
		const list = v.map((x) => canonical(x));
		return REGION_LISTS.has(key)
			? list.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
			: list;
	}
	if (v && typeof v === 'object') {
		const o: Record<string, unknown> = {};
		for (const k of Object.keys(v).sort())
			if (k !== 'id') o[k] = canonical((v as Record<string, unknown>)[k], k);
		return o;
	}
	return v;
}
