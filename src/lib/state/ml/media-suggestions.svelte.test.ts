/**
 * The labeling view's suggestions as a view over the store and this device's predictions: the
 * latest read wins, and a view reads again only when the item or my answers on it change.
 */
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { classificationTaskNew } from '$lib/core/schema';
import type {
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	LabelId,
	MediaRef,
	TaskId
} from '$lib/core/types';
import type { PredictionRow } from '$lib/storage/db';
import { memoryPredictionsRepo, type PredictionsRepo } from '$lib/storage/predictions-repo';
import { ORIGIN, type Origin } from '$lib/sync/project-store';
import { sessionWithSchema } from '$tests/helpers/session';
import { MediaSuggestions } from './media-suggestions.svelte';

const ME = 'me' as AnnotatorId;
const TASK = 'colour' as TaskId;
const MODEL = 'image-embed-head@2026-11-29T12:00:00.000Z/4';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanup.splice(0)) await c();
});

const media = (i: number): MediaRef => ({
	blob: i.toString(16).padStart(64, '0'),
	mime: 'image/png',
	size: 1,
	name: `img${i}.png`
});

async function setup() {
	const task = classificationTaskNew({
		id: TASK,
		name: 'Colour',
		labels: [
			{ id: 'red' as LabelId, name: 'Red' },
			{ id: 'blue' as LabelId, name: 'Blue' }
		]
	});
	const items: Item[] = [0, 1, 2].map((i) => ({
		id: `c${i}` as ItemId,
		kind: 'image',
		seq: i,
		media: media(i)
	}));
	const s = await sessionWithSchema([task], { items });
	cleanup.push(() => s.destroy());
	const repo = memoryPredictionsRepo();
	await repo.putMany(
		items.map((it, i): PredictionRow => ({
			project: 'p1',
			task: TASK,
			item: it.id,
			model: MODEL,
			source: 'image-embed-head',
			value: { type: 'classification', labels: [i % 2 ? 'blue' : 'red'] },
			confidence: 0.9,
			at: 1
		}))
	);
	const answer = (item: string, who = ME, origin: Origin = ORIGIN.LOCAL) =>
		s.store.label(
			{
				item: item as ItemId,
				task: TASK,
				annotator: who,
				value: { type: 'classification', labels: ['red' as LabelId] },
				source: 'human',
				startedAt: 0 as EpochMs,
				savedAt: 0 as EpochMs,
				ms: 0
			},
			origin
		);
	return { s, task, items, repo, answer };
}

/** A predictions repo whose item reads wait until the test lets them finish, in its order. */
function gated(repo: PredictionsRepo) {
	const waiting = new Map<string, () => void>();
	const gatedRepo: PredictionsRepo = {
		...repo,
		ofItem: async (p, t, i) => {
			const rows = await repo.ofItem(p, t, i);
			await new Promise<void>((done) => waiting.set(i, done));
			return rows;
		}
	};
	const release = async (item: string) => {
		await expect.poll(() => waiting.has(item)).toBe(true);
		waiting.get(item)?.();
		waiting.delete(item);
		await new Promise((r) => setTimeout(r, 0));
	};
	return { repo: gatedRepo, release };
}

describe('MediaSuggestions', () => {
	it('shows the latest item asked for, even when an earlier read finishes after it', async () => {
		const { s, task, items, repo } = await setup();
		const gate = gated(repo);
		const sugg = new MediaSuggestions(s, ME, { predictions: gate.repo, now: () => 5 });
		const [c0, c1] = items as [Item, Item];
		expect(sugg.shownFor(c0, [task])).toEqual([]);
		expect(sugg.shownFor(c1, [task])).toEqual([]); // the queue moved on before c0 was read
		await gate.release('c1');
		await gate.release('c0'); // the older read ends last: it must not replace c1's
		expect(sugg.shownFor(c1, [task]).map((x) => x.row.item)).toEqual(['c1']);
		expect(sugg.shownFor(c1, [task])[0]?.summary).toBe('Blue');
		expect(sugg.shownFor(c0, [task])).toEqual([]); // c0's read was superseded
	});

	it('reads again when my answer on the item changes, not on other changes', async () => {
		const { s, task, items, repo, answer } = await setup();
		let reads = 0;
		const counted: PredictionsRepo = {
			...repo,
			ofItem: (...a) => {
				reads++;
				return repo.ofItem(...a);
			}
		};
		const sugg = new MediaSuggestions(s, ME, { predictions: counted, now: () => 5 });
		const c0 = items[0] as Item;
		let shown: string[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				shown = sugg.shownFor(c0, [task]).map((x) => x.row.item);
			});
		});
		cleanup.push(stop);
		flushSync();
		await expect.poll(() => shown).toEqual(['c0']);
		expect(reads).toBe(1);
		// Someone else's answer on this item, and my answer on another: nothing to read again.
		answer('c0', 'bo' as AnnotatorId, ORIGIN.REMOTE);
		answer('c1');
		flushSync();
		await new Promise((r) => setTimeout(r, 10));
		expect(reads).toBe(1);
		expect(shown).toEqual(['c0']);
		// My answer hides the task's suggestion; taking it back (undo) brings it back.
		answer('c0');
		flushSync();
		await expect.poll(() => shown).toEqual([]);
		s.store.unlabel({ item: 'c0' as ItemId, task: TASK, annotator: ME });
		flushSync();
		await expect.poll(() => shown).toEqual(['c0']);
		expect(reads).toBe(2); // answered: no read needed; unanswered again: one read
	});

	it('accept writes my annotation and the log in one step and hides the task', async () => {
		const { s, task, items, repo } = await setup();
		const sugg = new MediaSuggestions(s, ME, { predictions: repo, now: () => 7 });
		await sugg.load(items[1] as Item, [task]);
		const undo = s.store.annotationUndo();
		cleanup.push(() => undo.destroy());
		expect(sugg.accept('c1' as ItemId, TASK)?.from).toMatch(/^Image model trained on 4 images/);
		expect(s.store.annotation('c1' as ItemId, TASK, ME)).toMatchObject({
			source: 'model',
			model: MODEL,
			confidence: 0.9,
			savedAt: 7,
			value: { labels: ['blue'] }
		});
		expect(s.store.log().at(-1)).toMatchObject({ item: 'c1', detail: `accepted ${MODEL}` });
		expect(sugg.shown).toEqual([]);
		expect(sugg.status).toMatch(/^Accepted: Blue/);
		undo.undo();
		expect(s.store.annotation('c1' as ItemId, TASK, ME)).toBeUndefined();
	});
});
