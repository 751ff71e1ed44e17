/**
 * The first imported image with boxes, to show the user what was read: its name, size and boxes
 * with their label names.
 */
import type { Annotation, LabelSchema } from '$lib/core/types';
import type { InteropResultView, LabelsPreview } from './types';

type Sample = NonNullable<InteropResultView['sample']>;

/** The sample, with its blob (the caller makes the URL), or undefined when no image has boxes. */
export function importSample(
	p: LabelsPreview,
	annotations: readonly Annotation[],
	schema: LabelSchema
): (Omit<Sample, 'url'> & { blob: Blob }) | undefined {
	for (const a of annotations) {
		if (a.value.type !== 'boxes' || a.value.boxes.length === 0) continue;
		const b = p.blobs.get(a.item);
		const item =
			p.attach.find((i) => i.id === a.item) ??
			p.plan.result.items.find((i) => i.id === a.item) ??
			p.extraItems.find((i) => i.id === a.item);
		const width = Number(item?.meta?.width);
		const height = Number(item?.meta?.height);
		if (!b || !item || !(width > 0 && height > 0)) continue;
		const task = schema.tasks.find((t) => t.id === a.task);
		const name = (id: string) =>
			(task && 'labels' in task ? task.labels.find((l) => l.id === id)?.name : undefined) ?? id;
		return {
			name: item.media?.name ?? item.id,
			blob: b.blob,
			width,
			height,
			boxes: a.value.boxes.map((x) => ({ x: x.x, y: x.y, w: x.w, h: x.h, label: name(x.label) }))
		};
	}
	return undefined;
}
