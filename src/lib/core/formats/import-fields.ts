/** Turning parsed records (CSV cells, JSON objects) into import rows: the checks every format shares. */
import type { ImportMapping, ImportRow } from './import-types';
import { TEXT_MAX_CHARS } from './import-types';

/** A metadata value as a string: strings as they are, nested values as JSON, null as ''. */
export function fieldValueString(v: unknown): string {
	if (typeof v === 'string') return v;
	if (v === null || v === undefined) return '';
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v as number | boolean | bigint);
}

/** fieldValueString, or undefined for a value nested too deeply to write as JSON (stack limit). */
export function fieldValueSafe(v: unknown): string | undefined {
	try {
		return fieldValueString(v);
	} catch {
		return undefined;
	}
}

/**
 * Column names from a CSV header: trimmed, blanks named `column_N`, repeats suffixed `_2`, `_3`…
 * so every column can be picked by name.
 */
export function csvHeaderNames(raw: readonly string[]): string[] {
	const seen = new Set<string>();
	return raw.map((r, i) => {
		const base = r.trim() || `column_${i + 1}`;
		let name = base;
		for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
		seen.add(name);
		return name;
	});
}

/** Why a text cannot be imported, or undefined when it can. */
export function textProblem(text: string, field: string): string | undefined {
	if (text.trim() === '') return `the text field "${field}" is empty`;
	if (text.length > TEXT_MAX_CHARS)
		return `the text field "${field}" is longer than ${TEXT_MAX_CHARS} characters`;
	return undefined;
}

const typeName = (v: unknown): string =>
	v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

/** The row of a JSON record, or the reason it cannot be imported. */
export function rowFromObject(
	rec: Record<string, unknown>,
	mapping: ImportMapping,
	line: number
): ImportRow | string {
	const f = mapping.textField;
	if (!Object.hasOwn(rec, f)) return `the text field "${f}" is missing`;
	const raw = rec[f];
	if (typeof raw !== 'string') return `the text field "${f}" is ${typeName(raw)}, not a string`;
	const problem = textProblem(raw, f);
	if (problem) return problem;
	const row: ImportRow = { line, text: raw };
	if (mapping.metaFields.length > 0) {
		const meta: Record<string, string> = {};
		for (const m of mapping.metaFields)
			if (Object.hasOwn(rec, m)) {
				const v = fieldValueSafe(rec[m]);
				if (v === undefined) return `the field "${m}" is nested too deeply`;
				meta[m] = v;
			}
		row.meta = meta;
	}
	return row;
}

/** A JSON value that should be a record, as an object, or the reason it is not one. */
export function recordFromJson(v: unknown): Record<string, unknown> | string {
	if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
	return `expected a JSON object, found ${typeName(v)}`;
}
