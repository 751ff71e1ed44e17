/**
 * Text spans: a BIO tagger with a dictionary (ml/media/spans) trained on the project's labeled
 * spans, then asked for the spans of every item I have not answered.
 */
import type { LabelId } from '$lib/core/types';
import type { PredictionRow } from '$lib/storage/db';
import { taskField } from './media-fields';
import type { MediaRun } from './media-run';
import type { SavedModelInfo } from './media-saved';

export async function spansRun(
	run: MediaRun,
	saved: (info: SavedModelInfo) => Promise<void>
): Promise<string> {
	const { task: t, ctx } = run;
	const docs = run.labeled().flatMap(({ item, value }) => {
		const f = taskField(item, t);
		if (f?.kind !== 'text' || value.type !== 'spans') return [];
		return [
			{ text: f.text, spans: value.spans.map(({ start, end, label }) => ({ start, end, label })) }
		];
	});
	if (docs.every((d) => d.spans.length === 0))
		throw new Error(
			`Label some spans in “${t.name}” first: the model learns from the project's labeled spans.`
		);
	const key = `${ctx.project}:${t.id}`;
	run.progress({ phase: `Training on ${docs.length} labeled items` });
	const trained = await run.call('spans-train', { key, now: ctx.deps.now(), docs });
	await saved({ trainedOn: trained.docs, trainedAt: ctx.deps.now() });
	const todo = run.unlabeled('spans');
	if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
	run.progress({ phase: 'Suggesting spans', done: 0, total: todo.length });
	const texts = todo.map((it) => (taskField(it, t) as { text: string }).text);
	const { spans } = await run.call('spans-suggest', { key, texts, threshold: run.threshold });
	const model = run.modelId('spans-tagger');
	await run.fresh(model);
	const labelIds = new Set(t.labels.map((l) => l.id as string));
	const rows: PredictionRow[] = [];
	todo.forEach((it, i) => {
		const got = (spans[i] ?? []).filter((s) => labelIds.has(s.label));
		if (got.length === 0) return;
		const value = {
			type: 'spans' as const,
			spans: got.map((s) => ({
				id: `m${s.start}-${s.end}`,
				start: s.start,
				end: s.end,
				label: s.label as LabelId
			}))
		};
		const confidence = got.reduce((a, s) => a + s.confidence, 0) / got.length;
		rows.push(run.row(it.id, model, value, confidence));
	});
	await run.store(rows);
	run.progress({ done: todo.length });
	return `Trained on ${trained.docs} items (${trained.dictionary} dictionary entries). Suggested spans for ${rows.length} of ${todo.length} unlabeled items.`;
}
