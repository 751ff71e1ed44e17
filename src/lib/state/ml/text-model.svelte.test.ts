/** The project model with the real text handlers (cpu backend) behind an in-memory port. */
import { flushSync } from 'svelte';
import { afterEach, expect, test } from 'vitest';
import { classificationTaskNew } from '$lib/core/schema';
import {
	type AnnotatorId,
	type EpochMs,
	type Item,
	type ItemId,
	type LabelId,
	type TaskId
} from '$lib/core/types';
import { TextClient } from '$lib/ml/text/client';
import { textHandlersMake } from '$lib/ml/text/handlers';
import { HASHING_DEFAULTS } from '$lib/ml/text/hashing';
import { textServe, type TextPort } from '$lib/ml/text/protocol';
import { memoryModelIO } from '$lib/ml/text/store';
import { tfCpuReady } from '$tests/helpers/tf-cpu';
import type { PredictionRow } from '$lib/storage/db';
import { memoryPredictionsRepo } from '$lib/storage/predictions-repo';
import { ORIGIN } from '$lib/sync/project-store';
import { sessionWithSchema } from '$tests/helpers/session';
import { LabelingQueue } from '../labeling.svelte';
import { queueOrder } from '../queue-order';
import { ProjectModel } from './text-model.svelte';

const memoryPredictions = memoryPredictionsRepo;

function portPair(): [TextPort, TextPort] {
	type Fake = TextPort & { deliver(d: unknown): void; other?: Fake };
	const make = (): Fake => {
		const fns = new Set<(e: MessageEvent) => void>();
		const port: Fake = {
			postMessage: (msg) => {
				const data = structuredClone(msg);
				setTimeout(() => port.other?.deliver(data), 0);
			},
			addEventListener: (_, fn) => void fns.add(fn),
			removeEventListener: (_, fn) => void fns.delete(fn),
			deliver: (data) => fns.forEach((f) => f({ data } as MessageEvent))
		};
		return port;
	};
	const a = make();
	const b = make();
	a.other = b;
	b.other = a;
	return [a, b];
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanup.splice(0)) await c();
});

const SPORT = ['goal', 'match', 'striker', 'league', 'referee'];
const FOOD = ['onion', 'butter', 'garlic', 'oven', 'recipe'];
const me = 'me' as AnnotatorId;
const L = (s: string) => s as LabelId;

async function setup() {
	await tfCpuReady();
	const items: Item[] = Array.from({ length: 40 }, (_, i) => ({
		id: `i${i}` as ItemId,
		kind: 'text',
		text:
			i % 2
				? `the ${FOOD[i % 5]} and ${FOOD[(i + 1) % 5]} ${i}`
				: `the ${SPORT[i % 5]} and ${SPORT[(i + 2) % 5]} ${i}`,
		seq: i
	}));
	const s = await sessionWithSchema(
		[
			classificationTaskNew({
				id: 'topic' as TaskId,
				name: 'Topic',
				labels: [
					{ id: L('sport'), name: 'sport' },
					{ id: L('food'), name: 'food' }
				]
			})
		],
		{ items }
	);
	const predictions = memoryPredictions();
	const prefs = new Map<string, unknown>();
	const model = new ProjectModel(s, me, {
		predictions,
		workerStart: () => {
			const [page, worker] = portPair();
			textServe(
				worker,
				textHandlersMake({
					io: memoryModelIO(),
					ready: tfCpuReady,
					hashing: { ...HASHING_DEFAULTS, dim: 1 << 12 }
				})
			);
			return { client: new TextClient(page), stop: () => undefined };
		},
		prefs: {
			get: async <T>(k: string) => prefs.get(k) as T,
			set: async (k, v) => void prefs.set(k, v)
		},
		now: () => Date.UTC(2026, 10, 29)
	});
	cleanup.push(async () => {
		model.destroy();
		await s.destroy();
	});
	const label = (i: number, l: string, who = me) =>
		s.store.label({
			item: `i${i}` as ItemId,
			task: 'topic' as TaskId,
			annotator: who,
			value: { type: 'classification', labels: [L(l)] },
			source: 'human',
			startedAt: 0 as EpochMs,
			savedAt: 0 as EpochMs,
			ms: 0
		});
	return { s, model, label, predictions };
}

