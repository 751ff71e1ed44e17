/**
 * quality.*: label-quality core in node (docs/ARCHITECTURE.md#label-quality, issue 4).
 * - ds_100k_answers_ms: Dawid–Skene on a seeded synthetic crowd of 100k answers (10k items × 10
 *   answers, 200 workers, 5 classes); reference = majority vote on the same answers.
 * - glad_largest_ms / mace_largest_ms: on the largest shared crowd dataset; reference = majority vote.
 * - cli_aggregate_largest_ms: wall time of `quorum aggregate --method ds` on it (spawned);
 *   reference = `quorum --help` (node + tsx start-up).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { aggregate, type AggregateMethod, type Answer } from '../../src/lib/core/quality/aggregate';
import { answersFromCsv } from '../../src/lib/core/quality/answers-csv';
import { rngFrom, rngInt } from '../../src/lib/core/quality/rng';

import type { Figure, Where } from '../lib/figures';

export const where: Where = 'node';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function syntheticAnswers(seed: number): Answer[] {
	const rng = rngFrom(seed);
	const workers = 200;
	const classes = 5;
	const skill = Array.from({ length: workers }, () => 0.4 + 0.55 * rng());
	const answers: Answer[] = [];
	for (let i = 0; i < 10_000; i++) {
		const truth = rngInt(rng, classes);
		for (let j = 0; j < 10; j++) {
			const w = rngInt(rng, workers);
			const right = rng() < (skill[w] as number);
			const label = right ? truth : (truth + 1 + rngInt(rng, classes - 1)) % classes;
			answers.push({ item: `i${i}`, worker: `w${w}`, label: String(label) });
		}
	}
	return answers;
}

/** Median wall time of `runs` calls after one warm-up. */
function timeMs(fn: () => unknown, runs = 3): number {
	fn();
	const times: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		fn();
		times.push(performance.now() - t0);
	}
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

function figure(value: number, reference: number): Figure {
	return {
		value: round(value),
		unit: 'ms',
		reference: round(reference),
		ratio: round(value / reference, 2)
	};
}

function largestCrowdFile(): string {
	const root = path.resolve(process.cwd(), '../shared/data/crowd');
	const files = readdirSync(root)
		.map((d) => path.join(root, d, 'answers.csv'))
		.filter((f) => {
			try {
				return statSync(f).isFile();
			} catch {
				return false;
			}
		});
	return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
}

function spawnMs(args: string[]): number {
	const bin = path.resolve(process.cwd(), 'bin/quorum.mjs');
	const t0 = performance.now();
	const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
	const ms = performance.now() - t0;
	if (r.status !== 0) throw new Error(`quorum ${args.join(' ')} failed: ${r.stderr}`);
	return ms;
}

export async function run(): Promise<Record<string, Figure>> {
	const synthetic = syntheticAnswers(2024);
	const ds = timeMs(() => aggregate(synthetic, 'ds'));
	const mv = timeMs(() => aggregate(synthetic, 'mv'));
	const file = largestCrowdFile();
	const largest = answersFromCsv(readFileSync(file, 'utf8'), file);
	const mvLargest = timeMs(() => aggregate(largest, 'mv'));
	const once = (method: AggregateMethod) => timeMs(() => aggregate(largest, method), 1);
	const cli = Math.min(
		...[0, 1, 2].map(() => spawnMs(['aggregate', '--in', file, '--method', 'ds']))
	);
	const startup = Math.min(...[0, 1, 2].map(() => spawnMs(['--help'])));
	return {
		ds_100k_answers_ms: figure(ds, mv),
		glad_largest_ms: figure(once('glad'), mvLargest),
		mace_largest_ms: figure(once('mace'), mvLargest),
		cli_aggregate_largest_ms: figure(cli, startup)
	};
}
