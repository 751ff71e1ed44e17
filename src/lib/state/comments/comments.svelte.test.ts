import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { commentIdNew } from '$lib/core/comments/comments';
import type { AnnotatorId, EpochMs, ItemId, Member } from '$lib/core/types';
import { sessionWithSchema, textItems } from '$tests/helpers/session';
import { CommentsState } from './comments.svelte';

const ME = 'me' as AnnotatorId;
const BEA = 'bea' as AnnotatorId;
const I0 = 'i0' as ItemId;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

const member = (id: string, name: string): Member => ({
	id: id as AnnotatorId,
	name,
	color: '#336699',
	role: 'annotator'
});

async function setup() {
	const s = await sessionWithSchema([], { items: textItems(3) });
	s.store.memberUpsert(member('me', 'Mia'));
	s.store.memberUpsert(member('bea', 'Bea Ruiz'));
	const prefs = new Map<string, unknown>();
	let now = 100;
	const deps = {
		prefGet: <T>(k: string) => Promise.resolve(prefs.get(k) as T | undefined),
		prefSet: (k: string, v: unknown) => Promise.resolve(void prefs.set(k, v)),
		now: () => now
	};
	const c = new CommentsState(s, ME, deps);
	await c.load();
	cleanup.push(() => s.destroy());
	/** A comment written by Bea on her device (it arrives through the store like a peer's). */
	const fromBea = (at: number, text: string, thread?: string) =>
		s.store.comments.add({
			id: commentIdNew(BEA, at as EpochMs),
			item: I0,
			by: BEA,
			at: at as EpochMs,
			text,
			...(thread ? { thread } : {})
		});
	return { s, c, deps, prefs, fromBea, tick: (t: number) => (now = t) };
}

describe('CommentsState', () => {
	it('threads, mentions, unread counts that follow the store, read marks kept per device', async () => {
		const { c, s, fromBea, prefs, deps, tick } = await setup();
		const seen: number[] = [];
		const stop = $effect.root(() => {
			$effect(() => void seen.push(c.unread));
		});
		flushSync();
		expect(c.add(I0, '   ')).toBe('Write something first.');
		expect(c.add(I0, 'Is this sarcasm, @bea ruiz?')).toBeUndefined();
		const [thread] = c.threadsOf(I0);
		expect(thread?.comments[0]).toMatchObject({ by: ME, mentions: [BEA] });
		expect(c.unread).toBe(0);
		fromBea(200, 'Yes, read the last line', thread?.id);
		fromBea(210, 'And this one?');
		flushSync();
		expect(seen.at(-1)).toBe(2);
		expect(c.unreadOf(I0)).toBe(2);
		expect(c.unreadOf('i1' as ItemId)).toBe(0);
		await c.markRead(I0);
		flushSync();
		expect(seen.at(-1)).toBe(0);
		// The marks are this device's preference: a new view of the same project reads them.
		expect(Object.keys(prefs.get(`comments-read:${s.id}`) as object)).toHaveLength(2);
		const again = new CommentsState(s, ME, deps);
		await again.load();
		expect(again.unread).toBe(0);
		// Resolving, then a new answer reopens the thread.
		tick(300);
		c.resolve(thread!, true);
		expect(c.threadsOf(I0).find((t) => t.id === thread?.id)).toMatchObject({ resolved: true });
		fromBea(400, 'Wait, not sure', thread?.id);
		flushSync();
		expect(c.threadsOf(I0).find((t) => t.id === thread?.id)?.resolved).toBe(false);
		expect(seen.at(-1)).toBe(1);
		expect(c.nameOf(BEA)).toBe('Bea Ruiz');
		expect(c.members.map((m) => m.id)).toEqual([BEA]);
		stop();
	});
});
