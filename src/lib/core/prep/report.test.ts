import { describe, expect, it } from 'vitest';
import { prepReport, prepScan, type PrepItem } from './report';

const t = (id: string, text: string): PrepItem => ({ id, kind: 'text', text });
const texts = [
	'Please refund my order, the parcel arrived broken and the box was wet',
	'Great service, the courier was early and very friendly to my neighbour',
	'The app crashes every time I open the settings page on my phone',
	'I would like to change the delivery address for my next subscription box',
	'Why was I charged twice for the same month, please check my account',
	'Your newsletter is too frequent, please send it once a month instead',
	'Loved the new recipe booklet, the pasta one was delicious and quick',
	'Can I pause my plan while I am travelling abroad in the summer'
];

describe('prepReport', () => {
	it('reports near duplicates, exact duplicates, empty texts, broken media and outliers', () => {
		const items = [
			...texts.map((x, i) => t(`t${i}`, x)),
			t('near', texts[0]!.replace('wet', 'soaking wet')),
			t('spaced', `  ${texts[1]!.replace(/ /g, '  ')} `),
			t('empty', '   '),
			t('long', 'word '.repeat(2000)),
			{
				id: 'img',
				kind: 'image',
				blob: 'b1',
				size: 10,
				broken: 'Not an image the browser can decode'
			}
		];
		const r = prepReport(items, { importDuplicates: 3, labels: ['a', 'a', 'b'] });
		const by = (k: string) => r.findings.filter((f) => f.kind === k);
		expect(by('near-duplicate').map((f) => f.items)).toEqual([['t0', 'near']]);
		expect(by('near-duplicate')[0]!.similarity).toBeGreaterThan(0.6);
		expect(by('exact-duplicate').map((f) => f.items)).toEqual([['t1', 'spaced']]);
		expect(by('empty').map((f) => f.items)).toEqual([['empty']]);
		expect(by('broken').map((f) => f.items)).toEqual([['img']]);
		expect(by('outlier').map((f) => f.items)).toEqual([['long']]);
		expect(r.importDuplicates).toBe(3);
		expect(r.balance.classes.map((c) => c.label)).toEqual(['a', 'b']);
	});

	it('finds image near duplicates by perceptual hash and exact ones by blob', () => {
		const r = prepReport([
			{ id: 'a', kind: 'image', blob: 'x', size: 100, phash: 'ffff0000ffff0000' },
			{ id: 'b', kind: 'image', blob: 'y', size: 120, phash: 'ffff0000ffff0003' },
			{ id: 'c', kind: 'image', blob: 'z', size: 110, phash: '0f0f0f0f0f0f0f0f' },
			{ id: 'd', kind: 'image', blob: 'z', size: 110, phash: '0f0f0f0f0f0f0f0f' }
		]);
		expect(r.findings.map((f) => [f.kind, f.items])).toEqual([
			['exact-duplicate', ['c', 'd']],
			['image-duplicate', ['a', 'b']]
		]);
	});

	it('yields progress in chunks before returning', () => {
		const items = Array.from({ length: 50 }, (_, i) => t(`i${i}`, `text number ${i} here`));
		const gen = prepScan(items, { chunk: 10 });
		const steps: number[] = [];
		for (let s = gen.next(); !s.done; s = gen.next()) steps.push(s.value.done);
		expect(steps.slice(0, 5)).toEqual([10, 20, 30, 40, 50]);
	});
});
