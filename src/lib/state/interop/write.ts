/**
 * Writes a previewed interop import, with the redactions of its review when there was one: the
 * rows or the plan the review covered (fixed when it opened), else as the preview stands now.
 */
import { planApply } from '$lib/core/formats/interop/plan';
import type { AnnotatorId } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { ProjectStore } from '$lib/sync/project-store';
import type { RedactionReview } from '../privacy/redaction-review';
import type { InteropChoices } from './choices.svelte';
import { labelsApply } from './labels-apply';
import { parquetApply, parquetRowsRead } from './parquet';
import { targetsMap, type Reviewed } from './review';
import type { InteropResultView, LabelsPreview, ParquetPreview } from './types';

export async function interopWrite(opts: {
	p: LabelsPreview | ParquetPreview;
	store: ProjectStore;
	choices: InteropChoices;
	review?: { review: RedactionReview; reviewed: Reviewed } | undefined;
	now: number;
	me: AnnotatorId;
	blobs: BlobsRepo;
	sampleUrl: (blob: Blob) => string;
	stallMs?: number | undefined;
}): Promise<InteropResultView> {
	const { p, review, choices } = opts;
	const edits = review?.review.edits();
	const reviewed = review?.reviewed;
	const common = { store: opts.store, edits, now: opts.now, me: opts.me };
	const r =
		p.type === 'parquet'
			? parquetApply({
					...common,
					p,
					rows:
						reviewed?.type === 'parquet'
							? reviewed
							: await parquetRowsRead(p, choices.mapping, opts.stallMs)
				})
			: await labelsApply({
					...common,
					p,
					out:
						reviewed?.type === 'labels'
							? reviewed.out
							: planApply(p.plan, targetsMap(choices.targets)),
					blobs: opts.blobs,
					sampleUrl: opts.sampleUrl
				});
	if (edits && review)
		r.redacted = {
			...(r.redacted ?? { moved: 0, widened: 0 }),
			texts: edits.size,
			findings: review.review.appliedCount
		};
	return r;
}
