/**
 * Real files that Debian packages ship, which the tests read in place (data nobody on the project
 * wrote). `bash .ci/run` installs the packages; on another machine a missing file fails with the
 * command that installs it instead of a bare ENOENT.
 */
import { existsSync } from 'node:fs';

/** The packages and the files the tests read from each. */
export const DEBIAN_FILES = {
	/** Recordings from statsmodels' datasets (sunspots, US macro data). */
	statsmodels: {
		pkg: 'python3-statsmodels',
		dir: '/usr/lib/python3/dist-packages/statsmodels/datasets'
	},
	/** matplotlib's sample data (a photograph of Grace Hopper). */
	matplotlib: { pkg: 'python-matplotlib-data', dir: '/usr/share/matplotlib/mpl-data/sample_data' }
} as const;

/** The path of `file` inside a package's folder; throws with the install command when it's absent. */
export function debianFile(source: keyof typeof DEBIAN_FILES, file: string): string {
	const { pkg, dir } = DEBIAN_FILES[source];
	const path = `${dir}/${file}`;
	if (!existsSync(path)) {
		throw new Error(
			`${path} is missing: install it with \`apt-get install --no-install-recommends ${pkg}\` (bash .ci/run does)`
		);
	}
	return path;
}
