/**
 * A disputed item added to the guidelines as an example or an edge case: a line at the end of
 * that section (made when missing), so reviewers grow the guidelines from real cases.
 */

export type GuidelinesKind = 'example' | 'edge case';

/** Where to insert the entry into `current` and what to insert. */
export function guidelinesEntry(
	current: string,
	entry: { text: string; label: string; kind: GuidelinesKind }
): { index: number; text: string } {
	const heading = `## ${entry.kind === 'example' ? 'Examples' : 'Edge cases'}`;
	const text = entry.text.replace(/\s+/g, ' ').slice(0, 500);
	const line = `\n- “${text}” → **${entry.label}**`;
	const start = current.indexOf(heading);
	if (start === -1) return { index: current.length, text: `\n\n${heading}\n${line}` };
	// At the end of that section: before the next heading, or at the end.
	const next = current.indexOf('\n## ', start + 3);
	return { index: next === -1 ? current.length : next, text: line };
}
