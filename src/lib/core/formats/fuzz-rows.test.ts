import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import {
	ROWS_FUZZ_SAMPLES,
	rowsFuzzCase,
	rowsFuzzTargets,
	rowsImportCheck
} from '$tests/helpers/fuzz-rows';
import { textChunksDecode } from './text-decode';

const SEED = Number(process.env.FUZZ_SEED ?? 20240609);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
/** Per case; generous for a shared 2-core machine. The largest inputs are ~2 MB. */
const MS_PER_CASE = 3000;

const targets = rowsFuzzTargets(ROWS_FUZZ_SAMPLES);

describe('fuzz: every row importer returns well-formed rows or a FormatError', () => {
	for (const t of targets)
		it(`${t.name} (seed ${SEED}, ${RUNS} runs)`, async () => {
			let slowest = 0;
			try {
				await fc.assert(
					fc.asyncProperty(t.input, async (input) => {
						const t0 = performance.now();
						await rowsFuzzCase(t.run, input, `fuzz.${t.name}`);
						const ms = performance.now() - t0;
						slowest = Math.max(slowest, ms);
						if (ms > MS_PER_CASE) throw new Error(`took ${ms.toFixed(0)} ms (> ${MS_PER_CASE})`);
					}),
					{ seed: SEED, numRuns: RUNS }
				);
			} catch (e) {
				console.error(`fuzz ${t.name} failed with seed ${SEED} (rerun: FUZZ_SEED=${SEED})`);
				throw e;
			}
			expect(slowest).toBeLessThanOrEqual(MS_PER_CASE);
		}, 120_000);
});

const enc = new TextEncoder();
const decodeAll = async (bytes: Uint8Array, chunk = 3) => {
	const parts: string[] = [];
	const chunks = [];
	for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
	for await (const t of textChunksDecode(chunks, 'f.csv')) parts.push(t);
	return parts.join('');
};

describe('wrong encodings are named, with the line', () => {
	it('reads UTF-16 LE and BE with a byte-order mark, cut anywhere', async () => {
		const text = 'text\nCafé — ü\n';
		const le = new Uint8Array([
			0xff,
			0xfe,
			...[...text].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])
		]);
		const be = new Uint8Array([
			0xfe,
			0xff,
			...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255])
		]);
		for (const size of [1, 2, 3, 5]) {
			expect(await decodeAll(le, size)).toBe(text);
			expect(await decodeAll(be, size)).toBe(text);
		}
	});
	it('refuses Latin-1 at its line instead of importing replacement characters', async () => {
		const bytes = Uint8Array.from('text\nok\ncaf\u00e9\n', (c) => c.charCodeAt(0));
		const e = await decodeAll(bytes).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(FormatError);
		expect(e).toMatchObject({ file: 'f.csv', line: 3 });
		expect((e as FormatError).reason).toMatch(/not UTF-8.*save it as UTF-8/);
	});
	it('refuses UTF-16 without a byte-order mark (NUL characters)', async () => {
		const bytes = Uint8Array.from('t\0e\0x\0t\0', (c) => c.charCodeAt(0));
		await expect(decodeAll(bytes)).rejects.toThrow(/NUL characters/);
	});
	it('drops a UTF-8 byte-order mark', async () => {
		const r = await rowsImportCheck(
			{ bytes: Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode('text\nhello\n')), chunk: 1 },
			'f.csv',
			'csv',
			'abort'
		);
		expect(r).toEqual({ rows: 1, problems: 0 });
	});
	it('reports a JSON meta value nested too deeply instead of crashing', async () => {
		const deep = '['.repeat(50_000) + ']'.repeat(50_000);
		const r = await rowsImportCheck(
			{ bytes: enc.encode(`{"review":"a","id":${deep}}\n{"review":"b"}\n`), chunk: 4096 },
			'f.jsonl',
			'jsonl',
			'skip'
		);
		expect(r).toEqual({ rows: 1, problems: 1 });
	});
});
