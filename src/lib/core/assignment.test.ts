import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotatorId, ItemId, Member } from './types';
import {
	assignedOrder,
	assignees,
	hash53,
	isAssigned,
	isMember,
	labelingMembers
} from './assignment';

const SEED = 20_260_501;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const items = ids('item', 2000) as ItemId[];

describe('rendezvous assignment', () => {
	it('gives every item exactly `overlap` distinct members', () => {
		const members = ids('m', 5) as AnnotatorId[];
		for (const it of items.slice(0, 200)) {
			const a = assignees(it, members, 3);
			expect(new Set(a).size).toBe(3);
			for (const m of members) expect(isAssigned(it, m, members, 3)).toBe(a.includes(m));
		}
	});

	it('does not depend on the order of the member list', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(
					fc.string({
						unit: fc.constantFrom(...'abcdef0123'.split('')),
						minLength: 1,
						maxLength: 12
					}),
					{
						minLength: 1,
						maxLength: 9
					}
				),
				fc.string({ minLength: 1 }),
				fc.integer({ min: 1, max: 5 }),
				(ms, item, overlap) => {
					const a = assignees(item as ItemId, ms as AnnotatorId[], overlap);
					const b = assignees(item as ItemId, [...ms].reverse() as AnnotatorId[], overlap);
					expect(b).toEqual(a);
				}
			),
			{ seed: SEED, numRuns: 300 }
		);
	});

	it('spreads items evenly', () => {
		const members = ids('m', 4) as AnnotatorId[];
		const counts = new Map<string, number>();
		for (const it of items)
			for (const m of assignees(it, members, 1)) counts.set(m, (counts.get(m) ?? 0) + 1);
		for (const m of members) expect(counts.get(m) ?? 0).toBeGreaterThan(items.length / 4 - 120);
	});

	it('moves only the leaving member’s share when a member leaves', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 8 }),
				fc.integer({ min: 1, max: 3 }),
				fc.nat(),
				(n, overlap, pick) => {
					const members = ids('a', n) as AnnotatorId[];
					const gone = members[pick % n] as AnnotatorId;
					const rest = members.filter((m) => m !== gone);
					for (const it of items.slice(0, 150)) {
						const before = assignees(it, members, overlap);
						const after = assignees(it, rest, overlap);
						// Everyone who kept the item before still has it; at most one newcomer replaces `gone`.
						for (const m of before)
							if (m !== gone && after.length >= before.length - 1) expect(after).toContain(m);
						const moved = after.filter((m) => !before.includes(m));
						expect(moved.length).toBeLessThanOrEqual(before.includes(gone) ? 1 : 0);
					}
				}
			),
			{ seed: SEED, numRuns: 60 }
		);
	});

	it('moves only the newcomer’s share when a member joins', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 }), (n, overlap) => {
				const members = ids('b', n) as AnnotatorId[];
				const newcomer = 'newcomer' as AnnotatorId;
				const more = [...members, newcomer];
				let movedItems = 0;
				for (const it of items.slice(0, 300)) {
					const before = assignees(it, members, overlap);
					const after = assignees(it, more, overlap);
					const lost = before.filter((m) => !after.includes(m));
					const gained = after.filter((m) => !before.includes(m));
					// The only gain is the newcomer, and it displaces at most one previous assignee.
					expect(gained.every((m) => m === newcomer)).toBe(true);
					expect(lost.length).toBeLessThanOrEqual(1);
					if (gained.length > 0) movedItems++;
				}
				// Roughly overlap/(n+1) of the items move to the newcomer.
				const expected = (300 * Math.min(overlap, n + 1)) / (n + 1);
				expect(Math.abs(movedItems - expected)).toBeLessThan(80);
			}),
			{ seed: SEED, numRuns: 40 }
		);
	});

	it('filters an annotator’s queue and keeps the whole queue when not shared', () => {
		const members = ['x', 'y', 'z'] as AnnotatorId[];
		const mine = assignedOrder(items, 'x' as AnnotatorId, members, 1);
		expect(mine.length).toBeGreaterThan(500);
		expect(mine.length).toBeLessThan(850);
		expect(assignedOrder(items, 'q' as AnnotatorId, members, 1)).toBe(items);
		expect(assignedOrder(items, 'x' as AnnotatorId, members, 3)).toBe(items);
		const union = new Set(members.flatMap((m) => assignedOrder(items, m, members, 1)));
		expect(union.size).toBe(items.length);
	});

	it('is deterministic across runs', () => {
		expect(hash53('item0\u0000m0')).toBe(hash53('item0\u0000m0'));
		expect(hash53('a')).not.toBe(hash53('b'));
	});

	it('keeps labeling roles and rejects malformed members', () => {
		const ms: Member[] = [
			{ id: 'b' as AnnotatorId, name: 'B', color: '#000000', role: 'annotator' },
			{ id: 'a' as AnnotatorId, name: 'A', color: '#000000', role: 'owner' },
			{ id: 'r' as AnnotatorId, name: 'R', color: '#000000', role: 'reviewer' }
		];
		expect(labelingMembers(ms)).toEqual(['a', 'b']);
		expect(isMember(ms[0])).toBe(true);
		expect(isMember({ ...ms[0], role: 'admin' })).toBe(false);
		expect(isMember({ ...ms[0], color: 'red;background:url(x)' })).toBe(false);
		expect(isMember(null)).toBe(false);
	});
});
