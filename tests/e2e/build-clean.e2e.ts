/**
 * The production build holds no test code. It reads the build the e2e run serves (it builds
 * nothing itself) and fails if its assets carry:
 * - the hostile-peer test hook (tests/helpers/test-hook.ts), which only the hostile spec's own
 *   build may include (vite.config.ts resolves it to a no-op otherwise);
 * - code from tests/helpers or from any `*-testing` / `*.testing` module under src, recognised by
 *   their string literals that no app module contains (minifying keeps strings, not names).
 * Lint bans importing tests/ from the app (eslint.config.js); this checks what actually shipped.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, test } from '@playwright/test';

const BUILD = process.env.QUORUM_BUILD_DIR ?? 'build';
const HOOK_MARKERS = ['__quorumTest', 'quorum-test-hook'];
/**
 * A helper's string marks its code when it is prose-like: at least 12 characters with a space.
 * Shorter ones ('remote') and single words ('UNCOMPRESSED', also a hyparquet constant) are too
 * common to point at one module.
 */
const isMarker = (s: string) => s.trim().length >= 12 && /\S\s+\S/.test(s);

function files(dir: string, keep: (f: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((f) => join(dir, f))
		.filter(keep);
}

const isTestOnly = (f: string) =>
	/[-.]testing\.(ts|js)$/.test(f) || /\.test\.ts$/.test(f) || f.endsWith('.d.ts');

/** The string literals (and template literal parts) of one TypeScript file. */
function stringsOf(file: string): string[] {
	const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const out: string[] = [];
	const visit = (n: ts.Node) => {
		if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
		if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) out.push(n.text);
		ts.forEachChild(n, visit);
	};
	visit(src);
	return out;
}

test('the production build holds neither the test hook nor test helpers', () => {
	expect(existsSync(join(BUILD, 'index.html')), `no build in ${BUILD}`).toBe(true);
	const assets = files(BUILD, (f) => /\.(js|html|css|json|webmanifest)$/.test(f)).map((f) => ({
		f,
		text: readFileSync(f, 'utf8')
	}));
	expect(assets.length).toBeGreaterThan(10);

	const app = files('src', (f) => /\.(ts|js|svelte)$/.test(f) && !isTestOnly(f))
		.map((f) => readFileSync(f, 'utf8'))
		.join('\n');
	const testCode = [
		...files('tests/helpers', (f) => /\.ts$/.test(f)),
		...files('src', (f) => /[-.]testing\.(ts|js)$/.test(f))
	];
	expect(testCode.length).toBeGreaterThan(0);
	const markers = new Map<string, string>(HOOK_MARKERS.map((m) => [m, 'the test hook']));
	for (const f of testCode)
		for (const s of stringsOf(f))
			if (isMarker(s) && !app.includes(s)) markers.set(s, relative('.', f));
	// Enough markers that the check is not empty: the hook's two and several helpers' strings.
	expect(markers.size).toBeGreaterThan(10);

	const found = [...markers].flatMap(([m, from]) =>
		assets.filter((a) => a.text.includes(m)).map((a) => `${a.f}: ${JSON.stringify(m)} (${from})`)
	);
	expect(found, `test code in the production build ${BUILD}`).toEqual([]);
});
