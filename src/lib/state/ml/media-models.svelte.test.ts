/**
 * Media pre-labels in real Chromium: the real media worker (TF.js wasm), real IndexedDB (Dexie
 * `predictions` and settings), a real audio decode; spans trained on a planted-entity corpus,
 * audio segments from a generated WAV, COCO boxes on a real photo, image labels from embeddings;
 * accept writes my annotation on the LOCAL origin (so undo removes it), dismiss forgets the row.
 */
import samplesUrl from '../../../../node_modules/@vladmandic/human/assets/samples.jpg?url';
import { afterAll, describe, expect, it } from 'vitest';
import { spanCorpus } from '../../../../tests/fixtures/ml-media/span-corpus';
import { classificationTaskNew } from '$lib/core/schema';
import type {
	AnnotatorId,
	AnnotationValue,
	EpochMs,
	Item,
	ItemId,
	Label,
	LabelId,
	MediaRef,
	Task,
	TaskId
} from '$lib/core/types';
import { audioDecodeMono } from '$lib/ml/media/audio/decode';
import { mediaWorkerStart } from '$lib/ml/media/media-worker-spawn';
import { QuorumDb } from '$lib/storage/db';
import { predictionsRepoFrom } from '$lib/storage/predictions-repo';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import { sessionWithSchema } from '$tests/helpers/session';
import { MlMedia } from './media-models.svelte';
import type { MlMediaDeps } from './media-run';
import { MediaSuggestions } from './media-suggestions.svelte';
import { suggestionSummary } from './summary';

const ME = 'me' as AnnotatorId;
const OTHER = 'other' as AnnotatorId;
const lab = (id: string, name = id): Label => ({
	id: id as LabelId,
	name,
	color: '#333333',
	hotkey: '1'
});

const dbs: QuorumDb[] = [];
const stops: (() => void)[] = [];
afterAll(async () => {
	for (const s of stops) s();
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
});

async function setup(tasks: Task[], items: Item[], blobs: Record<string, Blob> = {}) {
	const db = new QuorumDb(`ml-media-test-${dbs.length}-${Date.now()}`);
	dbs.push(db);
	const s = await sessionWithSchema(tasks, { now: Date.now, items });
	let started = 0;
	const deps: MlMediaDeps = {
		predictions: predictionsRepoFrom(db),
		settings: settingsRepoFrom(db),
		blobOf: async (ref: MediaRef) => {
			const b = 'blob' in ref ? blobs[ref.name] : undefined;
			if (!b) throw new Error('This media file is not on this device yet.');
			return b;
		},
		decodeAudio: audioDecodeMono,
		workerStart: async () => {
			started++;
			const { client, worker } = mediaWorkerStart();
			const stop = () => {
				client.destroy();
				worker.terminate();
			};
			stops.push(stop);
			return { client, stop };
		},
		now: Date.now
	};
	const ml = new MlMedia(s, ME, deps);
	await ml.load();
	return { s, db, ml, deps, workers: () => started };
}

const label = (
	s: ProjectSession,
	item: string,
	task: string,
	value: AnnotationValue,
	who = OTHER
) =>
	s.store.label(
		{
			item: item as ItemId,
			task: task as TaskId,
			annotator: who,
			value,
			source: 'human',
			startedAt: 0 as EpochMs,
			savedAt: 0 as EpochMs,
			ms: 0
		},
		ORIGIN.REMOTE
	);

/** A blob ref whose hash is derived from a readable key (item validation wants 64 hex digits). */
const sha = (key: string) =>
	[...key]
		.map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
		.join('')
		.padEnd(64, '0');
const media = (key: string, mime: string): MediaRef => ({
	blob: sha(key),
	mime,
	size: 1,
	name: key
});

