// `npm run bench [-- GROUP ...]`: runs benchmark groups (bench/groups/GROUP.ts, each exporting
// `run()`), and merges their figures into bench/results.json as
// { GROUP: { metric: { value, unit, reference?, ratio? } } } (docs/ARCHITECTURE.md#benchmarks).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
process.env.TZ = 'UTC';

const all = readdirSync('bench/groups')
	.filter((f) => f.endsWith('.ts'))
	.map((f) => f.replace(/\.ts$/, ''));
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const groups = asked.length ? asked : all;
for (const g of groups) {
	if (!all.includes(g)) {
		console.error(`Unknown bench group "${g}". Groups: ${all.join(', ')}`);
		process.exit(2);
	}
}

const path = 'bench/results.json';
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
for (const g of groups) {
	console.log(`\n▶ bench ${g}`);
	const mod = await import(pathToFileURL(`bench/groups/${g}.ts`).href);
	const figures = await mod.run();
	results[g] = { ...figures, measuredAt: new Date().toISOString() };
	for (const [k, v] of Object.entries(figures)) {
		const ref = v.reference === undefined ? '' : `  reference ${v.reference} ${v.unit}`;
		const ratio = v.ratio === undefined ? '' : `  ratio ${v.ratio}`;
		console.log(`  ${g}.${k} = ${v.value} ${v.unit}${ref}${ratio}`);
	}
	writeFileSync(path, JSON.stringify(results, null, '\t') + '\n');
}
console.log(`\nWrote ${path}`);
