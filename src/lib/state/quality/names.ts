/** How quality views name people and answers. */
import { importedName, isImportedAnnotator } from '$lib/core/formats/interop/imported';
import type { AnnotatorId, ClassificationTask } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { keyLabels } from './keys';

/** A member's name; imported annotators by their source; else "You" or a short id. */
export function memberNameOf(store: ProjectStore, me: AnnotatorId, id: string): string {
	const name = store.member(id as AnnotatorId)?.name;
	if (typeof name === 'string' && name) return name;
	if (isImportedAnnotator(id)) return importedName(id);
	return id === me ? 'You' : id.slice(0, 8);
}

/** An answer key's label names, joined by " + ". */
export function labelNameOf(task: ClassificationTask | undefined, key: string): string {
	const labels = task?.labels ?? [];
	return (
		keyLabels(key)
			.map((id) => labels.find((l) => l.id === id)?.name ?? `(removed label ${id})`)
			.join(' + ') || '(no label)'
	);
}
