import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mediaItem } from '../../media';
import type { BoxesValue, PolygonsValue } from '../../types';
import { importLabelStudio } from './label-studio';
import { isPathOnly, mediaAttach, mediaKeys, mediaMatch } from './media-match';
import { interopPlan, planApply } from './plan';

const dir = 'tests/fixtures/interop/ls-images';
const json = readFileSync(`${dir}/label-studio-images.json`, 'utf8');
const PATHS = [
	'/data/upload/3/8f2c1e4a-street.jpg',
	's3://quorum-demo/photos/park.jpg',
	'images/beach.png',
	'/data/upload/3/0b1d2c3e-lake.jpg'
];
const picked = (name: string, w: number, h: number, seq: number) => {
	const bytes = readFileSync(`${dir}/images/${name}`);
	return mediaItem({
		sha256: createHash('sha256').update(bytes).digest('hex'),
		kind: 'image',
		mime: name.endsWith('.png') ? 'image/png' : 'image/jpeg',
		size: bytes.length,
		name,
		seq,
		meta: { width: String(w), height: String(h) }
	});
};

describe('media for items named by a path', () => {
	it('matches by file name, without the Label Studio upload prefix, %-escapes decoded', () => {
		expect(mediaKeys('/data/upload/3/8f2c1e4a-street.jpg')).toEqual([
			'8f2c1e4a-street.jpg',
			'street.jpg'
		]);
		expect(mediaKeys('s3://b/my%20photo.jpg?X-Amz=1')).toEqual(['my%20photo.jpg', 'my photo.jpg']);
		const m = mediaMatch(PATHS, ['pics/street.jpg', 'park.jpg', 'beach.png', 'notes.jpg']);
		expect(m.matched).toEqual([
			{ path: PATHS[0], file: 'pics/street.jpg' },
			{ path: PATHS[1], file: 'park.jpg' },
			{ path: PATHS[2], file: 'beach.png' }
		]);
		expect(m.missing).toEqual([PATHS[3]]);
		expect(m.unused).toEqual(['notes.jpg']);
	});

	it('a Label Studio export with path-only images imports onto the media the user adds', () => {
		const bare = importLabelStudio(json, 'ls.json');
		expect(bare.items.map((i) => i.media && 'url' in i.media && i.media.url)).toEqual(PATHS);
		const media = [
			picked('street.jpg', 640, 480, 1),
			picked('park.jpg', 800, 600, 2),
			picked('beach.png', 320, 240, 3)
		];
		const plan = interopPlan('label-studio', json, 'ls.json', { tasks: [] }, { items: media });
		expect(plan.result.problems).toEqual([]);
		const out = planApply(plan);
		// Three items are the media items, with their blobs; the lake stays a path without media.
		expect(out.items.map((i) => i.id)).toEqual([...media.map((m) => m.id), out.items[3]?.id]);
		expect(out.items[3]).toMatchObject({ source: PATHS[3] });
		expect(out.items[3]?.media).toBeUndefined();
		const on = (i: number) => out.annotations.find((a) => a.item === media[i]?.id)?.value;
		expect((on(0) as BoxesValue).boxes[0]).toMatchObject({ x: 96, y: 180, w: 128, h: 120 });
		expect((on(1) as PolygonsValue).shapes[0]?.points).toEqual([
			[320, 120],
			[480, 120],
			[400, 300]
		]);
		expect((on(2) as BoxesValue).boxes[0]).toMatchObject({ x: 0, y: 120, w: 320, h: 120 });
	});

	it('re-import: items stored by a path get the media the user adds, same id, labels and size', () => {
		// The first import, without the images: four items kept by their paths.
		const first = planApply(interopPlan('label-studio', json, 'ls.json', { tasks: [] }, {}));
		expect(first.items.every(isPathOnly)).toBe(true);
		expect(first.items.map((i) => i.source)).toEqual(PATHS);
		// Again, with three of the images: the file's tasks find the project's items by path.
		const media = [
			picked('street.jpg', 640, 480, 10),
			picked('park.jpg', 800, 600, 11),
			picked('beach.png', 321, 241, 12)
		];
		const plan = interopPlan('label-studio', json, 'ls.json', first.schema, {
			items: [...first.items, ...media]
		});
		expect(plan.result.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
		const pool = new Map([
			['street.jpg', media[0]!],
			['photos.zip/photos/park.jpg', media[1]!],
			['beach.png', media[2]!],
			// no blob: not media this import brings
			['lake.jpg', { ...media[0]!, id: 'x' as (typeof media)[0]['id'], media: { url: 'lake.jpg' } }]
		]);
		const att = mediaAttach(plan.result.items, pool);
		expect(att.from.map((f) => [f.path, f.file])).toEqual([
			[PATHS[0], 'street.jpg'],
			[PATHS[1], 'photos.zip/photos/park.jpg'],
			[PATHS[2], 'beach.png']
		]);
		expect(att.missing.map((i) => i.source)).toEqual([PATHS[3]]);
		att.items.forEach((it, k) => {
			const old = first.items[k]!;
			expect(it.id).toBe(old.id);
			expect(it.source).toBe(old.source);
			expect(it.media).toEqual(media[k]!.media);
			expect(it.seq).toBeLessThan(old.seq);
			expect(it.seq).toBeGreaterThan(old.seq - 1);
			expect(isPathOnly(it)).toBe(false);
		});
		// The boxes were read against the file's original_width/height: those stay.
		expect(att.items[2]?.meta).toEqual(first.items[2]?.meta);
		expect(first.items[2]?.meta).toEqual({ width: '320', height: '240' });
		// Nothing more to attach once they have their media.
		expect(mediaAttach(att.items, pool).items).toEqual([]);
		expect(mediaAttach([...att.items, ...att.missing], pool).missing).toEqual(att.missing);
	});
});
