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

/** What each consensus method assumes, in a sentence, under the method picker. */
export const METHOD_HINT: Record<string, string> = {
	wawa: 'Weights each annotator by how often they agree with the majority, then votes again (Wawa).',
	zbs: 'Each annotator’s skill starts at chance and moves, step by step, towards their accuracy against the weighted vote (zero-based skill).',
	ds: 'Learns a confusion matrix per annotator: who mixes up which labels (Dawid and Skene, 1979).',
	glad: 'Learns each annotator’s skill and each item’s difficulty (Whitehill et al., 2009).',
	mace: 'Tells spammers from careful annotators (Hovy et al., 2013).',
	kos: 'Message passing between items and annotators, for two labels (Karger, Oh and Shah, 2011).'
};

export const METHOD_TEXT: Record<string, string> = {
	mv: 'majority vote',
	ds: 'Dawid–Skene',
	glad: 'GLAD',
	mace: 'MACE',
	wawa: 'Wawa (agreement-weighted vote)',
	zbs: 'zero-based skill',
	kos: 'KOS',
	review: 'reviewer',
	gold: 'gold answer'
};
