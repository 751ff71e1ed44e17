/**
 * Test helpers: annotations in a form that two imports of the same labels share, and the fuzz
 * targets built from the real fixture files (for the fuzz tests and the import bench).
 */
import { mediaItem } from '../../src/lib/core/media';
import type { Annotation, LabelSchema } from '../../src/lib/core/types';
import { fuzzTargets } from './fuzz-interop';

/** Label ids → names, region ids dropped, regions sorted: what a round trip must keep. */
export function comparable(annotations: readonly Annotation[], schema: LabelSchema): string[] {
	const names = new Map<string, string>();
	const tasks = new Map<string, string>();
	for (const t of schema.tasks) {
		tasks.set(t.id, `${t.type}:${t.name}`);
		if ('labels' in t) for (const l of t.labels) names.set(`${t.id}/${l.id}`, l.name);
	}
	return annotations
		.map((a) => {
			const name = (l: string) => names.get(`${a.task}/${l}`) ?? `?${l}`;
			const strip = (v: unknown): unknown => {
				if (Array.isArray(v)) return v.map(strip);
				if (v && typeof v === 'object') {
					const o: Record<string, unknown> = {};
					for (const [k, x] of Object.entries(v)) {
						if (k === 'id') continue;
						o[k] = k === 'label' && typeof x === 'string' ? name(x) : strip(x);
					}
					if (Array.isArray(o.labels)) o.labels = (o.labels as string[]).map(name).sort();
					return o;
				}
				return v;
			};
			const value = strip(a.value) as Record<string, unknown>;
			for (const k of ['boxes', 'shapes', 'instances', 'spans'])
				if (Array.isArray(value[k]))
					value[k] = (value[k] as unknown[]).map((r) => JSON.stringify(r)).sort();
			return JSON.stringify({
				item: a.item,
				task: tasks.get(a.task),
				annotator: a.annotator,
				source: a.source,
				model: a.model,
				confidence: a.confidence,
				value
			});
		})
		.sort();
}

/** The real files the fuzz targets start from, read by `read` (a path under tests/fixtures/interop). */
export function fixtureFuzzTargets(read: (path: string) => string): ReturnType<typeof fuzzTargets> {
	return fuzzTargets({
		coco: read('coco.json'),
		ls: read('label-studio.json'),
		voc: read('voc/street.xml'),
		conll: read('ner.conll'),
		spacy: read('spans.jsonl'),
		yolo: {
			'classes.txt': read('yolo/classes.txt'),
			'labels/street.txt': read('yolo/labels/street.txt'),
			'labels/park.txt': read('yolo/labels/park.txt'),
			'labels/people.txt': read('yolo-seg/labels/street.txt')
		},
		items: [
			mediaItem({
				sha256: 'a'.repeat(64),
				kind: 'image',
				mime: 'image/jpeg',
				size: 1,
				name: 'street.jpg',
				seq: 0,
				meta: { width: '640', height: '480' }
			}),
			mediaItem({
				sha256: 'b'.repeat(64),
				kind: 'image',
				mime: 'image/jpeg',
				size: 1,
				name: 'people.jpg',
				seq: 1,
				meta: { width: '800', height: '600' }
			})
		]
	});
}
