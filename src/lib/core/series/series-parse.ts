/**
 * A time series from a table of strings (CSV records, JSON objects, Parquet rows): which column
 * is time and how it reads, which columns are channels (numeric, at most 16), and the samples in
 * time order. Rows whose time cannot be read are skipped and counted; a missing or non-numeric
 * channel value is NaN (a gap). Pure.
 */
import { FormatError } from '../errors';
import type { Series } from './series-blob';

export const SERIES_MAX_CHANNELS = 16;

export interface SeriesTable {
	columns: string[];
	rows: readonly (readonly string[])[];
}

/**
 * How to read time: a column of ISO times, epoch seconds or milliseconds, or plain numbers
 * (`auto` guesses from the values), or no column: the sample index over `rate` samples per second.
 */
export type SeriesTimeSpec =
	| { kind: 'auto' | 'iso' | 'epoch-s' | 'epoch-ms' | 'number'; column: string }
	| { kind: 'index'; rate: number };

export interface SeriesParsed {
	series: Series;
	/** Rows left out because their time could not be read. */
	skipped: number;
	/** Numeric columns beyond the 16th, left out. */
	dropped: string[];
}

const NUM = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Columns whose first non-empty values (up to 50) are all numbers. */
export function seriesNumericColumns(t: SeriesTable): string[] {
	return t.columns.filter((_c, i) => {
		let seen = 0;
		for (const r of t.rows) {
			const v = r[i] ?? '';
			if (v.trim() === '') continue;
			if (!NUM.test(v)) return false;
			if (++seen >= 50) break;
		}
		return seen > 0;
	});
}

/** The time column a table most likely has: named like time/date, else the first column. */
export function seriesTimeColumnGuess(t: SeriesTable): string | undefined {
	return t.columns.find((c) => /time|date|^t$|^ts$|year|stamp/i.test(c)) ?? t.columns[0];
}

/** What an `auto` time column holds, from its first values. */
function timeKindGuess(
	t: SeriesTable,
	col: number,
	name: string
): 'iso' | 'epoch-s' | 'epoch-ms' | 'number' {
	const sample = t.rows
		.slice(0, 50)
		.map((r) => r[col] ?? '')
		.filter((v) => v.trim() !== '');
	if (sample.length === 0)
		throw new FormatError(name, undefined, `the time column “${name}” is empty`);
	if (sample.every((v) => NUM.test(v))) {
		const max = Math.max(...sample.map((v) => Math.abs(Number(v))));
		if (max > 1e11) return 'epoch-ms';
		if (max > 1e8) return 'epoch-s';
		return 'number';
	}
	if (sample.every((v) => !Number.isNaN(Date.parse(v)))) return 'iso';
	throw new FormatError(
		name,
		undefined,
		`the time column “${name}” holds neither times nor numbers (e.g. “${sample[0]}”); choose another column or use the sample index with a rate`
	);
}

function timeReader(kind: 'iso' | 'epoch-s' | 'epoch-ms' | 'number'): (v: string) => number {
	switch (kind) {
		case 'iso':
			return (v) => Date.parse(v) / 1000;
		case 'epoch-ms':
			return (v) => (NUM.test(v) ? Number(v) / 1000 : NaN);
		case 'epoch-s':
		case 'number':
			return (v) => (NUM.test(v) ? Number(v) : NaN);
	}
}

/**
 * The series of a table. `channels` defaults to every numeric column but time; more than 16 are
 * cut to the first 16 (named in `dropped`). Samples come out sorted by time (stable). A table
 * with no readable row or no channel is a FormatError naming `file`.
 */
export function seriesFromTable(
	t: SeriesTable,
	opts: { time: SeriesTimeSpec; channels?: string[]; file?: string }
): SeriesParsed {
	const file = opts.file ?? 'table';
	const spec = opts.time;
	const timeCol = spec.kind === 'index' ? -1 : t.columns.indexOf(spec.column);
	if (spec.kind !== 'index' && timeCol < 0)
		throw new FormatError(file, undefined, `there is no column “${spec.column}”`);
	if (spec.kind === 'index' && !(spec.rate > 0))
		throw new FormatError(file, undefined, 'the sample rate must be a number above 0');
	const wanted = (opts.channels ?? seriesNumericColumns(t)).filter(
		(c) => spec.kind === 'index' || c !== spec.column
	);
	const dropped = wanted.slice(SERIES_MAX_CHANNELS);
	const names = wanted.slice(0, SERIES_MAX_CHANNELS);
	if (names.length === 0)
		throw new FormatError(file, undefined, 'no numeric column to plot besides time');
	const idx = names.map((c) => t.columns.indexOf(c));
	const kind =
		spec.kind === 'index'
			? 'index'
			: spec.kind === 'auto'
				? timeKindGuess(t, timeCol, spec.column)
				: spec.kind;
	const read = kind === 'index' ? undefined : timeReader(kind);
	const n = t.rows.length;
	const time = new Float64Array(n);
	const vals = names.map(() => new Float32Array(n));
	let k = 0;
	for (let r = 0; r < n; r++) {
		const row = t.rows[r] as readonly string[];
		const tv = read ? read(row[timeCol] ?? '') : r / (spec as { rate: number }).rate;
		if (!Number.isFinite(tv)) continue;
		time[k] = tv;
		for (let c = 0; c < idx.length; c++) {
			const s = row[idx[c] as number] ?? '';
			(vals[c] as Float32Array)[k] = NUM.test(s) ? Number(s) : NaN;
		}
		k++;
	}
	if (k === 0) throw new FormatError(file, undefined, 'no row has a readable time');
	const series = seriesSorted({
		time: time.slice(0, k),
		channels: names.map((name, c) => ({ name, values: (vals[c] as Float32Array).slice(0, k) })),
		timeKind: kind === 'index' ? 'seconds' : kind === 'number' ? 'number' : 'epoch'
	});
	return { series, skipped: n - k, dropped };
}

/** The series in time order (a stable sort), or the same series when it already is. */
export function seriesSorted(s: Series): Series {
	const t = s.time;
	let sorted = true;
	for (let i = 1; i < t.length && sorted; i++) sorted = (t[i - 1] as number) <= (t[i] as number);
	if (sorted) return s;
	const order = Array.from(t, (_v, i) => i).sort(
		(a, b) => (t[a] as number) - (t[b] as number) || a - b
	);
	return {
		timeKind: s.timeKind,
		time: Float64Array.from(order, (i) => t[i] as number),
		channels: s.channels.map((c) => ({
			name: c.name,
			values: Float32Array.from(order, (i) => c.values[i] as number)
		}))
	};
}

/**
 * The series cut into consecutive windows of `length` time units (the last may be shorter);
 * each window shares the samples' buffers (subarrays, no copy).
 */
export function seriesWindows(s: Series, length: number): Series[] {
	const n = s.time.length;
	if (!(length > 0) || n === 0) return [s];
	const out: Series[] = [];
	let i = 0;
	const t0 = s.time[0] as number;
	while (i < n) {
		const w = Math.floor(((s.time[i] as number) - t0) / length);
		const stop = t0 + (w + 1) * length;
		let j = i;
		while (j < n && (s.time[j] as number) < stop) j++;
		out.push({
			timeKind: s.timeKind,
			time: s.time.subarray(i, j),
			channels: s.channels.map((c) => ({ name: c.name, values: c.values.subarray(i, j) }))
		});
		i = j;
	}
	return out;
}
