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
