import type {
	Annotation,
	AnnotationValue,
	AnnotatorId,
	EpochMs,
	ItemId,
	TaskId
} from '../../../types';

/** Who made an annotation, as a file records it. */
export interface Who {
	annotator: AnnotatorId;
	source: 'human' | 'model';
	model?: string;
	confidence?: number;
}

/**
 * Collects regions into one annotation per item, task and annotator, in first-seen order. A value
 * is created by `empty` and filled by `push`.
 */
export class AnnotationBag {
	private readonly map = new Map<string, Annotation>();
	constructor(private readonly now: number) {}
	get(item: ItemId, task: TaskId, who: Who, empty: () => AnnotationValue): Annotation {
		const key = `${item}/${task}/${who.annotator}`;
		let a = this.map.get(key);
		if (!a) {
			a = {
				item,
				task,
				annotator: who.annotator,
				value: empty(),
				source: who.source,
				startedAt: this.now as EpochMs,
				savedAt: this.now as EpochMs,
				ms: 0
			};
			if (who.model !== undefined) a.model = who.model;
			if (who.confidence !== undefined) a.confidence = who.confidence;
			this.map.set(key, a);
		}
		return a;
	}
	has(item: ItemId, task: TaskId, annotator: AnnotatorId): boolean {
		return this.map.has(`${item}/${task}/${annotator}`);
	}
	all(): Annotation[] {
		return [...this.map.values()];
	}
}
