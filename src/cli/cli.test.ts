/** End-to-end checks of `bin/quorum.mjs`, spawned with node as `npx quorum` would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../tests/helpers/shared-data';

const BIN = path.resolve(process.cwd(), 'bin/quorum.mjs');

function quorum(...args: string[]) {
	const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempCsv(name: string, text: string): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'quorum-')), name);
	writeFileSync(file, text);
	return file;
}

describe('quorum CLI', { timeout: 120_000 }, () => {
	it('prints help for the tool and for each command', () => {
		expect(quorum('--help')).toMatchObject({ code: 0 });
		for (const cmd of ['aggregate', 'agreement', 'label-issues']) {
			const r = quorum(cmd, '--help');
			expect(r.code).toBe(0);
			expect(r.stdout).toContain(`Usage: quorum ${cmd}`);
		}
	});

	it('aggregates answers into item,label,confidence rows', () => {
		const answers = dataPath('crowd', 'bluebirds', 'answers.csv');
		const r = quorum('aggregate', '--in', answers, '--method', 'ds');
		expect(r.code).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines[0]).toBe('item,label,confidence');
		expect(lines).toHaveLength(109);
		const [item, label, confidence] = (lines[1] as string).split(',');
		expect(item).toBe('11573');
		expect(['0', '1']).toContain(label);
		expect(Number(confidence)).toBeGreaterThan(0.5);
	});

	it('auto picks a method by held-out likelihood and says which and why', () => {
		const answers = dataPath('crowd', 'bluebirds', 'answers.csv');
		const auto = quorum('aggregate', '--in', answers, '--method', 'auto');
		expect(auto.code).toBe(0);
		expect(auto.stderr).toMatch(
			/^quorum aggregate: auto chose ds: it predicts held-out answers best \(mean log-likelihood -0\.\d{4} per answer over 4212 answers in 5 folds; next mace -0\.\d{4}\)\n$/
		);
		expect(auto.stdout).toBe(quorum('aggregate', '--in', answers, '--method', 'ds').stdout);
	});

	it('aggregate-boxes fuses matched boxes by skill; equal skills vote by majority', () => {
		const boxes = tempCsv(
			'boxes.csv',
			'item,worker,x,y,w,h,label\nimg,A,10,10,90,90,cat\nimg,B,14,14,90,90,cat\nimg,C,200,200,50,50,dog\nimg2,A,,,,,\nimg2,B,5,5,10,10,cat\n'
		);
		const measured = quorum('aggregate-boxes', '--in', boxes);
		expect(measured.code).toBe(0);
		// A and B agree on img (F1 1), not with C there (0) nor with each other on img2 (0): both
		// 1/3, C 0. The dog carries none of img's skill; img2's lone box half of img2's: kept.
		expect(measured.stdout).toBe(
			'item,x,y,w,h,label,support,annotators\nimg,12,12,90,90,cat,1,2\nimg2,5,5,10,10,cat,0.5,1\n'
		);
		expect(measured.stderr).toBe(
			'quorum aggregate-boxes: skills (mean box F1 against the others): A 0.3333, B 0.3333, C 0\n'
		);
		const equal = quorum('aggregate-boxes', '--in', boxes, '--skills', 'equal');
		expect(equal.stdout).toBe(
			'item,x,y,w,h,label,support,annotators\nimg,12,12,90,90,cat,0.6667,2\nimg2,5,5,10,10,cat,0.5,1\n'
		);
		const bad = quorum(
			'aggregate-boxes',
			'--in',
			tempCsv('b.csv', 'item,worker,x,y,w,h,label\ni,A,1,2,0,4,cat\n')
		);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/line 2: a box needs a positive w and h/);
	});

	it('aggregate-spans reads spans into BIO tags and writes the consensus spans', () => {
		const texts = tempCsv(
			'texts.csv',
			'item,text\nt1,Ada Lovelace met Charles Babbage in London .\n'
		);
		const spans = tempCsv(
			'spans.csv',
			'item,worker,start,end,label\nt1,A,0,12,PER\nt1,A,36,42,LOC\nt1,B,0,12,PER\nt1,C,4,12,PER\nt1,C,17,24,PER\n'
		);
		// Per token: Ada B-PER twice, Lovelace I-PER twice, London B-LOC once: "Ada Lovelace".
		const mv = quorum('aggregate-spans', '--in', spans, '--texts', texts, '--method', 'mv');
		expect(mv.code).toBe(0);
		expect(mv.stdout).toBe('item,start,end,label\nt1,0,12,PER\n');
		const outside = tempCsv('o.csv', 'item,worker,start,end,label\nt1,A,40,90,LOC\n');
		const bad = quorum('aggregate-spans', '--in', outside, '--texts', texts);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/span 40–90 is outside the text \(44 characters\)/);
	});

	it('says when a method falls below majority vote and writes majority vote instead (--guard off keeps it)', () => {
		const answers = dataPath('crowd', 'bluebirds', 'answers.csv');
		const labels = (stdout: string) =>
			stdout
				.trim()
				.split('\n')
				.slice(1)
				.map((l) => l.split(',')[1]);
		const mv = quorum('aggregate', '--in', answers, '--method', 'mv');
		const guarded = quorum('aggregate', '--in', answers, '--method', 'onecoin');
		expect(guarded.code).toBe(0);
		expect(guarded.stderr).toContain(
			'quorum aggregate: onecoin: its estimate explains the answers less well than majority vote'
		);
		expect(guarded.stderr).toContain(
			"Majority vote is used instead. (--guard off to keep onecoin's)"
		);
		expect(labels(guarded.stdout)).toEqual(labels(mv.stdout));
		const own = quorum('aggregate', '--in', answers, '--method', 'onecoin', '--guard', 'off');
		expect(own.stderr).toBe('');
		expect(labels(own.stdout)).not.toEqual(labels(mv.stdout));
	});

	it('writes to --out and reports ties on stderr', () => {
		const input = tempCsv('a.csv', 'item,worker,label\nx,w1,cat\nx,w2,dog\ny,w1,cat\n');
		const out = path.join(path.dirname(input), 'labels.csv');
		const r = quorum('aggregate', '--in', input, '--method', 'mv', '--out', out);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('1 of 2 items had tied top posteriors');
		expect(readFileSync(out, 'utf8').split('\n')[2]).toBe('y,cat,1');
	});

	it('prints agreement as JSON with its interval and counts', () => {
		const r = quorum(
			'agreement',
			'--in',
			dataPath('crowd', 'temp', 'answers.csv'),
			'--metric',
			'fleiss',
			'--resamples',
			'200'
		);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.stdout) as {
			value: number;
			interval: { low: number; high: number };
			counts: { items: number };
		};
		expect(json.counts.items).toBe(462);
		expect(json.interval.low).toBeLessThan(json.value);
		expect(json.interval.high).toBeGreaterThan(json.value);
	});

	it('lists label issues, ranked like cleanlab', () => {
		const dir = (f: string) => dataPath('label-issues', 'synthetic3', f);
		const r = quorum(
			'label-issues',
			'--labels',
			dir('labels.csv'),
			'--pred-probs',
			dir('pred_probs.csv'),
			'--rank',
			'self_confidence'
		);
		expect(r.code).toBe(0);
		const expected = readFileSync(dir('expected_issues_ranked_self_confidence.csv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((l) => l.split(',')[1]);
		expect(r.stdout.trim().split('\n')).toEqual(['index', ...expected]);
	});

	it.each([
		[
			'a ragged row',
			'item,worker,label\na,b,c\nd,e\n',
			'line 3: expected 3 fields (item,worker,label), found 2'
		],
		['a missing column', 'item,annotator,label\na,b,c\n', 'line 1: missing column "worker"'],
		['an empty file', '', 'empty file'],
		['no answers', 'item,worker,label\n', 'line 2: no answers after the header'],
		['an empty label', 'item,worker,label\na,b,\n', 'line 2: empty label']
	])('rejects %s naming the file, the line and the problem', (_what, text, problem) => {
		const file = tempCsv('answers.csv', text);
		const r = quorum('aggregate', '--in', file);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(`${file}${problem.startsWith('line') ? ', ' : ': '}${problem}`);
	});

	it('rejects an unknown method, option or missing file', () => {
		const file = tempCsv('answers.csv', 'item,worker,label\na,b,c\n');
		const method = quorum('aggregate', '--in', file, '--method', 'best');
		expect(method.code).toBe(2);
		expect(method.stderr).toContain(
			'unknown method "best" (choose mv, wawa, zbs, ds, onecoin, glad, mace, kos, auto)'
		);
		expect(quorum('aggregate', '--in', file, '--fast').code).toBe(2);
		const three = tempCsv('three.csv', 'item,worker,label\na,b,x\na,c,y\nb,b,z\n');
		const kos = quorum('aggregate', '--in', three, '--method', 'kos');
		expect(kos.code).toBe(2);
		expect(kos.stderr).toContain(`kos needs exactly two classes; ${three} has 3`);
		const missing = quorum('aggregate', '--in', '/nonexistent/answers.csv');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('/nonexistent/answers.csv: file not found');
	});

	it('names the file and line of a bad label or probability', () => {
		const labels = tempCsv('labels.csv', 'index,label\n0,0\n1,7\n');
		const probs = tempCsv('pred_probs.csv', 'index,p0,p1\n0,0.9,0.1\n1,0.2,0.8\n');
		const r = quorum('label-issues', '--labels', labels, '--pred-probs', probs);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(`${labels}, line 3: label "7" is not an integer in 0..1`);
		const badProbs = tempCsv('pred_probs.csv', 'index,p0,p1\n0,0.9,0.1\n1,abc,0.8\n');
		const okLabels = tempCsv('labels.csv', 'index,label\n0,0\n1,1\n');
		expect(quorum('label-issues', '--labels', okLabels, '--pred-probs', badProbs).stderr).toContain(
			`${badProbs}, line 3: "abc" in column p0 is not a probability`
		);
	});

	it('names the line of a non-numeric label at the interval level', () => {
		const file = tempCsv('answers.csv', 'item,worker,label\na,w1,1\na,w2,two\n');
		const r = quorum('agreement', '--in', file, '--level', 'interval');
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(`${file}, line 3: label "two" is not a number`);
	});
});
