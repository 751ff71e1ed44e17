/**
 * Test-only helper (vitest browser project): reads a file of the shared reference data in place,
 * from `../shared/data` relative to the repo root, through Vitest's server (vite.config.ts allows
 * that folder in test runs). Never copied into the repo.
 */
import { commands } from 'vitest/browser';

export async function dataRead(...parts: string[]): Promise<string> {
	try {
		return await commands.readFile(['..', 'shared', 'data', ...parts].join('/'));
	} catch (e) {
		throw new Error(
			`Reference data ${parts.join('/')} not found in ../shared/data next to the repo root.`,
			{ cause: e }
		);
	}
}