test('needs 5 labels of 2 classes; trains, suggests above the threshold, accept writes a model-sourced label', async () => {
	const { s, model, label } = await setup();
	await model.open();
	expect(model.notReady).toMatch(
		/Label at least 5 items of 2 different labels first \(now: sport 0, food 0\)/
	);
	for (let i = 0; i < 20; i++) label(i, i % 2 ? 'food' : 'sport');
	expect(model.notReady).toBe('');
	await model.train();
	expect(model.error).toBe('');
	expect(model.meta).toMatchObject({ trainedOn: 20, labels: ['sport', 'food'] });
	expect(model.suggestions.rows.size).toBe(40);
	const row = model.suggestions.for('i21' as ItemId);
	expect(row?.value).toEqual({ type: 'classification', labels: ['food'] });
	expect(row?.probs?.length).toBe(2);
	await model.settingsSet({ threshold: 1.01 });
	expect(model.suggestions.for('i21' as ItemId)).toBeUndefined();
	await model.settingsSet({ threshold: 0.5 });
	model.suggestions.accept(row as PredictionRow);
	const a = s.store.annotation('i21' as ItemId, 'topic' as TaskId, me);
	expect(a).toMatchObject({
		source: 'model',
		model: model.meta?.model,
		value: { labels: ['food'] }
	});
	expect(a?.confidence).toBeCloseTo(row?.confidence as number, 6);
	expect(model.suggestions.for('i21' as ItemId)).toBeDefined(); // suggestions stay; the label view hides them once answered
});

test('shows the held-out report; calibrated suggestions only, none while the baseline wins', async () => {
	const { model, label, predictions } = await setup();
	await model.open();
	// An old model's row (no calibration) is not shown.
	await predictions.putMany([
		{
			project: 'p1',
			task: 'topic',
			item: 'i30',
			model: 'text-linear@2026-01-01T00:00:00.000Z',
			source: 'text-linear',
			value: { type: 'classification', labels: ['food'] },
			confidence: 0.99,
			probs: [0.01, 0.99],
			at: 1
		}
	]);
	await model.suggestions.reload();
	expect(model.suggestions.for('i30' as ItemId)).toBeUndefined();
	// Labels unrelated to the texts (each "food" item has "sport" items with the same words),
	// four in five "sport": always answering "sport" is right as often.
	const odd = new Set([0, 13, 16, 9, 22]);
	for (let i = 0; i < 25; i++) label(i, odd.has(i) ? 'food' : 'sport');
	await model.train();
	expect(model.error).toBe('');
	expect(model.meta?.heldOut).toMatchObject({ rows: 25, folds: 5, beatsBaseline: false });
	expect(model.meta?.heldOut?.baselineAccuracy).toBe(0.8);
	expect(model.suggestions.rows.size).toBe(0);
	expect(model.status).toMatch(
		/^No suggestions yet: on held-out items the model was right \d+% of the time, no better than always answering “sport” \(80%\)/
	);
	// Labels that follow the texts: the model wins and its suggestions are calibrated.
	for (let i = 0; i < 25; i++) label(i, i % 2 ? 'food' : 'sport');
	await model.train();
	expect(model.meta?.heldOut?.beatsBaseline).toBe(true);
	expect(model.suggestions.rows.size).toBe(40);
	expect([...model.suggestions.rows.values()].every((r) => r.calibrated)).toBe(true);
});

test('finds a planted label error, lists annotator disagreement, and sends both to review', async () => {
	const { s, model, label } = await setup();
	await model.open();
	for (let i = 0; i < 30; i++) label(i, i === 4 ? 'food' : i % 2 ? 'food' : 'sport');
	label(7, 'sport', 'bob' as AnnotatorId);
	await model.findLabelErrors();
	expect(model.error).toBe('');
	expect(model.review.issues?.[0]).toMatchObject({ item: 'i4', given: 'food', suggested: 'sport' });
	const d = model.review.disagreements;
	expect(d.map((x) => x.item)).toEqual(['i7']);
	expect(d[0]?.agreement).toBe(0.5);
	model.review.send('i4' as ItemId, 'label-error', 'given food, model suggests sport', 0.9);
	model.review.send('i7' as ItemId, 'agreement', 'me: food, bob: sport', 0.5);
	expect([...model.review.flagged].sort()).toEqual(['i4', 'i7']);
	expect(s.store.flags().find((f) => f.item === 'i4')).toMatchObject({
		reason: 'label-error',
		by: 'me',
		score: 0.9
	});
});

