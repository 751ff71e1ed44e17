/**
 * The digamma function ψ(x) = d/dx log Γ(x) for x > 0: recurrence ψ(x) = ψ(x + 1) − 1/x up to
 * x ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18). Absolute error < 1e-12.
 */
export function digamma(x: number): number {
	let result = 0;
	let v = x;
	while (v < 10) {
		result -= 1 / v;
		v += 1;
	}
	const f = 1 / (v * v);
	const series =
		f *
		(-1 / 12 + f * (1 / 120 + f * (-1 / 252 + f * (1 / 240 + f * (-1 / 132 + f * (691 / 32760))))));
	return result + Math.log(v) - 0.5 / v + series;
}
