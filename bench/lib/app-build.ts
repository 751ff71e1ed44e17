/**
 * What a bench run measured: the commit and whether the tree was dirty, and the production build
 * of the app the browser groups drive. The build goes to build-bench/ (never the e2e runners'
 * test build in build/) with a stamp naming the source it was built from, so a run refuses a
 * build older than the source instead of measuring it.
 */
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the bench's build of the app lives, and its stamp. */
export const APP_DIR = 'build-bench';
const STAMP = join(APP_DIR, 'bench-build.json');

/** What the build is made from; the bench's own outputs are left out. */
const SOURCES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];
/** Files a bench run writes: changing them does not make the measured tree dirty. */
const OUTPUTS = new Set(['bench/results.json', 'README.md']);

/** Git's output, untrimmed (a status line starts with a space). */
const git = (args: string[]): string => execFileSync('git', args, { encoding: 'utf8' });

export interface Provenance {
	commit: string;
	/** Uncommitted changes (tracked or new files) besides the bench's own outputs. */
	dirty: boolean;
}

export function provenanceRead(): Provenance {
	const changed = git(['status', '--porcelain', '--untracked-files=normal'])
		.split('\n')
		.filter(Boolean)
		.map((l) => l.slice(3).replace(/^.* -> /, ''))
		.filter((p) => !OUTPUTS.has(p));
	return { commit: git(['rev-parse', 'HEAD']).trim(), dirty: changed.length > 0 };
}

/** SHA-256 over the build's source files (tracked and new, not ignored), names and contents. */
export function sourceHash(): string {
	const files = git(['ls-files', '--cached', '--others', '--exclude-standard', '--', ...SOURCES])
		.split('\n')
		.filter((f) => f && existsSync(f))
		.sort();
	const h = createHash('sha256');
	for (const f of files) h.update(f).update('\0').update(readFileSync(f)).update('\0');
	return h.digest('hex');
}

interface Stamp {
	source: string;
	commit: string;
	dirty: boolean;
	builtAt: string;
}

function stampRead(): Stamp | undefined {
	try {
		return JSON.parse(readFileSync(STAMP, 'utf8')) as Stamp;
	} catch {
		return undefined;
	}
}

/**
 * Makes build-bench/ the production build of the current source: builds it (under the lock the
 * e2e build copies share) unless its stamp names this very source. With `build: false`, refuses
 * (throws) instead of building when the build is missing or older than the source.
 */
export function appBuildEnsure({ build }: { build: boolean }): string {
	const source = sourceHash();
	const stamp = stampRead();
	if (stamp?.source === source) {
		console.log(`  app build: ${APP_DIR}/ is current (built ${stamp.builtAt})`);
		return APP_DIR;
	}
	if (!build)
		throw new Error(
			`${APP_DIR}/ is ${stamp ? 'older than the source' : 'missing'}: run without --no-build`
		);
	console.log(`  app build: building the production app into ${APP_DIR}/ …`);
	const env = { ...process.env };
	delete env.QUORUM_TEST_HOOK;
	execSync(
		`flock /tmp/quorum-build.lock sh -c 'npx vite build >/tmp/quorum-bench-build-$$.log 2>&1 || { cat /tmp/quorum-bench-build-$$.log; exit 1; }; rm -rf ${APP_DIR}; cp -r build ${APP_DIR}'`,
		{ stdio: 'inherit', env }
	);
	if (sourceHash() !== source) throw new Error('The source changed while the app was building.');
	const { commit, dirty } = provenanceRead();
	const next: Stamp = { source, commit, dirty, builtAt: new Date().toISOString() };
	writeFileSync(STAMP, JSON.stringify(next, null, '\t') + '\n');
	return APP_DIR;
}

/** The app build a browser group serves; scripts/bench.mjs checks it before any group runs. */
export function appDir(): string {
	const dir = process.env.BENCH_APP_DIR;
	if (!dir)
		throw new Error('Browser bench groups run through `npm run bench`, which builds the app.');
	return dir;
}