describe('spans', () => {
	it('trains on labeled spans, suggests for unlabeled items, accept is undoable', async () => {
		const train = spanCorpus(40, 7);
		const held = spanCorpus(10, 8, true);
		const docs = [...train, ...held];
		const task: Task = {
			type: 'spans',
			id: 'ner' as TaskId,
			name: 'Entities',
			labels: ['PER', 'ORG', 'DATE', 'EMAIL'].map((l) => lab(l)),
			allowOverlap: false,
			snap: true
		};
		const items: Item[] = docs.map((d, i) => ({
			id: `i${i}` as ItemId,
			kind: 'text',
			text: d.text,
			seq: i
		}));
		const { s, ml, db, workers } = await setup([task], items);
		expect(workers()).toBe(0); // nothing started by constructing or loading
		expect(ml.tasks.map((t) => [t.kind, t.items])).toEqual([['spans', 50]]);

		// Without labels: a clear error, nothing stored.
		await ml.run(task.id);
		expect(ml.job(task.id).error).toMatch(/Label some spans in “Entities” first/);
		expect(ml.job(task.id).count).toBe(0);

		train.forEach((d, i) =>
			label(s, `i${i}`, task.id, {
				type: 'spans',
				spans: d.spans.map((x, k) => ({ ...x, id: `s${k}`, label: x.label as LabelId }))
			})
		);
		await ml.run(task.id);
		const job = ml.job(task.id);
		expect(job.error).toBe('');
		expect(job.message).toMatch(/Suggested spans for \d+ of 50 unlabeled items/);
		expect(workers()).toBe(1);
		const rows = await predictionsRepoFrom(db).ofTask('p1', task.id);
		expect(job.count).toBe(rows.length);
		// Held-out documents (names never seen in training): most planted entities come back.
		let hit = 0;
		let planted = 0;
		held.forEach((d, k) => {
			const row = rows.find((r) => r.item === `i${40 + k}`);
			const got = (row?.value as { spans: { start: number; end: number; label: string }[] })?.spans;
			for (const sp of d.spans) {
				planted++;
				if (got?.some((g) => g.start === sp.start && g.end === sp.end && g.label === sp.label))
					hit++;
			}
		});
		expect(hit / planted).toBeGreaterThan(0.6);

		// The labeling view: suggestion shown, accepted as my annotation, undone by my undo.
		const view = new MediaSuggestions(s, ME, {
			predictions: predictionsRepoFrom(db),
			now: Date.now
		});
		const item = s.store.item('i40' as ItemId) as Item;
		await view.load(item);
		expect(view.shown).toHaveLength(1);
		expect(view.shown[0]!.summary).toMatch(/^\d+ spans? \(/);
		const undo = s.store.annotationUndo();
		expect(view.accept(item.id, task.id)).toBeDefined();
		const mine = s.store.annotation('i40' as ItemId, task.id, ME);
		expect(mine?.source).toBe('model');
		expect(mine?.model).toMatch(/^spans-tagger@/);
		expect(mine?.confidence).toBeGreaterThan(0);
		expect(mine?.value).toEqual(rows.find((r) => r.item === 'i40')?.value);
		await view.load(item);
		expect(view.shown).toHaveLength(0); // answered: no suggestion
		undo.undo();
		undo.destroy();
		expect(s.store.annotation('i40' as ItemId, task.id, ME)).toBeUndefined();
		await view.load(item);
		expect(view.shown).toHaveLength(1); // the suggestion is back after undo

		await view.dismiss(item.id, task.id);
		expect(view.shown).toHaveLength(0);
		expect((await predictionsRepoFrom(db).ofItem('p1', task.id, 'i40'))[0]).toBeUndefined();
		ml.destroy();
	}, 60_000);
});

/** A 16-bit mono WAV: 0.5 s silence, 1 s tone, 0.5 s silence. */
function wav(rate = 16000): Blob {
	const n = rate * 2;
	const buf = new DataView(new ArrayBuffer(44 + n * 2));
	const str = (o: number, s: string) =>
		[...s].forEach((c, i) => buf.setUint8(o + i, c.charCodeAt(0)));
	str(0, 'RIFF');
	buf.setUint32(4, 36 + n * 2, true);
	str(8, 'WAVEfmt ');
	buf.setUint32(16, 16, true);
	buf.setUint16(20, 1, true);
	buf.setUint16(22, 1, true);
	buf.setUint32(24, rate, true);
	buf.setUint32(28, rate * 2, true);
	buf.setUint16(32, 2, true);
	buf.setUint16(34, 16, true);
	str(36, 'data');
	buf.setUint32(40, n * 2, true);
	for (let i = 0; i < n; i++) {
		const on = i >= rate / 2 && i < rate * 1.5;
		const v = on ? Math.sin((2 * Math.PI * 300 * i) / rate) * 0.5 : 0;
		buf.setInt16(44 + i * 2, Math.round(v * 32767), true);
	}
	return new Blob([buf.buffer], { type: 'audio/wav' });
}

describe('audio segments', () => {
	it('decodes the item audio and suggests speech and silence; a bad file is reported', async () => {
		const task: Task = {
			type: 'audio-segments',
			id: 'seg' as TaskId,
			name: 'Turns',
			labels: [lab('sp', 'speech'), lab('si', 'silence')],
			attributes: []
		};
		const items: Item[] = [
			{ id: 'a1' as ItemId, kind: 'audio', seq: 1, media: media('good', 'audio/wav') },
			{ id: 'a2' as ItemId, kind: 'audio', seq: 2, media: media('bad', 'audio/wav') }
		];
		const { ml, db } = await setup([task], items, {
			good: wav(),
			bad: new Blob(['not audio'], { type: 'audio/wav' })
		});
		await ml.run(task.id);
		const job = ml.job(task.id);
		expect(job.message).toMatch(
			/Suggested segments for 1 of 2 unlabeled items\. 1 could not be read: bad: The audio could not be decoded/
		);
		const row = (await predictionsRepoFrom(db).ofItem('p1', task.id, 'a1'))[0];
		const segs = (row?.value as { segments: { start: number; end: number; label: string }[] })
			.segments;
		const speech = segs.filter((x) => x.label === 'sp');
		expect(speech).toHaveLength(1);
		expect(speech[0]!.start).toBeCloseTo(0.5, 1);
		expect(speech[0]!.end).toBeCloseTo(1.5, 1);
		expect(segs.some((x) => x.label === 'si')).toBe(true);
		ml.destroy();
	}, 60_000);
});

/** A 64×64 PNG of one colour with noise. */
async function solid(rgb: [number, number, number], seed: number): Promise<Blob> {
	const c = new OffscreenCanvas(64, 64);
	const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
	const img = g.createImageData(64, 64);
	let s = seed;
	for (let i = 0; i < img.data.length; i += 4) {
		s = (s * 1103515245 + 12345) >>> 0;
		const n = ((s >>> 16) % 60) - 30;
		img.data[i] = rgb[0] + n;
		img.data[i + 1] = rgb[1] + n;
		img.data[i + 2] = rgb[2] + n;
		img.data[i + 3] = 255;
	}
	g.putImageData(img, 0, 0);
	return c.convertToBlob({ type: 'image/png' });
}

describe('images', () => {
	it('finds people in a real photo and maps them to the label “Pedestrian”; mapping saved', async () => {
		const task: Task = {
			type: 'boxes',
			id: 'bx' as TaskId,
			name: 'Objects',
			labels: [lab('ped', 'Pedestrian'), lab('tree', 'Tree')],
			attributes: [],
			rotation: false
		};
		const photo = await (await fetch(samplesUrl)).blob();
		const { ml, db, s, deps } = await setup(
			[task],
			[{ id: 'im1' as ItemId, kind: 'image', seq: 1, media: media('photo', 'image/jpeg') }],
			{ photo }
		);
		expect(ml.mappings[task.id]).toEqual({ person: 'ped' });
		await ml.mappingSet(task.id, 'car', 'tree' as LabelId);
		const again = new MlMedia(s, ME, deps);
		await again.load();
		expect(again.mappings[task.id]).toEqual({ person: 'ped', car: 'tree' });
		await ml.run(task.id);
		expect(ml.job(task.id).error).toBe('');
		const row = (await predictionsRepoFrom(db).ofItem('p1', task.id, 'im1'))[0];
		const boxes = (row?.value as { boxes: { label: string }[] }).boxes;
		expect(boxes.filter((b) => b.label === 'ped').length).toBeGreaterThan(0);
		expect(row?.probs?.length).toBe(boxes.length);
		expect(suggestionSummary(row!.value as AnnotationValue, task.labels, row!.probs)).toMatch(
			/^\d+ box(es)? \(Pedestrian 0\.\d\d/
		);
		ml.destroy();
	}, 90_000);

	it('trains a head on labeled image embeddings and suggests labels; cancel stops a run', async () => {
		const task = classificationTaskNew({
			id: 'cls' as TaskId,
			name: 'Colour',
			labels: [
				{ id: 'red' as LabelId, name: 'red' },
				{ id: 'blue' as LabelId, name: 'blue' }
			]
		});
		const blobs: Record<string, Blob> = {};
		const items: Item[] = [];
		for (let i = 0; i < 10; i++) {
			const red = i % 2 === 0;
			blobs[`b${i}`] = await solid(red ? [200, 40, 40] : [40, 60, 200], i + 1);
			items.push({
				id: `c${i}` as ItemId,
				kind: 'image',
				seq: i,
				media: media(`b${i}`, 'image/png')
			});
		}
		const { ml, db, s, deps } = await setup([task], items, blobs);
		expect(ml.tasks[0]?.kind).toBe('image-classification');
		await ml.run(task.id);
		expect(ml.job(task.id).error).toMatch(/at least two different labels/);
		const [red, blue] = task.labels as [Label, Label];
		// c0–c2 labeled by me, c3–c5 by a teammate: all six train; I get suggestions for c3–c9.
		for (let i = 0; i < 6; i++)
			label(
				s,
				`c${i}`,
				task.id,
				{ type: 'classification', labels: [i % 2 === 0 ? red.id : blue.id] },
				i < 3 ? ME : OTHER
			);

		// Cancel right after starting: the run stops with a message, not an error.
		const p = ml.run(task.id);
		ml.cancel(task.id);
		await p;
		expect(ml.job(task.id).message).toMatch(/^Cancelled/);
		expect(ml.job(task.id).running).toBe(false);

		await ml.run(task.id);
		expect(ml.job(task.id).error).toBe('');
		const rows = await predictionsRepoFrom(db).ofTask('p1', task.id);
		expect(rows.map((r) => r.item).sort()).toEqual(['c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
		for (const r of rows) {
			const want = Number(r.item.slice(1)) % 2 === 0 ? red.id : blue.id;
			expect((r.value as { labels: string[] }).labels).toEqual([want]);
			expect(r.probs).toHaveLength(2);
		}

		// The trained head is saved; what the Model page shows of it is read again on open.
		expect(ml.saved[task.id]).toMatchObject({ trainedOn: 6 });
		expect(ml.saved[task.id]?.accuracy).toBeGreaterThan(0.9);
		const reopened = new MlMedia(s, ME, deps);
		await reopened.load();
		expect(reopened.saved[task.id]).toEqual(ml.saved[task.id]);

		// After a reload (a new state and a fresh worker), Suggest reuses the saved head: the
		// worker is asked to load it, never to train; the rows name that model.
		const calls: string[] = [];
		const logged: MlMediaDeps = {
			...deps,
			workerStart: async () => {
				const w = await deps.workerStart();
				const call = w.client.call.bind(w.client);
				w.client.call = ((type, req, opts) => {
					calls.push(type);
					return call(type, req, opts);
				}) as typeof w.client.call;
				return w;
			}
		};
		const fresh = new MlMedia(s, ME, logged);
		await fresh.load();
		await fresh.run(task.id);
		expect(fresh.job(task.id).error).toBe('');
		expect(fresh.job(task.id).message).toMatch(
			/^Used the saved model \(trained on 6 images .*, no training\)\. Suggested a label for 7 of 7/
		);
		expect(calls).toContain('model-load');
		expect(calls).not.toContain('train-head');
		const reused = await predictionsRepoFrom(db).ofTask('p1', task.id);
		expect(new Set(reused.map((r) => r.model))).toEqual(
			new Set([`image-embed-head@${new Date(ml.saved[task.id]!.trainedAt).toISOString()}/6`])
		);
		// Train again when asked: a new head, saved, with a new date.
		calls.length = 0;
		await fresh.run(task.id, { retrain: true });
		expect(fresh.job(task.id).message).toMatch(/^Trained on 6 images/);
		expect(calls).toContain('train-head');
		fresh.destroy();

		// The text model suggests for c3 too (as from a caption): both models' suggestions stay,
		// each named, the most confident first; the text model's only at or above its threshold.
		const repo = predictionsRepoFrom(db);
		const { source: _s, ...c3 } = (await repo.ofItem('p1', task.id, 'c3'))[0]!;
		const TEXT = 'text-linear@2026-11-29T00:00:00.000Z';
		await repo.putMany([
			{
				...c3,
				model: TEXT,
				calibrated: true,
				confidence: 0.999,
				value: { type: 'classification', labels: [red.id] }
			}
		]);
		const sugg = new MediaSuggestions(s, ME, deps, { textThreshold: () => 0.6 });
		await sugg.load(items[3]!, [task]);
		expect(sugg.shown.map((x) => [x.row.source, x.row.confidence])).toEqual([
			['text-linear', 0.999],
			['image-embed-head', c3.confidence]
		]);
		expect(sugg.shown[0]!.from).toMatch(/^Text model trained /);
		expect(sugg.shown[1]!.from).toMatch(/^Image model trained on 6 images, /);
		const strict = new MediaSuggestions(s, ME, deps, { textThreshold: () => 0.9995 });
		await strict.load(items[3]!, [task]);
		expect(strict.shown.map((x) => x.row.source)).toEqual(['image-embed-head']);
		// The chosen one (the image model's) is accepted: its label, its model; both are hidden.
		expect(sugg.accept('c3' as ItemId, task.id, 'image-embed-head')?.row.source).toBe(
			'image-embed-head'
		);
		const a3 = s.store.annotation('c3' as ItemId, task.id, ME);
		expect(a3).toMatchObject({ source: 'model', value: { labels: [blue.id] } });
		expect(a3?.model).toMatch(/^image-embed-head@/);
		expect(sugg.shown).toEqual([]);
		// Without a choice, the most confident is accepted.
		await sugg.load(items[4]!, [task]);
		expect(sugg.shown.map((x) => [x.task.id, x.row.item])).toEqual([[task.id, 'c4']]);
		expect(sugg.accept('c4' as ItemId, task.id)).toBeDefined();
		expect(s.store.annotation('c4' as ItemId, task.id, ME)?.value).toEqual({
			type: 'classification',
			labels: [red.id]
		});
		// Clearing the image model's suggestions leaves the text model's.
		await ml.clear(task.id);
		expect((await repo.ofTask('p1', task.id)).map((r) => [r.item, r.model])).toEqual([
			['c3', TEXT]
		]);

		// A label added to the task: the saved head no longer fits, the next run trains again.
		s.schemaSet({ tasks: [{ ...task, labels: [...task.labels, lab('green')] }] });
		await ml.run(task.id);
		expect(ml.job(task.id).error).toBe('');
		expect(ml.job(task.id).message).toMatch(
			/^The labels changed since the saved model: trained again\. Trained on 8 images/
		);
		expect(ml.saved[task.id]?.labels).toEqual(['red', 'blue', 'green']);
		ml.destroy();
	}, 90_000);
});