test('queue strategies reorder the labeling queue through its hook', async () => {
	const { s, model, label } = await setup();
	await model.open();
	for (let i = 0; i < 12; i++) label(i, i % 2 ? 'food' : 'sport');
	await model.train();
	const q = new LabelingQueue(s, me);
	cleanup.push(() => q.destroy());
	expect(q.itemId).toBe('i12');
	const signals = model.suggestions.queueSignals(1);
	q.orderSet((ids) => queueOrder(ids, 'entropy', signals));
	const expected = queueOrder(s.store.order, 'entropy', signals).find(
		(id) => !s.store.labeledBy(me).has(id)
	);
	expect(q.itemId).toBe(expected);
	q.orderSet(undefined);
	expect(q.itemId).toBe('i12');
});

test('without the text model, the queue orders by the other models’ mean probabilities', async () => {
	const { s, model, predictions } = await setup();
	await model.open();
	const row = (item: string, model: string, probs: number[]): PredictionRow => ({
		project: 'p1',
		task: 'topic',
		item,
		model,
		source: model.split('@')[0] as string,
		value: { type: 'classification', labels: [probs[0]! >= probs[1]! ? 'sport' : 'food'] },
		confidence: Math.max(...probs),
		probs,
		at: 1
	});
	// An image model and a model the user brought, stored after the page opened.
	await predictions.putMany([
		row('i3', 'image-embed-head@2026-11-29T12:00:00.000Z/4', [0.9, 0.1]),
		row('i5', 'image-embed-head@2026-11-29T12:00:00.000Z/4', [0.55, 0.45]),
		row('i5', 'custom:tiny@1', [0.45, 0.55]),
		row('i8', 'custom:tiny@1', [0.7, 0.3])
	]);
	expect(model.suggestions.queueSignals(1).probs.size).toBe(0);
	await model.suggestions.reload();
	const signals = model.suggestions.queueSignals(1);
	expect(signals.probs.get('i5' as ItemId)).toEqual([0.5, 0.5]);
	expect(queueOrder(s.store.order, 'entropy', signals).slice(0, 3)).toEqual(['i5', 'i8', 'i3']);
});

test('its views re-read after a change to what they show, a peer’s too: readiness, disagreement, review', async () => {
	const { s, model, label } = await setup();
	await model.open();
	const seen = { notReady: '', disagreements: 0, flagged: 0 };
	const stop = $effect.root(() => {
		$effect(() => void (seen.notReady = model.notReady));
		$effect(() => void (seen.disagreements = model.review.disagreements.length));
		$effect(() => void (seen.flagged = model.review.flagged.size));
	});
	cleanup.push(stop);
	flushSync();
	expect(seen.notReady).toMatch(/\(now: sport 0, food 0\)/);
	for (let i = 0; i < 10; i++) label(i, i % 2 ? 'food' : 'sport');
	flushSync();
	expect(seen.notReady).toBe('');
	// A teammate's label that contradicts mine, and a teammate's review flag, both from the wire.
	s.store.label(
		{
			item: 'i1' as ItemId,
			task: 'topic' as TaskId,
			annotator: 'bob' as AnnotatorId,
			value: { type: 'classification', labels: [L('sport')] },
			source: 'human',
			startedAt: 0 as EpochMs,
			savedAt: 0 as EpochMs,
			ms: 0
		},
		ORIGIN.REMOTE
	);
	flushSync();
	expect(seen.disagreements).toBe(1);
	s.store.flag(
		{
			item: 'i1' as ItemId,
			task: 'topic' as TaskId,
			reason: 'agreement',
			by: 'bob' as AnnotatorId,
			at: 1 as EpochMs
		},
		ORIGIN.REMOTE
	);
	flushSync();
	expect(seen.flagged).toBe(1);
});
