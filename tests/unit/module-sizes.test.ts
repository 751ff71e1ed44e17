/**
 * No module of the app over 400 lines (tests, type declarations and generated files aside): a
 * module that grows past it is split along its seams (docs/ARCHITECTURE.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIMIT = 400;
const SOURCE = /\.(ts|svelte|js)$/;
const NOT_MODULE = /\.(test|d)\.ts$/;

function modules(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '__screenshots__' ? [] : modules(path);
		return SOURCE.test(name) && !NOT_MODULE.test(name) ? [path] : [];
	});
}

describe('module sizes', () => {
	it(`keeps every module of src/ at ${LIMIT} lines or fewer`, () => {
		const files = modules('src');
		expect(files.length).toBeGreaterThan(100);
		const lines = (f: string) => readFileSync(f, 'utf8').split('\n').length - 1;
		const over = files.filter((f) => lines(f) > LIMIT).map((f) => `${f}: ${lines(f)} lines`);
		expect(over).toEqual([]);
	});
});
