// `npm run bench [-- GROUP ...] [--no-build]`: runs benchmark groups (bench/groups/GROUP.ts, each
// exporting `run()`, `where` and, if it drives the app in a browser, `needsApp = true`) and merges
// their figures into bench/results.json, then rewrites the README's figures from that file
// (scripts/readme-figures.mjs). The file records the commit each group measured:
//   { commit, dirty, groups: { GROUP: { commit, dirty, measuredAt, figures: { NAME: Figure } } } }
// where the top-level commit is 'mixed' when the groups come from different commits.
// Groups that need the app get a production build of the current source (bench/lib/app-build.ts);
// with --no-build a missing or stale build is refused instead. BENCH_SCALE=0.1 shrinks the data of
// the groups that allow it, for development: such a run writes bench/results.local.json instead.
// See docs/ARCHITECTURE.md#benchmarks.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { readmeFiguresWrite } from './readme-figures.mjs';

register();
process.env.TZ = 'UTC';

const { WHERE_TEXT, BENCH_SCALE } = await import('../bench/lib/figures.ts');
const { appBuildEnsure, provenanceRead } = await import('../bench/lib/app-build.ts');

const all = readdirSync('bench/groups')
	.filter((f) => f.endsWith('.ts'))
	.map((f) => f.replace(/\.ts$/, ''));
const args = process.argv.slice(2);
const asked = args.filter((a) => !a.startsWith('-'));
const groups = asked.length ? asked : all;
for (const g of groups) {
	if (!all.includes(g)) {
		console.error(`Unknown bench group "${g}". Groups: ${all.join(', ')}`);
		process.exit(2);
	}
}
const scaledRun = BENCH_SCALE !== 1;
const path = scaledRun ? 'bench/results.local.json' : 'bench/results.json';

/**
 * The results file in its current shape. Files from before commits were recorded hold
 * { GROUP: { NAME: Figure, measuredAt } }: their groups get `commit: null` (not recorded).
 * @param {string} file
 */
function resultsRead(file) {
	if (!existsSync(file)) return { commit: null, dirty: false, groups: {} };
	const raw = JSON.parse(readFileSync(file, 'utf8'));
	if (raw.groups) return raw;
	/** @type {Record<string, unknown>} */
	const groups = {};
	for (const [g, entry] of Object.entries(raw)) {
		const { measuredAt, ...figures } = entry;
		groups[g] = { commit: null, dirty: null, measuredAt, figures };
	}
	return { commit: null, dirty: null, groups };
}

/** The file's commit: the one all its groups measured, else 'mixed'. */
function resultsSummarize(results) {
	const entries = Object.values(results.groups);
	const commits = new Set(entries.map((e) => e.commit));
	const [only] = commits;
	results.commit = commits.size === 1 && only ? only : 'mixed';
	results.dirty = entries.some((e) => e.dirty !== false);
	return results;
}

/**
 * A group's figures as stored: each with `where` (the group's unless set), a note that starts by
 * saying where it ran, and ratio = value / reference whenever there is a reference.
 */
function figuresNormalize(g, figures, groupWhere) {
	const out = {};
	for (const [name, f] of Object.entries(figures)) {
		const where = f.where ?? groupWhere;
		if (!where || !(where in WHERE_TEXT))
			throw new Error(`${g}.${name}: no \`where\` (browser, browser-page, node or node-sim)`);
		if (f.reference === undefined && !f.noReference)
			throw new Error(`${g}.${name}: no reference, and no \`noReference\` saying why`);
		const ratio =
			f.reference === undefined || f.reference === 0
				? undefined
				: Math.round((f.value / f.reference) * 1000) / 1000;
		const note = [WHERE_TEXT[where], f.note].filter(Boolean).join(' ');
		out[name] = { ...f, ratio, where, note };
	}
	return out;
}

const mods = {};
for (const g of groups) mods[g] = await import(pathToFileURL(`bench/groups/${g}.ts`).href);

const provenance = provenanceRead();
console.log(
	`Measuring commit ${provenance.commit.slice(0, 12)}${provenance.dirty ? ' (dirty tree: uncommitted changes)' : ''}${scaledRun ? `, scale ${BENCH_SCALE} (results go to ${path})` : ''}`
);
if (groups.some((g) => mods[g].needsApp))
	process.env.BENCH_APP_DIR = appBuildEnsure({ build: !args.includes('--no-build') });

const results = resultsRead(path);
for (const g of groups) {
	console.log(`\n▶ bench ${g}`);
	const loadBefore = loadavg()[0];
	const figures = figuresNormalize(g, await mods[g].run(), mods[g].where);
	results.groups[g] = {
		commit: provenance.commit,
		dirty: provenance.dirty,
		measuredAt: new Date().toISOString(),
		// The machine is shared: its 1-minute load average before and after the group.
		load: [loadBefore, loadavg()[0]].map((l) => Math.round(l * 10) / 10),
		cores: cpus().length,
		...(scaledRun ? { scale: BENCH_SCALE } : {}),
		figures
	};
	for (const [k, v] of Object.entries(figures)) {
		const ref =
			v.reference === undefined
				? `  no reference (${v.noReference})`
				: `  reference ${v.reference}`;
		const ratio = v.ratio === undefined ? '' : `  ratio ${v.ratio}`;
		console.log(`  ${g}.${k} = ${v.value} ${v.unit}${ref}${ratio}  [${v.where}]`);
	}
	writeFileSync(path, JSON.stringify(resultsSummarize(results), null, '\t') + '\n');
}
console.log(`\nWrote ${path}`);
if (!scaledRun) {
	await readmeFiguresWrite();
	console.log('Wrote the figures section of README.md');
}
