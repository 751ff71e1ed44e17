/**
 * Test-only helper (node): locates the shared reference data, read in place from
 * `../shared/data` relative to the repo root and never copied into the repo.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DATA_DIR = path.resolve(process.cwd(), '../shared/data');

/** Path inside the shared data folder; throws a clear error when the folder is missing. */
export function dataPath(...parts: string[]): string {
	if (!existsSync(DATA_DIR)) {
		throw new Error(
			`Reference data not found at ${DATA_DIR}: run the tests from the repo root with the shared ` +
				`data folder next to it (../shared/data).`
		);
	}
	return path.join(DATA_DIR, ...parts);
}
