// Writes the README's figures from bench/results.json, between `<!-- bench:start -->` and
// `<!-- bench:end -->`, so they cannot go stale: `npm run bench` calls it at its end.
// `node scripts/readme-figures.mjs` rewrites the section; with `--check` it only exits 1 when the
// section differs from what the results file gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const RESULTS = 'bench/results.json';
const README = 'README.md';
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** @param {number} x */
const num = (x) =>
	Math.abs(x) >= 100
		? Math.round(x).toLocaleString('en-US')
		: String(Math.round(x * 1000) / 1000).replace(/^(-?)0\./, '$10.');

/** @param {number} r */
const ratioText = (r) => (r >= 10 ? r.toFixed(r >= 100 ? 0 : 1) : String(Number(r.toPrecision(2))));

/** @param {string | null | undefined} c */
const commitText = (c) => (c ? `\`${c.slice(0, 10)}\`` : 'not recorded');

/**
 * A note as sentences: each part after a full stop starts with a capital and the note ends with one.
 * @param {string} s
 */
const sentences = (s) =>
	s
		.trim()
		.replace(/(^|[.!?] )([a-z])/g, (_, a, b) => a + b.toUpperCase())
		.replace(/([^.!?])$/, '$1.');

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The results file in its current shape ({ commit, dirty, groups }), or the older flat one.
 * @param {any} raw
 */
function groupsOf(raw) {
	if (raw.groups) return raw.groups;
	/** @type {Record<string, any>} */
	const groups = {};
	for (const [g, { measuredAt, ...figures }] of Object.entries(raw))
		groups[g] = { commit: null, dirty: null, measuredAt, figures };
	return groups;
}

/**
 * The section's Markdown, from the parsed results file.
 * @param {any} raw
 * @returns {string}
 */
export function figuresMarkdown(raw) {
	const groups = groupsOf(raw);
	const commits = new Set(Object.values(groups).map((e) => e.commit));
	const [only] = commits;
	const out = [
		'<!-- Written by scripts/readme-figures.mjs from bench/results.json: edit those, not this. -->',
		'',
		commits.size === 1 && only
			? `All groups measured commit ${commitText(only)}${Object.values(groups).some((e) => e.dirty) ? ' with uncommitted changes' : ''}.`
			: '**Mixed file:** the groups below come from different commits (each names its own), so compare them with care.',
		'',
		'Ratio = value / reference, where the reference does the same work by a simpler or standard means in the same run. _Ran in_: **browser** = the built app in Chromium driven through its UI; **browser-page** = the app’s code on a bench page in Chromium; **node** = the app’s code in node; **node-sim** = a node simulation of a browser path.',
		''
	];
	for (const [g, e] of Object.entries(groups)) {
		const dirty = e.dirty ? ', uncommitted changes' : '';
		const at = e.measuredAt ? `, ${String(e.measuredAt).slice(0, 10)}` : '';
		const load = e.load ? `, load average ${e.load.join(' → ')} on ${e.cores} cores` : '';
		out.push(`### ${g}`, '', `Commit ${commitText(e.commit)}${dirty}${at}${load}.`, '');
		out.push('| figure | value | reference | ratio | ran in |', '| --- | --- | --- | --- | --- |');
		/** @type {string[]} */
		const notes = [];
		for (const [name, f] of Object.entries(e.figures)) {
			const ref =
				f.reference === undefined
					? f.noReference
						? 'none'
						: 'not recorded'
					: `${num(f.reference)} ${f.unit}`;
			const ratio = f.reference ? ratioText(f.value / f.reference) : '–';
			out.push(
				`| \`${name}\` | ${num(f.value)} ${f.unit} | ${ref} | ${ratio} | ${f.where ?? 'not recorded'} |`
			);
			const why = f.noReference ? `No reference: ${f.noReference}` : '';
			const note = [f.note, why].filter(Boolean).map(sentences).join(' ');
			if (note) notes.push(`- \`${name}\`: ${cell(note)}`);
		}
		out.push('', ...notes, '');
	}
	return out.join('\n').trimEnd();
}

/**
 * The README with its section rewritten from `raw`, formatted as `npm run lint` wants it.
 * @param {string} readme
 * @param {any} raw
 */
export async function readmeWithFigures(readme, raw) {
	const a = readme.indexOf(START);
	const b = readme.indexOf(END);
	if (a < 0 || b < a) throw new Error(`${README} has no ${START} … ${END} section`);
	const next = `${readme.slice(0, a + START.length)}\n\n${figuresMarkdown(raw)}\n\n${readme.slice(b)}`;
	const options = (await prettier.resolveConfig(README)) ?? {};
	return prettier.format(next, { ...options, filepath: README });
}

/** Rewrites the README's section from bench/results.json. */
export async function readmeFiguresWrite() {
	const raw = JSON.parse(readFileSync(RESULTS, 'utf8'));
	writeFileSync(README, await readmeWithFigures(readFileSync(README, 'utf8'), raw));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	if (process.argv.includes('--check')) {
		const readme = readFileSync(README, 'utf8');
		const raw = JSON.parse(readFileSync(RESULTS, 'utf8'));
		if ((await readmeWithFigures(readme, raw)) !== readme) {
			console.error(
				`${README}'s figures differ from ${RESULTS}: run node scripts/readme-figures.mjs`
			);
			process.exit(1);
		}
		console.log(`${README}'s figures match ${RESULTS}`);
	} else {
		await readmeFiguresWrite();
		console.log(`Wrote the figures section of ${README} from ${RESULTS}`);
	}
}
