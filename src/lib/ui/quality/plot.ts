/** Observable Plot, loaded on first use so charts never weigh on the first page load. */
import type * as PlotNs from '@observablehq/plot';

type PlotModule = typeof PlotNs;
let loading: Promise<PlotModule> | undefined;

export function plotLoad(): Promise<PlotModule> {
	loading ??= import('@observablehq/plot');
	return loading;
}

export type { PlotModule };

/** A chart's SVG as a standalone file. */
export function svgText(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	return new XMLSerializer().serializeToString(clone);
}

/** Renders an SVG to a PNG blob at 2× for sharp slides. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
	const { width, height } = svg.getBoundingClientRect();
	const img = new Image();
	const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
	try {
		img.src = url;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(width * 2));
		canvas.height = Math.max(1, Math.round(height * 2));
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('This browser cannot draw the chart to an image.');
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new Error('Could not make the PNG.'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Options of a horizontal bar chart: one bar per row, named by `y`, as long as `x`. */
export interface BarsX {
	y: string;
	x: string;
	fill?: string;
	marginLeft?: number;
	/** The x axis; the default counts from zero with a grid. */
	xAxis?: Record<string, unknown>;
	/** A rule at zero (not for shares, whose domain starts there). */
	zero?: boolean;
}

/** A horizontal bar chart whose height follows the number of rows: the page's ranked counts. */
export function barsX(
	Plot: PlotModule,
	rows: object[],
	width: number,
	{ y, x, fill = '#5b5bd6', marginLeft = 100, xAxis = { grid: true }, zero = true }: BarsX
): SVGSVGElement | HTMLElement {
	const marks = [Plot.barX(rows, { y, x, fill })];
	if (zero) marks.push(Plot.ruleX([0]));
	return Plot.plot({
		width,
		height: 40 + 28 * rows.length,
		marginLeft,
		x: xAxis,
		y: { label: null },
		marks
	});
}
