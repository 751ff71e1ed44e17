/**
 * For tests: two project docs linked both ways like two connected peers, each applying the
 * other's updates with origin 'remote'. `a` holds the project's meta; `flush` waits a task.
 */
import * as Y from 'yjs';
import type { EpochMs, ProjectId } from '$lib/core/types';
import { metaInit, projectDocFrom, type ProjectDoc } from '$lib/sync/doc';

export function peerPair(): { a: ProjectDoc; h: ProjectDoc; flush: () => Promise<void> } {
	const a = projectDocFrom(new Y.Doc());
	const h = projectDocFrom(new Y.Doc());
	metaInit(a, {
		id: 'p' as ProjectId,
		name: 'P',
		description: '',
		created: 1 as EpochMs,
		schema: { tasks: [] }
	});
	a.doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(h.doc, u, 'remote');
	});
	h.doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(a.doc, u, 'remote');
	});
	Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
	return { a, h, flush: () => new Promise((r) => setTimeout(r, 0)) };
}
