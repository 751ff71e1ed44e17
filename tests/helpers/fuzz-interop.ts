/**
 * Fuzz cases for the interop importers (seeded fast-check arbitraries), shared by the tests and
 * the bench: random bytes, truncations and one-character mutations of real files, deeply nested
 * JSON/XML and huge fields. Each importer must return a result or throw a FormatError.
 */
import fc from 'fast-check';
import { FormatError } from '../../src/lib/core/errors';
import type { Item } from '../../src/lib/core/types';
import { importCoco } from '../../src/lib/core/formats/interop/coco';
import { importConll, importSpacy } from '../../src/lib/core/formats/interop/conll';
import { zipOf } from '../../src/lib/core/formats/interop/files';
import { importLabelStudio } from '../../src/lib/core/formats/interop/label-studio';
import { importVoc } from '../../src/lib/core/formats/interop/voc';
import { importYolo } from '../../src/lib/core/formats/interop/yolo';

export type FuzzImporter = (input: Uint8Array, file: string) => unknown;

const enc = new TextEncoder();

/** Bytes around a real file: random bytes, the file cut short, the file with one byte changed. */
export function fuzzAround(bytes: Uint8Array): fc.Arbitrary<Uint8Array>[] {
	return [
		fc.uint8Array({ maxLength: 2000 }),
		fc.nat({ max: bytes.length }).map((n) => bytes.slice(0, n)),
		fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
			const c = bytes.slice();
			c[i] = b;
			return c;
		})
	];
}

/** Grown inputs: `nest(n)` nested n deep, and `sample` with a field of up to 2 MB inserted. */
export function fuzzGrown(sample: string, nest: (n: number) => string): fc.Arbitrary<Uint8Array>[] {
	return [
		fc.integer({ min: 1, max: 20_000 }).map((n) => enc.encode(nest(n))),
		fc
			.tuple(fc.nat({ max: sample.length }), fc.integer({ min: 1, max: 2_000_000 }))
			.map(([at, n]) => enc.encode(sample.slice(0, at) + 'x'.repeat(n) + sample.slice(at)))
	];
}

/** Inputs built from a real file `sample`. */
export function fuzzInput(sample: string, deep: 'json' | 'xml' | 'text'): fc.Arbitrary<Uint8Array> {
	const bytes = enc.encode(sample);
	const nest = (n: number) =>
		deep === 'json'
			? '['.repeat(n) + ']'.repeat(n)
			: deep === 'xml'
				? '<annotation>' + '<a>'.repeat(n) + '</a>'.repeat(n) + '</annotation>'
				: 'w B-X\n'.repeat(n);
	return fc.oneof(
		...fuzzAround(bytes),
		...fuzzGrown(sample, nest),
		fc.constant(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes)),
		fc.constant(Uint8Array.of(0xff, 0xfe, ...bytes))
	);
}

/** The importers under fuzz, each with a real sample of its format. */
export function fuzzTargets(samples: {
	coco: string;
	ls: string;
	voc: string;
	conll: string;
	spacy: string;
	yolo: Record<string, string>;
	items: Item[];
}): { name: string; run: FuzzImporter; input: fc.Arbitrary<Uint8Array> }[] {
	const zip = zipOf(samples.yolo);
	const zipText = String.fromCharCode(...zip);
	return [
		{ name: 'coco', run: (b, f) => importCoco(b, f), input: fuzzInput(samples.coco, 'json') },
		{
			name: 'label-studio',
			run: (b, f) => importLabelStudio(b, f),
			input: fuzzInput(samples.ls, 'json')
		},
		{ name: 'voc', run: (b, f) => importVoc(b, f), input: fuzzInput(samples.voc, 'xml') },
		{ name: 'conll', run: (b, f) => importConll(b, f), input: fuzzInput(samples.conll, 'text') },
		{ name: 'spacy', run: (b, f) => importSpacy(b, f), input: fuzzInput(samples.spacy, 'json') },
		{
			name: 'yolo',
			run: (b, f) => importYolo(b, f, undefined, { items: samples.items }),
			input: fc.oneof(
				fuzzInput(zipText, 'text'),
				fc.nat({ max: zip.length }).map((n) => zip.slice(0, n)),
				fc
					.tuple(fc.string({ maxLength: 500 }), fc.string({ maxLength: 200 }))
					.map(([labels, classes]) =>
						zipOf({ ...samples.yolo, 'classes.txt': classes, 'labels/street.txt': labels })
					)
			)
		}
	];
}

/** Runs one case: 'ok', 'format-error', or throws anything else. */
export function fuzzCase(
	run: FuzzImporter,
	input: Uint8Array,
	file: string
): 'ok' | 'format-error' {
	try {
		run(input, file);
		return 'ok';
	} catch (e) {
		if (e instanceof FormatError) return 'format-error';
		throw e;
	}
}
