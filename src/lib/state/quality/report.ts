/** The quality report of one task (JSON and CSV): settings, figures, accuracy and every outcome. */
import { csvRow } from '$lib/core/formats/csv-write';
import type { ItemOutcome } from '$lib/core/quality/live/outcomes';
import type { QualityState } from './quality.svelte';

/** Items' outcomes as rows for tables and the report export. */
export function outcomeRows(q: Pick<QualityState, 'labelName'>, outcomes: Iterable<ItemOutcome>) {
	return [...outcomes].map((o) => ({
		item: o.item,
		label: q.labelName(o.label),
		confidence: o.confidence,
		agreement: o.agreement,
		answers: o.answers,
		status: o.status,
		method: o.method,
		reasons: o.reasons.join(' ')
	}));
}

const CSV_HEADER = [
	'item',
	'label',
	'confidence',
	'agreement',
	'answers',
	'status',
	'method',
	'reasons'
] as const;

export function qualityReport(
	q: Pick<
		QualityState,
		| 'outcomes'
		| 'task'
		| 'consensus'
		| 'modelAt'
		| 'figures'
		| 'accuracy'
		| 'memberName'
		| 'labelName'
	>,
	project: { name: string; overlap: number }
): { json: string; csv: string } {
	const rows = outcomeRows(q, q.outcomes.all());
	const json = JSON.stringify(
		{
			project: project.name,
			task: q.task?.name,
			consensus: q.consensus,
			overlap: project.overlap,
			modelAt: q.modelAt,
			figures: q.figures,
			annotators: q.accuracy.map((a) => ({ ...a, name: q.memberName(a.annotator) })),
			items: rows
		},
		(_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
		2
	);
	const lines = [csvRow([...CSV_HEADER])];
	for (const r of rows) lines.push(csvRow(CSV_HEADER.map((h) => String(r[h]))));
	return { json, csv: lines.join('\r\n') + '\r\n' };
}
