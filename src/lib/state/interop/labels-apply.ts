/**
 * Writes a previewed labels import: the media blobs first (one IndexedDB transaction), then the
 * schema, the new items, media for items kept by a path only, the annotations not there yet and
 * a log line, in one doc transaction: all or nothing. With redactions from the review, the new
 * items carry the redacted texts and their spans are moved to the same words.
 */
import { INTEROP_NAMES } from '$lib/core/formats/interop/detect';
import { isPathOnly } from '$lib/core/formats/interop/media-match';
import type { planApply } from '$lib/core/formats/interop/plan';
import { importRedact, type TextRedaction } from '$lib/core/privacy/redact-items';
import type { AnnotatorId, EpochMs, Item, LabelSchema } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { ORIGIN, type ProjectStore } from '$lib/sync/project-store';
import { importSample } from './import-sample';
import type { InteropResultView, LabelsPreview } from './types';

export type PlanOut = ReturnType<typeof planApply>;

/** Labels of `schema` not in `before`, over all tasks. */
function labelsNew(schema: LabelSchema, before: LabelSchema): number {
	const had = new Set(
		before.tasks.flatMap((t) => ('labels' in t ? t.labels.map((l) => l.id) : []))
	);
	return schema.tasks.reduce(
		(n, t) => n + ('labels' in t ? t.labels.filter((l) => !had.has(l.id)).length : 0),
		0
	);
}

/** `out` and the zip's extra items with the review's redactions of the items not there yet. */
function redacted(
	store: ProjectStore,
	out: PlanOut,
	extra: Item[],
	edits: ReadonlyMap<string, TextRedaction>
): { out: PlanOut; extra: Item[]; moved: number; widened: number } {
	const fresh = [...out.items, ...extra].filter((i) => !store.has(i.id));
	const red = importRedact(fresh, out.annotations, out.schema, edits);
	const byOld = new Map(fresh.map((it, k) => [it.id, red.items[k] as Item]));
	const swap = (it: Item) => byOld.get(it.id) ?? it;
	return {
		out: { ...out, items: out.items.map(swap), annotations: red.annotations },
		extra: extra.map(swap),
		moved: red.moved,
		widened: red.widened
	};
}

export async function labelsApply(opts: {
	store: ProjectStore;
	p: LabelsPreview;
	out: PlanOut;
	edits?: ReadonlyMap<string, TextRedaction> | undefined;
	now: number;
	me: AnnotatorId;
	blobs: BlobsRepo;
	/** An object URL for the sample image (the caller revokes it). */
	sampleUrl: (blob: Blob) => string;
}): Promise<InteropResultView> {
	const { store, p, now, edits } = opts;
	let out = opts.out;
	let extra = p.extraItems;
	let shifted = { moved: 0, widened: 0 };
	if (edits?.size) {
		const r = redacted(store, out, extra, edits);
		({ out, extra } = r);
		shifted = { moved: r.moved, widened: r.widened };
	}
	// The import's new items in one run of seq from now·1000, as the row importer numbers
	// them: the Prepare page reports on this import from there.
	const seqFrom = now * 1000;
	let k = 0;
	const items = [...out.items, ...extra].map((it) =>
		store.has(it.id) ? it : { ...it, seq: seqFrom + k++ }
	);
	await opts.blobs.putMany(items.flatMap((i) => p.blobs.get(i.id) ?? []));
	const labelsCreated = labelsNew(out.schema, store.schema);
	// Media for items of the project still without them (another device may have added them
	// since the preview): a line with the same id and a lower seq, which the doc index and every
	// peer take over the path-only line. Annotations stay on the same id.
	const attach = p.attach.filter((it) => isPathOnly(store.item(it.id)));
	// Items of the project the file names are matched, not duplicates: only the file's own
	// repeats count as skipped.
	const newIds = items.filter((it) => !store.has(it.id)).length;
	let added = 0;
	let written = 0;
	store.batch(() => {
		if (JSON.stringify(out.schema) !== JSON.stringify(store.schema))
			store.schemaSet(out.schema, ORIGIN.IMPORT);
		added = store.itemsAdd(items, ORIGIN.IMPORT);
		if (attach.length) store.itemsAttach(attach, ORIGIN.IMPORT);
		for (const a of out.annotations) {
			if (store.annotation(a.item, a.task, a.annotator)) continue;
			store.label(a, ORIGIN.IMPORT);
			written++;
		}
		store.logAppend(
			{
				at: now as EpochMs,
				who: opts.me,
				what: 'import',
				detail: `${INTEROP_NAMES[p.kind]} ${p.file}: ${added} items, ${written} annotations${attach.length ? `, media for ${attach.length} items` : ''}`
			},
			ORIGIN.IMPORT
		);
	}, ORIGIN.IMPORT);
	const sample = importSample(p, out.annotations, out.schema);
	let shown: InteropResultView['sample'];
	if (sample) {
		const { blob, ...rest } = sample;
		shown = { ...rest, url: opts.sampleUrl(blob) };
	}
	return {
		...(shown ? { sample: shown } : {}),
		file: p.file,
		added,
		annotations: written,
		kept: out.annotations.length - written,
		attached: attach.length,
		labelsCreated,
		skippedRegions: out.skipped,
		problems: p.problems,
		duplicates: newIds - added,
		seqFrom,
		...(edits ? { redacted: { texts: 0, findings: 0, ...shifted } } : {})
	};
}
