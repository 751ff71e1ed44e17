import { describe, expect, it } from 'vitest';
import type { AnnotatorId, EpochMs, ItemId } from '../types';
import {
	commentIdNew,
	commentThreads,
	commentsUnread,
	isCommentResolution,
	isItemComment,
	mentionsFind,
	regionsOf,
	type ItemComment
} from './comments';

const A = 'ann' as AnnotatorId;
const B = 'bea' as AnnotatorId;
const I = 'item1' as ItemId;
const at = (n: number) => n as EpochMs;
const c = (by: AnnotatorId, n: number, text: string, thread?: string): ItemComment => ({
	id: commentIdNew(by, at(n)),
	item: I,
	by,
	at: at(n),
	text,
	...(thread ? { thread } : {})
});

describe('comments', () => {
	it('accepts only comments whose id names their author', () => {
		expect(isItemComment(c(A, 1, 'hi'))).toBe(true);
		expect(isItemComment({ ...c(A, 1, 'hi'), by: B })).toBe(false);
		expect(isItemComment(c(A, 1, '   '))).toBe(false);
		expect(isItemComment({ ...c(A, 1, 'x'), region: { task: 't', annotator: B } })).toBe(false);
		expect(isCommentResolution({ thread: 'x', item: I, by: A, at: 1, resolved: 'yes' })).toBe(
			false
		);
	});

	it('groups replies under their thread; the latest resolution counts until a new reply', () => {
		const start = c(A, 1, 'Is this a cat?');
		const reply = c(B, 2, 'A lynx', start.id);
		const other = c(B, 5, 'Blurry');
		let threads = commentThreads([reply, other, start], []);
		expect(threads.map((t) => t.comments.map((x) => x.text))).toEqual([
			['Blurry'],
			['Is this a cat?', 'A lynx']
		]);
		const res = [
			{ thread: start.id, item: I, by: A, at: at(3), resolved: true },
			{ thread: start.id, item: I, by: B, at: at(2), resolved: false }
		];
		threads = commentThreads([start, reply, other], res);
		expect(threads.find((t) => t.id === start.id)).toMatchObject({
			resolved: true,
			resolvedBy: A
		});
		// A reply after the resolution reopens it.
		threads = commentThreads([start, reply, other, c(B, 4, 'Still unsure', start.id)], res);
		expect(threads.find((t) => t.id === start.id)?.resolved).toBe(false);
		// A reply whose start has not arrived is a thread of its own for now.
		expect(commentThreads([reply], []).map((t) => t.id)).toEqual([reply.id]);
	});

	it('finds @mentions by the longest member name, in any script, not in e-mail addresses', () => {
		const members = [
			{ id: A, name: 'Ann' },
			{ id: 'annlee' as AnnotatorId, name: 'Ann Lee' },
			{ id: B, name: 'بيا' }
		];
		expect(mentionsFind('@ann lee and @بيا, see this; mail ann@ann.org', members)).toEqual([
			'annlee',
			B
		]);
		expect(mentionsFind('@Ann: @annie is not a member', members)).toEqual([A]);
	});

	it('counts unread comments by others since I last read the thread', () => {
		const start = c(A, 1, 'Is this a cat?');
		const reply = c(B, 2, 'A lynx', start.id);
		const mention = { ...c(B, 6, '@ann look', start.id), mentions: [A] };
		const threads = commentThreads([start, reply], []);
		expect(commentsUnread(threads, A, () => 0)).toBe(1);
		expect(commentsUnread(threads, A, () => 2)).toBe(0);
		expect(commentsUnread(threads, B, () => 0)).toBe(1);
		// Resolved threads count only comments that mention me.
		const resolved = commentThreads(
			[start, reply, mention],
			[{ thread: start.id, item: I, by: B, at: at(7), resolved: true }]
		);
		expect(commentsUnread(resolved, A, () => 0)).toBe(1);
	});
});

describe('regionsOf', () => {
	it('lists boxes and spans with their label and place, and nothing for a class', () => {
		const t = 't' as never;
		const refs = regionsOf([
			{ task: t, annotator: A, value: { type: 'classification', labels: ['x'] } },
			{
				task: t,
				annotator: B,
				value: {
					type: 'boxes',
					boxes: [
						{ id: 'b1', label: 'cat', x: 0, y: 0, w: 1, h: 1 },
						{ id: 'b2', label: 'cat', x: 0, y: 0, w: 1, h: 1 },
						{ id: 'b3', label: 'dog', x: 0, y: 0, w: 1, h: 1 }
					]
				}
			}
		]);
		expect(refs.map((r) => [r.region.region, r.label, r.n, r.region.annotator])).toEqual([
			['b1', 'cat', 1, B],
			['b2', 'cat', 2, B],
			['b3', 'dog', 1, B]
		]);
	});
});
