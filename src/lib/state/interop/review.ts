/**
 * The personal-data review of what an interop import would add, opened before anything is
 * written: the texts and metadata of the new items (labels import) or of the rows (Parquet), with
 * names from the file's person spans and from the project's saved span model. What it covers is
 * fixed here, so the import writes exactly what was reviewed.
 */
import type { LabelTarget } from '$lib/core/formats/interop/plan';
import { planApply } from '$lib/core/formats/interop/plan';
import type { PersonSpan } from '$lib/core/privacy/detect';
import { personSpansLabeled } from '$lib/core/privacy/persons';
import { redactionKey } from '$lib/core/privacy/redact-items';
import type { Item, LabelId } from '$lib/core/types';
import type { ModelIO } from '$lib/ml/model-io';
import type { ProjectStore } from '$lib/sync/project-store';
import { personModelLoad } from '../privacy/person-model';
import { RedactionReview } from '../privacy/redaction-review';
import { reviewEntries } from '../privacy/review-entries';
import type { PlanOut } from './labels-apply';
import {
	parquetReviewItems,
	parquetRowsRead,
	type ParquetMapping,
	type ParquetRows
} from './parquet';
import type { LabelsPreview, ParquetPreview } from './types';

/** What a review covers: the planned labels import, or the Parquet rows as read. */
export type Reviewed = { type: 'labels'; out: PlanOut } | ({ type: 'parquet' } & ParquetRows);

export const targetsMap = (targets: Record<string, LabelTarget>) =>
	new Map(Object.entries(targets) as [LabelId, LabelTarget][]);

export async function interopReviewOpen(opts: {
	p: LabelsPreview | ParquetPreview;
	project: string;
	store: ProjectStore;
	targets: Record<string, LabelTarget>;
	mapping: ParquetMapping;
	modelIO?: ModelIO | undefined;
	stallMs?: number | undefined;
}): Promise<{ review: RedactionReview; modelTasks: string[]; reviewed: Reviewed }> {
	const { p, store } = opts;
	const model = await personModelLoad(opts.project, store.schema, opts.modelIO).catch(
		() => undefined
	);
	let items: Item[];
	let labeled: ReadonlyMap<string, readonly PersonSpan[]> = new Map();
	let where: (it: Item, part: string) => string;
	let reviewed: Reviewed;
	if (p.type === 'parquet') {
		const rows = await parquetRowsRead(p, opts.mapping, opts.stallMs);
		reviewed = { type: 'parquet', ...rows };
		({ items, where } = parquetReviewItems(p.file, rows.rows));
	} else {
		const out = planApply(p.plan, targetsMap(opts.targets));
		reviewed = { type: 'labels', out };
		items = [...out.items, ...p.extraItems].filter((i) => !store.has(i.id));
		labeled = personSpansLabeled(out.schema, out.annotations, (item, field) =>
			redactionKey(item, field ? `f:${field}` : '')
		);
		const name = (it: Item) => it.media?.name ?? it.source ?? '';
		where = (it, part) => {
			const n = it.text === undefined ? name(it) : '';
			return `${p.file}${n ? `, ${n}` : `, text ${out.items.indexOf(it) + 1}`}${part === 'text' ? '' : `, ${part}`}`;
		};
	}
	const review = new RedactionReview(await reviewEntries(items, labeled, model, where));
	const modelTasks = model && review.personSources.model > 0 ? model.tasks : [];
	return { review, modelTasks, reviewed };
}
