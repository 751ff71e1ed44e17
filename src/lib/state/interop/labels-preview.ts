/**
 * The preview of a labeled-data file (COCO, YOLO, VOC, CoNLL, spaCy, Label Studio, or a zip of
 * media with such labels): the plan against the project's items, what it matches and adds, the
 * annotations per task, the media it brings or still lacks, and the problems. Reads the project;
 * writes nothing.
 */
import type { InteropProblem } from '$lib/core/formats/interop/common';
import type { InteropKind } from '$lib/core/formats/interop/detect';
import type { InteropFiles } from '$lib/core/formats/interop/files';
import { isPathOnly, mediaAttach, mediaMatch } from '$lib/core/formats/interop/media-match';
import {
	interopPlan,
	itemStorable,
	type ImportPlan,
	type InteropInput
} from '$lib/core/formats/interop/plan';
import type { Item, MediaKind } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import type { Probe } from '../import/media-probe';
import type { LabelsPreview, TaskCount } from './types';
import { mediaItemsRead, type MediaItems } from './zip-media';

/** What a labels preview is made from (kept, to plan it again with added media). */
export interface LabelsSource {
	file: string;
	kind: InteropKind;
	input: InteropInput;
	media: Record<string, Uint8Array>;
}

/** Media the user added for the items named by a path only. */
export interface AddedMedia {
	media: Record<string, Uint8Array>;
	ignored: string[];
}

/** Regions of a value (boxes, shapes, spans, …), or its choices. */
function regionsOf(v: unknown): number {
	const o = v as Record<string, unknown>;
	for (const k of ['boxes', 'shapes', 'instances', 'spans', 'labels', 'segments', 'tracks'])
		if (Array.isArray(o[k])) return (o[k] as unknown[]).length;
	return 1;
}

function taskCounts(plan: ImportPlan): TaskCount[] {
	const tasks = new Map<string, TaskCount>();
	for (const t of plan.result.schema.tasks)
		tasks.set(t.id, {
			task: t.name,
			kind: t.type,
			annotations: 0,
			regions: 0,
			isNew: plan.newTasks.some((n) => n.id === t.id)
		});
	for (const a of plan.result.annotations) {
		const c = tasks.get(a.task);
		if (!c) continue;
		c.annotations++;
		c.regions += regionsOf(a.value);
	}
	return [...tasks.values()].filter((t) => t.annotations > 0 || t.isNew);
}

function projectItems(store: Pick<ProjectStore, 'order' | 'item'>): Item[] {
	const out: Item[] = [];
	for (const id of store.order) {
		const it = store.item(id);
		if (it) out.push(it);
	}
	return out;
}

/**
 * Plans `src` against the project. With `added` (media the user picked), `needPaths` are the
 * paths the first preview found without media, to say which the added media matched.
 */
export async function labelsPreview(opts: {
	src: LabelsSource;
	store: Pick<ProjectStore, 'order' | 'item' | 'has' | 'schema'>;
	probe: (blob: Blob, kind: MediaKind) => Promise<Probe>;
	now: number;
	added?: AddedMedia;
	needPaths?: readonly string[];
}): Promise<LabelsPreview> {
	const { src, store, probe, now, added } = opts;
	const { file, kind } = src;
	const mediaProblems: InteropProblem[] = [];
	const m = await mediaItemsRead({ file, media: src.media, now, probe, problems: mediaProblems });
	let a: MediaItems | undefined;
	if (added) {
		a = await mediaItemsRead({
			file: 'added',
			media: added.media,
			now,
			probe,
			problems: mediaProblems,
			seq0: m.items.length
		});
		for (const [id, b] of a.blobs) m.blobs.set(id, b);
	}
	const plan = interopPlan(
		kind,
		src.input as string | Uint8Array | InteropFiles,
		file,
		store.schema,
		{
			items: [...projectItems(store), ...m.items, ...(a?.items ?? [])],
			now
		}
	);
	const used = new Set(plan.result.items.map((i) => i.id));
	const fresh = plan.result.items.filter((i) => !store.has(i.id));
	const freshPaths = fresh.flatMap((i) =>
		itemStorable(i) !== i && i.media && 'url' in i.media ? [i.media.url] : []
	);
	// Items of the project the file names that an earlier import left without media: the zip's
	// or the added media matching their paths attach to them (same id and labels).
	const stale = plan.result.items.filter((i) => store.has(i.id) && isPathOnly(i));
	const pool = new Map<string, Item>();
	m.paths.forEach((path, k) => pool.set(path, m.items[k] as Item));
	a?.paths.forEach((path, k) => pool.has(path) || pool.set(path, a.items[k] as Item));
	const att = mediaAttach(stale, pool);
	const attachedMedia = new Set(att.from.map((f) => f.media));
	for (const f of att.from) {
		const blob = m.blobs.get(f.media);
		if (blob) m.blobs.set(f.item, blob);
	}
	const unlabeled = m.items.filter((i) => !used.has(i.id) && !attachedMedia.has(i.id));
	return {
		type: 'labels',
		file,
		kind,
		plan,
		matched: plan.result.items.length - fresh.length,
		added: fresh.length,
		addedWithMedia: fresh.filter((i) => m.blobs.has(i.id)).length,
		addedNoMedia: fresh.filter((i) => itemStorable(i) !== i).length,
		existingNoMedia: att.missing.length,
		noMediaPaths: [...freshPaths, ...stale.map((i) => i.source as string)],
		attach: att.items,
		...(a && added
			? { mediaAdded: { ...mediaMatch(opts.needPaths ?? [], a.paths), ignored: added.ignored } }
			: {}),
		mediaUnlabeled: unlabeled.filter((i) => !store.has(i.id)).length,
		tasks: taskCounts(plan),
		problems: [...mediaProblems, ...plan.result.problems],
		problemCount: mediaProblems.length + plan.result.problemCount,
		blobs: m.blobs,
		extraItems: unlabeled
	};
}
