/**
 * PDF labels in exports. JSONL keeps each value as stored (spans: page, offsets in the page's
 * text, the covered text; boxes: page, PDF points from the page's top-left, the page's size) and
 * adds each box in page-relative units (`rel`, 0–1). Label Studio gets the multi-page OCR shape:
 * `item_index` is the page (0-based); boxes are `rectanglelabels` in percent of the page with
 * `original_width`/`original_height` in points; spans are `labels` with `start`, `end` and
 * `text` in the page's text. Both read back to the same values. Pure.
 */
import type { AnnotationValue, Box, BoxesValue, Label, LabelId, Span, SpansValue } from '../types';

export interface PdfRel {
	x: number;
	y: number;
	w: number;
	h: number;
}

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A box in page-relative units (0–1 of the page's width and height), if it has a page size. */
export function pdfBoxRelative(b: Box): PdfRel | undefined {
	if (!b.pageSize) return undefined;
	const [pw, ph] = b.pageSize;
	return { x: r6(b.x / pw), y: r6(b.y / ph), w: r6(b.w / pw), h: r6(b.h / ph) };
}

/** A PDF item's value as JSONL writes it: boxes with `rel` added, anything else as it is. */
export function pdfValueExport(v: AnnotationValue): AnnotationValue {
	if (v.type !== 'boxes') return v;
	return {
		...v,
		boxes: v.boxes.map((b) => {
			const rel = pdfBoxRelative(b);
			return rel ? { ...b, rel } : b;
		})
	};
}

/** A value read back from JSONL: `rel` dropped (points and the page size are the truth). */
export function pdfValueImport(v: AnnotationValue): AnnotationValue {
	if (v.type !== 'boxes') return v;
	return {
		...v,
		boxes: v.boxes.map((b) => {
			const { rel: _rel, ...rest } = b as Box & { rel?: PdfRel };
			return rest;
		})
	};
}

export interface LsPdfResult {
	id: string;
	type: 'labels' | 'rectanglelabels';
	from_name: string;
	to_name: string;
	item_index: number;
	original_width?: number;
	original_height?: number;
	image_rotation?: number;
	value: Record<string, unknown>;
}

type Names = { from: string; to: string };

/** Label Studio results of a PDF item's spans or boxes value. */
export function pdfToLabelStudio(
	v: SpansValue | BoxesValue,
	labels: readonly Label[],
	names: Names = { from: 'label', to: 'pdf' }
): LsPdfResult[] {
	const byId = new Map(labels.map((l) => [l.id, l.name]));
	const base = (id: string, page: number | undefined) => ({
		id,
		from_name: names.from,
		to_name: names.to,
		item_index: (page ?? 1) - 1
	});
	if (v.type === 'spans')
		return v.spans.map((s) => ({
			...base(s.id, s.page),
			type: 'labels' as const,
			value: {
				start: s.start,
				end: s.end,
				text: s.text ?? '',
				labels: [byId.get(s.label) ?? s.label]
			}
		}));
	return v.boxes.flatMap((b) => {
		const rel = pdfBoxRelative(b);
		if (!rel || !b.pageSize) return [];
		return [
			{
				...base(b.id, b.page),
				type: 'rectanglelabels' as const,
				original_width: b.pageSize[0],
				original_height: b.pageSize[1],
				image_rotation: 0,
				value: {
					x: r6(rel.x * 100),
					y: r6(rel.y * 100),
					width: r6(rel.w * 100),
					height: r6(rel.h * 100),
					rotation: 0,
					rectanglelabels: [byId.get(b.label) ?? b.label]
				}
			}
		];
	});
}

/**
 * The spans and boxes of Label Studio results on a PDF (other result types are ignored). A
 * result whose label the task lacks, or that lacks its page or size, is counted in `skipped`.
 */
export function pdfFromLabelStudio(
	results: readonly unknown[],
	spanLabels: readonly Label[],
	boxLabels: readonly Label[]
): { spans: SpansValue; boxes: BoxesValue; skipped: string[] } {
	const spanBy = new Map<string, LabelId>(spanLabels.map((l) => [l.name, l.id]));
	const boxBy = new Map<string, LabelId>(boxLabels.map((l) => [l.name, l.id]));
	const spans: Span[] = [];
	const boxes: Box[] = [];
	const skipped: string[] = [];
	for (const r of results) {
		if (!r || typeof r !== 'object') continue;
		const o = r as Partial<LsPdfResult>;
		const v = (o.value ?? {}) as Record<string, unknown>;
		const id = typeof o.id === 'string' ? o.id : `ls${spans.length + boxes.length}`;
		const page = Number.isInteger(o.item_index) ? (o.item_index as number) + 1 : undefined;
		if (o.type === 'labels') {
			const name = String((v.labels as unknown[] | undefined)?.[0] ?? '');
			const label = spanBy.get(name);
			const [start, end] = [Number(v.start), Number(v.end)];
			if (!label) skipped.push(`no span label “${name}”`);
			else if (!page || !Number.isInteger(start) || !(end > start))
				skipped.push('no page or offsets');
			else spans.push({ id, label, page, start, end, text: String(v.text ?? '') });
		} else if (o.type === 'rectanglelabels') {
			const name = String((v.rectanglelabels as unknown[] | undefined)?.[0] ?? '');
			const label = boxBy.get(name);
			const [pw, ph] = [Number(o.original_width), Number(o.original_height)];
			if (!label) skipped.push(`no box label “${name}”`);
			else if (!page || !(pw > 0) || !(ph > 0)) skipped.push('no page or page size');
			else
				boxes.push({
					id,
					label,
					page,
					pageSize: [pw, ph],
					x: r2((Number(v.x) * pw) / 100),
					y: r2((Number(v.y) * ph) / 100),
					w: r2((Number(v.width) * pw) / 100),
					h: r2((Number(v.height) * ph) / 100)
				});
		}
	}
	return { spans: { type: 'spans', spans }, boxes: { type: 'boxes', boxes }, skipped };
}

const r2 = (n: number) => Math.round(n * 100) / 100;
