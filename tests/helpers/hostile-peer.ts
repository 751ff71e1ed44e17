/**
 * For tests: another device's copy of an open project, held as a modified client would hold it.
 * Its writes reach the store as a peer's updates (origin 'remote'), with no checks on what it
 * writes: other people's keys, invalid values.
 */
import * as Y from 'yjs';
import { projectDocOf, type ProjectStore } from '$lib/sync/project-store';

export interface HostilePeer {
	/** Writes any value under any annotation key (`item/task/annotator`). */
	annotationSet(key: string, value: unknown): void;
	/** Receives everything the store has now (as a peer would before writing again). */
	catchUp(): void;
	destroy(): void;
}

export function hostilePeerOf(store: ProjectStore): HostilePeer {
	const target = projectDocOf(store).doc;
	const h = new Y.Doc();
	const catchUp = () => Y.applyUpdate(h, Y.encodeStateAsUpdate(target));
	catchUp();
	h.on('update', (u: Uint8Array) => Y.applyUpdate(target, u, 'remote'));
	return {
		annotationSet: (key, value) => h.getMap('annotations').set(key, value),
		catchUp,
		destroy: () => h.destroy()
	};
}
