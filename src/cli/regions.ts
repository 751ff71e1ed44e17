/**
 * `quorum aggregate-boxes` and `quorum aggregate-spans`: consensus regions from several
 * annotators (core/quality/aggregate/boxes.ts and spans.ts), read from and written as CSV.
 */
import { boxesFuse } from '../lib/core/quality/aggregate/boxes';
import { spansAggregate } from '../lib/core/quality/aggregate/spans';
import { csvColumn, csvFormatRow, csvParse, FormatError } from '../lib/core/quality/csv';
import type { Box, Span } from '../lib/core/quality/rules/types';
import { argChoice, argRequired, UsageError, type ParsedArgs } from './args';
import type { CommandResult, ReadFile } from './commands';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Rows of `file` as objects of the named columns, with each row's line. */
function rowsOf(read: ReadFile, file: string, names: string[]) {
	const table = csvParse(read(file), file);
	const cols = names.map((n) => csvColumn(table, n));
	return table.rows.map((row, r) => ({
		line: table.lines[r] as number,
		get: (name: string) => (row[cols[names.indexOf(name)] as number] ?? '').trim()
	}));
}

function numberAt(file: string, line: number, name: string, v: string): number {
	const x = Number(v);
	if (v === '' || !Number.isFinite(x))
		throw new FormatError(file, line, `${name} "${v}" is not a number`);
	return x;
}

/** `quorum aggregate-boxes`: one `item,x,y,w,h,label,support,annotators` row per consensus box. */
export function aggregateBoxesCommand(args: ParsedArgs, read: ReadFile): CommandResult {
	const file = argRequired(args, 'in');
	const iou = Number(args.options.get('iou') ?? '0.5');
	if (!(iou > 0 && iou <= 1))
		throw new UsageError(`--iou must be in (0, 1], not "${args.options.get('iou')}"`);
	const skills = argChoice(args, 'skills', ['measured', 'equal'] as const, 'measured');
	const images = new Map<string, Map<string, Box[]>>();
	for (const r of rowsOf(read, file, ['item', 'worker', 'x', 'y', 'w', 'h', 'label'])) {
		const item = r.get('item');
		const worker = r.get('worker');
		if (!item || !worker) throw new FormatError(file, r.line, 'empty item or worker');
		const byWorker = images.get(item) ?? new Map<string, Box[]>();
		images.set(item, byWorker);
		const boxes = byWorker.get(worker) ?? [];
		byWorker.set(worker, boxes);
		// A row without coordinates: the annotator saw the image and drew nothing.
		if (r.get('x') === '' && r.get('label') === '') continue;
		const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((n) => numberAt(file, r.line, n, r.get(n))) as [
			number,
			number,
			number,
			number
		];
		if (w <= 0 || h <= 0) throw new FormatError(file, r.line, 'a box needs a positive w and h');
		boxes.push({ x, y, w, h, label: r.get('label') });
	}
	const fused = boxesFuse(images, {
		threshold: iou,
		skills: skills === 'equal' ? 'equal' : undefined
	});
	const rows = [...fused.images].flatMap(([item, boxes]) =>
		boxes.map((b) =>
			csvFormatRow([
				item,
				round(b.x),
				round(b.y),
				round(b.w),
				round(b.h),
				b.label,
				round(b.support),
				b.annotators.length
			])
		)
	);
	const skillText = [...fused.skills]
		.sort((a, b) => (a[0] < b[0] ? -1 : 1))
		.map(([w, s]) => `${w} ${round(s)}`)
		.join(', ');
	return {
		stdout: ['item,x,y,w,h,label,support,annotators', ...rows].join('\n') + '\n',
		stderr:
			skills === 'measured'
				? `quorum aggregate-boxes: skills (mean box F1 against the others): ${skillText}\n`
				: ''
	};
}

/** `quorum aggregate-spans`: one `item,start,end,label` row per consensus span. */
export function aggregateSpansCommand(args: ParsedArgs, read: ReadFile): CommandResult {
	const file = argRequired(args, 'in');
	const textsFile = argRequired(args, 'texts');
	const method = argChoice(args, 'method', ['ds', 'mv'] as const, 'ds');
	const texts = new Map<string, { text: string; spans: Map<string, Span[]> }>();
	for (const r of rowsOf(read, textsFile, ['item', 'text']))
		texts.set(r.get('item'), { text: r.get('text'), spans: new Map() });
	for (const r of rowsOf(read, file, ['item', 'worker', 'start', 'end', 'label'])) {
		const t = texts.get(r.get('item'));
		if (!t) throw new FormatError(file, r.line, `item "${r.get('item')}" is not in ${textsFile}`);
		const spans = t.spans.get(r.get('worker')) ?? [];
		t.spans.set(r.get('worker'), spans);
		if (r.get('start') === '' && r.get('label') === '') continue;
		const start = numberAt(file, r.line, 'start', r.get('start'));
		const end = numberAt(file, r.line, 'end', r.get('end'));
		if (!(start >= 0 && end > start && end <= t.text.length))
			throw new FormatError(
				file,
				r.line,
				`span ${start}–${end} is outside the text (${t.text.length} characters)`
			);
		spans.push([start, end, r.get('label')]);
	}
	const out = spansAggregate(texts, { method });
	const rows = [...out].flatMap(([item, spans]) =>
		spans.map(([s, e, l]) => csvFormatRow([item, s, e, l]))
	);
	return { stdout: ['item,start,end,label', ...rows].join('\n') + '\n', stderr: '' };
}
