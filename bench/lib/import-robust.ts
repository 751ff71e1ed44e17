/**
 * import.* figures measured in node (issue 9), for bench/groups/import.ts:
 * - coco_50k_boxes_ms: importCoco of a generated COCO file with 50k boxes, median of 5 (the
 *   interop group's measurement, reused); reference = JSON.parse of the same text.
 * - fuzz_cases_per_s: seeded fuzz cases of every importer run in node (the six interop
 *   converters and the eight row importers, as in their fuzz tests) per second; reference = the
 *   same inputs through TextDecoder + JSON.parse in a try/catch.
 * - fuzz_cases_ci: property cases the fuzz tests run in CI (FUZZ_RUNS default × targets).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fuzzCase } from '../../tests/helpers/fuzz-interop';
import { fixtureFuzzTargets } from '../../tests/helpers/interop';
import { ROWS_FUZZ_SAMPLES, rowsFuzzCase, rowsFuzzTargets } from '../../tests/helpers/fuzz-rows';
import { run as interopRun } from '../groups/interop';
import { round, type Figure } from './figures';
/** fuzz.test.ts, fuzz-rows.test.ts and sync/fuzz.test.ts: FUZZ_RUNS default. */
const CI_RUNS = 120;
/** sync/fuzz.test.ts: bundles, state files, sealed data (not runnable here: it needs $lib). */
const SYNC_TARGETS = 3;

export async function importRobustRun(): Promise<Record<string, Figure>> {
	const interop = await interopRun();
	const coco = interop['import.coco_50k_boxes_ms'] as Figure;
	const read = (p: string) => readFileSync(`tests/fixtures/interop/${p}`, 'utf8');
	const interopTargets = fixtureFuzzTargets(read);
	const rowTargets = rowsFuzzTargets(ROWS_FUZZ_SAMPLES);
	const N = 100;
	const a = interopTargets.flatMap((t) =>
		fc.sample(t.input, { seed: 42, numRuns: N }).map((input) => ({ t, input }))
	);
	const b = rowTargets.flatMap((t) =>
		fc.sample(t.input, { seed: 42, numRuns: N }).map((input) => ({ t, input }))
	);
	let t0 = performance.now();
	for (const c of a) fuzzCase(c.t.run, c.input, 'bench');
	for (const c of b) await rowsFuzzCase(c.t.run, c.input, 'bench');
	const fuzzMs = performance.now() - t0;
	const dec = new TextDecoder();
	const bytes = [...a.map((c) => c.input), ...b.map((c) => c.input.bytes)];
	t0 = performance.now();
	for (const x of bytes)
		try {
			JSON.parse(dec.decode(x));
		} catch {
			/* reference: a bare parse */
		}
	const refMs = performance.now() - t0;
	const cases = bytes.length;
	const perS = (ms: number) => round((cases / ms) * 1000, 0);
	const targets = interopTargets.length + rowTargets.length + SYNC_TARGETS;
	return {
		coco_50k_boxes_ms: coco,
		fuzz_cases_per_s: {
			value: perS(fuzzMs),
			unit: 'cases/s',
			reference: perS(refMs),
			ratio: round(refMs / fuzzMs, 3),
			note: `${cases} cases of ${interopTargets.length + rowTargets.length} importers; reference: TextDecoder + JSON.parse of the same inputs`
		},
		fuzz_cases_ci: {
			value: targets * CI_RUNS,
			unit: 'cases',
			noReference: 'a count of test cases, not a measure of speed',
			note: `${targets} fuzz targets × ${CI_RUNS} seeded runs (FUZZ_RUNS) in npm test`
		}
	};
}
