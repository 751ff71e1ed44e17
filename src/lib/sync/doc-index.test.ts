import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { projectDocFrom } from './doc';
import { DocIndex, type IndexChange } from './doc-index';

/** `n` remote transactions from a peer's doc, each one junk key in annotations. */
function floodFrom(n: number, from = 0): Uint8Array[] {
	const peer = new Y.Doc();
	const out: Uint8Array[] = [];
	peer.on('update', (u: Uint8Array) => out.push(u));
	for (let i = from; i < from + n; i++) peer.getMap('annotations').set(`flood-${i}`, { junk: i });
	return out;
}

describe('DocIndex notifications', () => {
	it('tells a trickle of remote edits at once, and a flood in merged batches', () => {
		vi.useFakeTimers();
		try {
			const p = projectDocFrom(new Y.Doc());
			const index = new DocIndex(p);
			const seen: IndexChange[] = [];
			index.subscribe((c) => seen.push(c));
			for (const u of floodFrom(10)) Y.applyUpdate(p.doc, u, 'peer');
			expect(seen).toHaveLength(10);

			seen.length = 0;
			vi.advanceTimersByTime(1000);
			for (const u of floodFrom(2000, 10)) Y.applyUpdate(p.doc, u, 'peer');
			expect(seen.length).toBeLessThanOrEqual(50);
			// The index itself is current at once; the rest is told within one batch interval.
			expect(index.quarantined.size).toBe(2010);
			vi.advanceTimersByTime(300);
			expect(seen.length).toBeLessThanOrEqual(51);
			expect(seen.at(-1)?.annotations).toBe(true);

			// A local edit is told at once, after what was pending.
			seen.length = 0;
			for (const u of floodFrom(100, 5000)) Y.applyUpdate(p.doc, u, 'peer');
			const before = seen.length;
			p.doc.transact(() => p.annotations.set('mine', { junk: true } as never), 'local');
			expect(seen.length).toBe(before + 2);
			expect(seen.at(-1)?.origin).toBe('local');
			index.destroy();
		} finally {
			vi.useRealTimers();
		}
	});
});
