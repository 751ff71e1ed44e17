/**
 * Text colour on a coloured background (a label's colour): black or white, whichever has the
 * higher WCAG 2 contrast ratio with it.
 */

/** Relative luminance (WCAG 2) of `#rgb` or `#rrggbb`; undefined for anything else. */
export function luminance(hex: string): number | undefined {
	const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
	if (!m) return undefined;
	const h =
		(m[1] as string).length === 3
			? [...(m[1] as string)].map((c) => c + c).join('')
			: (m[1] as string);
	const [r, g, b] = [0, 2, 4].map((i) => {
		const c = parseInt(h.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** `#000` or `#fff` on `background`, whichever contrasts more (white for unknown colours). */
export function inkOn(background: string): '#000' | '#fff' {
	const l = luminance(background);
	if (l === undefined) return '#fff';
	// Contrast with white (1.05 / (l + 0.05)) against black ((l + 0.05) / 0.05).
	return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000' : '#fff';
}
