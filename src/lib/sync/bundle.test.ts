import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BundleError } from '$lib/core/bundle-manifest';
import { PassphraseError } from '$lib/core/crypto';
import { sha256Hex } from '$lib/core/ids';
import type { Annotation, AnnotatorId, EpochMs, ItemId, ProjectId, TaskId } from '$lib/core/types';
import { annotationWrite, itemsAdd, metaInit, projectDocFrom } from './doc';
import { bundleApply, bundleExport, bundlePeek, bundleRead } from './bundle';

const project = { id: 'p1', name: 'Reviews' };

function docWith(n: number, who = 'ann'): Y.Doc {
	const p = projectDocFrom(new Y.Doc());
	metaInit(p, {
		id: 'p1' as ProjectId,
		name: 'Reviews',
		description: '',
		created: 1 as EpochMs,
		schema: { tasks: [] }
	});
	itemsAdd(
		p,
		Array.from({ length: n }, (_, i) => ({
			id: `i${i}` as ItemId,
			kind: 'text' as const,
			text: `t${i}`,
			seq: i
		}))
	);
	for (let i = 0; i < n; i += 2) annotationWrite(p, ann(`i${i}`, who));
	return p.doc;
}

function ann(item: string, who: string): Annotation {
	return {
		item: item as ItemId,
		task: 'class' as TaskId,
		annotator: who as AnnotatorId,
		value: { type: 'classification', labels: [] },
		source: 'human',
		startedAt: 1 as EpochMs,
		savedAt: 2 as EpochMs,
		ms: 1
	};
}

/** The doc's content with map keys sorted, so two docs compare by value. */
function snapshot(d: Y.Doc): string {
	projectDocFrom(d);
	const sort = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(sort)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.sort(([a], [b]) => (a < b ? -1 : 1))
							.map(([k, x]) => [k, sort(x)])
					)
				: v;
	return JSON.stringify(sort(d.toJSON()));
}

describe('sync bundles', () => {
	it('round-trips a project, and importing twice changes nothing', async () => {
		const a = docWith(50);
		const bytes = await bundleExport({ doc: a, project, by: 'Ada', now: 5 });
		const b = new Y.Doc();
		const content = await bundleRead(bytes);
		expect(content.manifest.partial).toBe(false);
		expect(bundleApply(b, content, 'p1')).toBe(true);
		expect(snapshot(b)).toBe(snapshot(a));
		const before = Y.encodeStateAsUpdate(b);
		expect(bundleApply(b, await bundleRead(bytes), 'p1')).toBe(false);
		expect(Y.encodeStateAsUpdate(b)).toEqual(before);
	});

	it('holds only what a peer lacks when given its state vector', async () => {
		const a = docWith(200);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		projectDocFrom(a).annotations.set('i1/class/ann', ann('i1', 'ann'));
		const full = await bundleExport({ doc: a, project, by: 'Ada', now: 5 });
		const delta = await bundleExport({
			doc: a,
			project,
			by: 'Ada',
			now: 5,
			since: Y.encodeStateVector(b)
		});
		expect(delta.length).toBeLessThan(full.length / 4);
		const content = await bundleRead(delta);
		expect(content.manifest.partial).toBe(true);
		expect(bundleApply(b, content, 'p1')).toBe(true);
		expect(snapshot(b)).toBe(snapshot(a));
	});

	it('merges two offline peers’ bundles both ways', async () => {
		const base = docWith(20);
		const a = new Y.Doc();
		const b = new Y.Doc();
		Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
		projectDocFrom(a).annotations.set('i3/class/alice', ann('i3', 'alice'));
		projectDocFrom(b).annotations.set('i3/class/bob', ann('i3', 'bob'));
		bundleApply(
			a,
			await bundleRead(await bundleExport({ doc: b, project, by: 'b', now: 1 })),
			'p1'
		);
		bundleApply(
			b,
			await bundleRead(await bundleExport({ doc: a, project, by: 'a', now: 1 })),
			'p1'
		);
		expect(snapshot(a)).toBe(snapshot(b));
		expect(projectDocFrom(a).annotations.has('i3/class/bob')).toBe(true);
	});

	it('encrypts with a passphrase and rejects a wrong one without changes', async () => {
		const a = docWith(10);
		const bytes = await bundleExport({
			doc: a,
			project,
			by: 'Ada',
			now: 5,
			passphrase: 'correct horse',
			iterations: 1000
		});
		expect(bundlePeek(bytes).sealed?.kdf).toBe('PBKDF2-SHA-256');
		await expect(bundleRead(bytes)).rejects.toMatchObject({ code: 'needs-passphrase' });
		await expect(bundleRead(bytes, 'wrong')).rejects.toBeInstanceOf(PassphraseError);
		const b = new Y.Doc();
		expect(bundleApply(b, await bundleRead(bytes, 'correct horse'), 'p1')).toBe(true);
		expect(snapshot(b)).toBe(snapshot(a));
	});

	it('uses at least 600k PBKDF2 iterations by default', async () => {
		const bytes = await bundleExport({
			doc: docWith(1),
			project,
			by: 'A',
			now: 1,
			passphrase: 'x'
		});
		expect(bundlePeek(bytes).sealed?.iterations).toBeGreaterThanOrEqual(600_000);
	});

	it('rejects damaged and foreign files with a clear message', async () => {
		const bytes = await bundleExport({ doc: docWith(30), project, by: 'Ada', now: 5 });
		await expect(bundleRead(new TextEncoder().encode('hello'))).rejects.toMatchObject({
			code: 'not-a-bundle'
		});
		const truncated = bytes.slice(0, bytes.length - 40);
		await expect(bundleRead(truncated)).rejects.toBeInstanceOf(BundleError);
		// Flip a byte inside the stored (uncompressed) update.
		const flipped = bytes.slice();
		const at = flipped.length - 400;
		flipped[at] = (flipped[at] ?? 0) ^ 0xff;
		await expect(bundleRead(flipped)).rejects.toBeInstanceOf(BundleError);
		const other = await bundleRead(bytes);
		expect(() => bundleApply(new Y.Doc(), other, 'p2')).toThrow(/another project/);
	});

	it('checks media against their SHA-256', async () => {
		const bytes = new TextEncoder().encode('PNG…');
		const sha = await sha256Hex(bytes);
		const ok = await bundleExport({
			doc: docWith(1),
			project,
			by: 'A',
			now: 1,
			media: [{ sha256: sha, mime: 'image/png', size: bytes.length, bytes }]
		});
		expect((await bundleRead(ok)).media[0]?.bytes).toEqual(bytes);
		const bad = await bundleExport({
			doc: docWith(1),
			project,
			by: 'A',
			now: 1,
			media: [{ sha256: 'a'.repeat(64), mime: 'image/png', size: 4, bytes }]
		});
		await expect(bundleRead(bad)).rejects.toThrow(/does not match its checksum/);
	});
});
