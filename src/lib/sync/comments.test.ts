import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commentIdNew, commentThreads, type ItemComment } from '$lib/core/comments/comments';
import type { AnnotatorId, EpochMs, ItemId, TaskId } from '$lib/core/types';
import { ProjectStore, projectDocOf, type DocChange } from './project-store';

const A = 'ann' as AnnotatorId;
const B = 'bea' as AnnotatorId;
const I = 'i1' as ItemId;
const comment = (by: AnnotatorId, at: number, text: string, thread?: string): ItemComment => ({
	id: commentIdNew(by, at as EpochMs),
	item: I,
	by,
	at: at as EpochMs,
	text,
	...(thread ? { thread } : {})
});

/** Two stores joined as peers, plus a third that joins later from a state snapshot. */
function peers(): [ProjectStore, ProjectStore] {
	const a = new ProjectStore();
	const b = new ProjectStore();
	const da = projectDocOf(a).doc;
	const db = projectDocOf(b).doc;
	da.on('update', (u: Uint8Array, o: unknown) => o !== 'peer' && Y.applyUpdate(db, u, 'peer'));
	db.on('update', (u: Uint8Array, o: unknown) => o !== 'peer' && Y.applyUpdate(da, u, 'peer'));
	return [a, b];
}

describe('comments through the store', () => {
	it('a thread, a region comment and a resolution reach the peer with a comments event', () => {
		const [a, b] = peers();
		const heard: DocChange[] = [];
		b.on('comments', (c) => heard.push(c));
		const start = comment(A, 10, 'Is this a cat? @bea');
		a.comments.add({ ...start, mentions: [B] });
		b.comments.add(comment(B, 20, 'A lynx', start.id));
		a.comments.add({
			...comment(A, 30, 'This box is too wide'),
			region: { task: 'boxes' as TaskId, annotator: B, region: 'r1' }
		});
		expect(heard.map((c) => [c.local, [...c.topics]])).toEqual([
			[false, ['comments']],
			[true, ['comments']],
			[false, ['comments']]
		]);
		const threads = () => {
			const { comments, resolutions } = b.comments.of(I);
			return commentThreads(comments, resolutions);
		};
		expect(threads().map((t) => [t.comments.length, t.region?.region ?? null])).toEqual([
			[1, 'r1'],
			[2, null]
		]);
		b.comments.resolve({ thread: start.id, item: I, by: B, at: 40 as EpochMs, resolved: true });
		const inA = a.comments.of(I);
		expect(commentThreads(inA.comments, inA.resolutions)[1]).toMatchObject({
			resolved: true,
			resolvedBy: B
		});
		expect(b.comments.of('other' as ItemId).comments).toEqual([]);
		expect([...a.comments.items().keys()]).toEqual([I]);
		// A late joiner gets everything from a snapshot of the doc.
		const c = new ProjectStore();
		Y.applyUpdate(projectDocOf(c).doc, Y.encodeStateAsUpdate(projectDocOf(a).doc));
		expect(c.comments.of(I).comments).toHaveLength(3);
		for (const s of [a, b, c]) s.destroy();
	});

	it("leaves out a peer's comment written under another member's id or a malformed one", () => {
		const [a, b] = peers();
		const forged = { ...comment(A, 1, 'I am ann'), by: B };
		const map = projectDocOf(a).doc.getMap('comments');
		map.set(`c/${I}/${forged.id}`, forged);
		map.set(`c/${I}/x`, { text: 42 });
		const good = comment(A, 2, 'fine');
		map.set(`c/${I}/other-key`, good);
		expect(b.comments.of(I).comments).toEqual([]);
		a.comments.add(good);
		expect(b.comments.of(I).comments).toEqual([good]);
		a.destroy();
		b.destroy();
	});
});
