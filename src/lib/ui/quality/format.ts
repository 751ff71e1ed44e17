/** Figures as people read them: percentages, κ/α with two decimals, "—" when undefined. */
export const pct = (x: number | undefined): string =>
	x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(x * 100)}%`;

export const coef = (x: number | undefined): string =>
	x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2);

export const REASON_TEXT: Record<string, string> = {
	agreement: 'Annotators disagree',
	rule: 'Rule check',
	'label-error': 'Likely label error',
	manual: 'Flagged'
};

export const METHOD_TEXT: Record<string, string> = {
	mv: 'majority vote',
	ds: 'Dawid–Skene',
	glad: 'GLAD',
	mace: 'MACE',
	review: 'reviewer',
	gold: 'gold answer'
};
