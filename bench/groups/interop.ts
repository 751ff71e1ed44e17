/**
 * interop.*: the format converters in node (issue 9).
 * - import.coco_50k_boxes_ms: importCoco of a generated COCO file with 50k boxes (5k images × 10
 *   boxes, 20 categories), median of 5; reference = JSON.parse of the same text.
 * - import.fuzz_cases_per_s: seeded fuzz cases (all six importers, as in fuzz.test.ts) per second;
 *   reference = the same inputs through TextDecoder + JSON.parse in a try/catch.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { importCoco } from '../../src/lib/core/formats/interop/coco';
import { fuzzCase } from '../../tests/helpers/fuzz-interop';
import { fixtureFuzzTargets } from '../../tests/helpers/interop';
import { median, round, type Figure, type Where } from '../lib/figures';

export const where: Where = 'node';

function cocoText(boxes: number): string {
	let s = 7;
	const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const perImage = 10;
	const images = Array.from({ length: boxes / perImage }, (_, i) => ({
		id: i + 1,
		file_name: `img_${i}.jpg`,
		width: 1280,
		height: 720
	}));
	const categories = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `class_${i}` }));
	const annotations = Array.from({ length: boxes }, (_, i) => {
		const w = round(10 + rnd() * 200, 2);
		const h = round(10 + rnd() * 200, 2);
		const x = Math.floor(rnd() * (1280 - w));
		const y = Math.floor(rnd() * (720 - h));
		return {
			id: i + 1,
			image_id: Math.floor(i / perImage) + 1,
			category_id: 1 + Math.floor(rnd() * 20),
			bbox: [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
			area: round(w * h, 2),
			iscrowd: 0,
			segmentation: []
		};
	});
	return JSON.stringify({ images, categories, annotations });
}

function time(f: () => unknown, n: number): number {
	const ts: number[] = [];
	for (let i = 0; i < n; i++) {
		const t0 = performance.now();
		f();
		ts.push(performance.now() - t0);
	}
	return median(ts);
}

export async function run(): Promise<Record<string, Figure>> {
	const text = cocoText(50_000);
	const check = importCoco(text, 'bench.json');
	const boxes = check.annotations.reduce(
		(n, a) => n + (a.value.type === 'boxes' ? a.value.boxes.length : 0),
		0
	);
	if (boxes !== 50_000 || check.problemCount !== 0)
		throw new Error(`imported ${boxes} boxes, ${check.problemCount} problems`);
	const ours = time(() => importCoco(text, 'bench.json'), 5);
	const parse = time(() => JSON.parse(text), 5);

	const read = (p: string) => readFileSync(`tests/fixtures/interop/${p}`, 'utf8');
	const targets = fixtureFuzzTargets(read);
	const cases = targets.flatMap((t) =>
		fc.sample(t.input, { seed: 42, numRuns: 200 }).map((input) => ({ t, input }))
	);
	let t0 = performance.now();
	for (const c of cases) fuzzCase(c.t.run, c.input, 'bench');
	const fuzzMs = performance.now() - t0;
	const dec = new TextDecoder();
	t0 = performance.now();
	for (const c of cases)
		try {
			JSON.parse(dec.decode(c.input));
		} catch {
			/* reference: a bare parse */
		}
	const refMs = performance.now() - t0;
	const perS = (ms: number) => round((cases.length / ms) * 1000, 0);
	return {
		'import.coco_50k_boxes_ms': {
			value: round(ours),
			unit: 'ms',
			reference: round(parse),
			ratio: round(parse / ours, 2)
		},
		'import.fuzz_cases_per_s': {
			value: perS(fuzzMs),
			unit: 'cases/s',
			reference: perS(refMs),
			ratio: round(refMs / fuzzMs, 2)
		}
	};
}
