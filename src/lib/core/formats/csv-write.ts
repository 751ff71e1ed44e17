/**
 * RFC 4180 CSV cells, with an optional guard against formula injection: spreadsheets run a cell
 * that starts with = + - @ (or a tab or CR) as a formula, so such cells get a leading `'`
 * (OWASP, "CSV Injection"). Cells already starting with `'` before one of those get one more, so
 * `csvCellUnguard` restores every cell exactly.
 */

const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell as CSV: quoted when it holds a quote, comma or line break; guarded when `guard`. */
export function csvCell(value: string, guard = true): string {
	const s = guard && FORMULA.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Undoes the formula guard of `csvCell` on a parsed cell. */
export function csvCellUnguard(cell: string): string {
	return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** A CSV row without its line break. */
export function csvRow(cells: readonly string[], guard = true): string {
	return cells.map((c) => csvCell(c, guard)).join(',');
}
