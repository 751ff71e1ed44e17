import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCase } from '$tests/helpers/fuzz-interop';
import { fixtureFuzzTargets } from '$tests/helpers/interop';

const read = (p: string) => readFileSync(`tests/fixtures/interop/${p}`, 'utf8');
const SEED = Number(process.env.FUZZ_SEED ?? 20240609);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
/** Per case; generous for a shared 2-core machine. The largest inputs are ~2 MB. */
const MS_PER_CASE = 3000;

const targets = fixtureFuzzTargets(read);

describe('fuzz: every importer returns a result or a FormatError', () => {
	for (const t of targets)
		it(`${t.name} (seed ${SEED}, ${RUNS} runs)`, () => {
			let slowest = 0;
			try {
				fc.assert(
					fc.property(t.input, (input) => {
						const t0 = performance.now();
						fuzzCase(t.run, input, `fuzz.${t.name}`);
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
