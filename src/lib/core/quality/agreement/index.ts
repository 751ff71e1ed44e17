/** Agreement measures: public entry points (each module cites its source). */
export * from './bootstrap';
export * from './ratings';
export { percentAgreement } from './percent';
export {
	cohenKappa,
	cohenKappaFromTable,
	raterPairs,
	type CohenOptions,
	type KappaWeights
} from './cohen';
export { fleissKappa, fleissKappaOf, type FleissResult } from './fleiss';
export {
	krippendorffAlpha,
	krippendorffAlphaFromMatrix,
	type AlphaLevel,
	type AlphaOptions
} from './krippendorff';
export { agreementPerLabel, agreementPerPair, type PairAgreement } from './per-label';
export { spanAgreement, spanMatches, type SpanAgreement, type SpanMatch } from './spans';
export {
	boxAgreement,
	boxIou,
	boxMatches,
	type BoxAgreement,
	type BoxAgreementOptions
} from './boxes';
export { maskAgreement, type MaskLabelAgreement } from './masks';
export { cuboidAgreementByLabel, cuboidMatches, type CuboidAgreement } from './cuboids';
export { characterErrorRate, editDistance, errorRateCorpus, wordErrorRate } from './transcription';
