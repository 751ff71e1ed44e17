/**
 * The Model page's media state without a worker: which tasks a media model applies to (a view of
 * schema and items), and its settings read again after a schema change without undoing a choice
 * made while they were being read.
 */
import { flushSync } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { AnnotatorId, Item, ItemId, LabelId, MediaRef, Task, TaskId } from '$lib/core/types';
import { memoryPredictionsRepo } from '$lib/storage/predictions-repo';
import type { SettingsRepo } from '$lib/storage/settings-repo';
import { sessionWithSchema } from '$tests/helpers/session';
import { MlMedia } from './media-models.svelte';
import type { MlMediaDeps } from './media-run';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanup.splice(0)) await c();
});

const label = (id: string, name = id) => ({
	id: id as LabelId,
	name,
	color: '#333333',
	hotkey: '1'
});
const boxes: Task = {
	type: 'boxes',
	id: 'bx' as TaskId,
	name: 'Objects',
	labels: [label('p', 'person')],
	attributes: [],
	rotation: false
};
const image = (i: number): Item => ({
	id: `im${i}` as ItemId,
	kind: 'image',
	seq: i,
	media: {
		blob: i.toString(16).padStart(64, '0'),
		mime: 'image/png',
		size: 1,
		name: `${i}.png`
	} satisfies MediaRef
});

/** Settings in memory; while `stale` is set, reads answer what was stored before it was set. */
function settingsRepo() {
	const values = new Map<string, unknown>();
	let stale: { values: Map<string, unknown>; go: Promise<void> } | undefined;
	let go = () => {};
	const repo: SettingsRepo = {
		get: async <T>(key: string) => {
			const from = stale;
			if (!from) return values.get(key) as T | undefined;
			await from.go;
			return from.values.get(key) as T | undefined;
		},
		set: async (key, v) => void values.set(key, structuredClone(v))
	};
	return {
		repo,
		hold: () => (stale = { values: new Map(values), go: new Promise<void>((r) => (go = r)) }),
		release: () => {
			stale = undefined;
			go();
		}
	};
}

async function setup(items: Item[]) {
	const s = await sessionWithSchema([boxes], { items });
	const settings = settingsRepo();
	const deps: MlMediaDeps = {
		predictions: memoryPredictionsRepo(),
		settings: settings.repo,
		blobOf: () => Promise.reject(new Error('no media in this test')),
		decodeAudio: () => Promise.reject(new Error('no audio in this test')),
		workerStart: () => Promise.reject(new Error('no worker in this test')),
		now: () => 1
	};
	const ml = new MlMedia(s, 'me' as AnnotatorId, deps);
	cleanup.push(async () => {
		ml.destroy();
		await s.destroy();
	});
	return { s, ml, settings };
}

it('lists the tasks a media model applies to, following the items and the schema', async () => {
	const { s, ml } = await setup([]);
	let seen: [string, number][] = [];
	const stop = $effect.root(() => {
		$effect(() => void (seen = ml.tasks.map((t) => [t.kind, t.items])));
	});
	cleanup.push(stop);
	flushSync();
	expect(seen).toEqual([]); // a boxes task, but no image yet
	s.store.itemsAdd([image(1), image(2)]);
	flushSync();
	expect(seen).toEqual([['boxes', 2]]);
	s.store.schemaSet({ tasks: [{ ...boxes, labels: [] }] });
	flushSync();
	expect(seen).toEqual([]); // no label to give
});

it('reads mappings again after a schema change, keeping a choice made while reading', async () => {
	const { s, ml, settings } = await setup([image(1)]);
	await ml.load();
	expect(ml.loaded).toBe(true);
	expect(ml.mappings.bx).toEqual({ person: 'p' });
	// A label named after a COCO class: its default mapping appears after the schema change.
	const withCar = [label('p', 'person'), label('c', 'car')];
	s.store.schemaSet({ tasks: [{ ...boxes, labels: withCar }] });
	await expect.poll(() => ml.mappings.bx).toEqual({ person: 'p', car: 'c' });
	// Another change, and a class mapped on the page before the stored mappings are read: the
	// read (of what was stored before) does not undo it.
	settings.hold();
	s.store.schemaSet({ tasks: [{ ...boxes, name: 'Things', labels: withCar }] });
	await ml.mappingSet('bx' as TaskId, 'dog', 'p' as LabelId);
	settings.release();
	await new Promise((r) => setTimeout(r, 20));
	expect(ml.mappings.bx).toEqual({ person: 'p', car: 'c', dog: 'p' });
	await ml.load();
	expect(ml.mappings.bx).toEqual({ person: 'p', car: 'c', dog: 'p' });
});
