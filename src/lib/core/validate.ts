/**
 * Structural checks for values that arrive from storage, peers or files, before any view sees them
 * (docs/ARCHITECTURE.md#the-project-doc). A value that fails is quarantined by the caller, never
 * trusted.
 */
import type {
	Annotation,
	ConsensusMethod,
	GoldAnswer,
	ProjectSettings,
	ReviewDecision,
	ReviewFlag
} from './types';
import { isNum, isObj, isStr, optional } from './validate/basics';
import { isAnnotationValue } from './validate/values';

export { isItem } from './validate/items';
export { isSchema, isTask } from './validate/schema';
export { isAnnotationValue };

export function isAnnotation(v: unknown): v is Annotation {
	if (!isObj(v) || !isStr(v.item, 128) || !isStr(v.task, 128) || !isStr(v.annotator, 128))
		return false;
	if (v.source !== 'human' && v.source !== 'model') return false;
	if (!isNum(v.savedAt) || !isNum(v.startedAt) || !isNum(v.ms)) return false;
	return isAnnotationValue(v.value);
}

const FLAG_REASONS: ReadonlySet<unknown> = new Set(['agreement', 'rule', 'label-error', 'manual']);

/** Checks a review flag from the shared doc (a peer may send anything). */
export function isReviewFlag(v: unknown): v is ReviewFlag {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		FLAG_REASONS.has(v.reason) &&
		isNum(v.at) &&
		optional(v.score, isNum) &&
		optional(v.detail, (d) => isStr(d, 10_000))
	);
}

export function isSettings(v: unknown): v is ProjectSettings {
	return (
		isObj(v) &&
		isNum(v.overlap) &&
		isNum(v.consensusThreshold) &&
		isNum(v.goldRate) &&
		typeof v.autoAdvance === 'boolean' &&
		optional(v.goldFeedback, (g) => typeof g === 'boolean') &&
		optional(
			v.consensus,
			(c) =>
				isObj(c) &&
				Object.values(c).every(
					(t) =>
						isObj(t) &&
						CONSENSUS_METHODS.has(t.method) &&
						isNum(t.threshold) &&
						t.threshold >= 0 &&
						t.threshold <= 1 &&
						optional(t.ties, (r) => r === 'review' || r === 'seed') &&
						optional(t.seed, (n) => isNum(n) && Number.isInteger(n))
				)
		)
	);
}

const CONSENSUS_METHODS: ReadonlySet<unknown> = new Set([
	'mv',
	'wawa',
	'zbs',
	'ds',
	'glad',
	'mace',
	'kos'
] satisfies ConsensusMethod[]);

/** Checks a reviewer's decision from the shared doc. */
export function isReviewDecision(v: unknown): v is ReviewDecision {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		isNum(v.at) &&
		optional(v.from, (f) => isStr(f, 128)) &&
		isAnnotationValue(v.value)
	);
}

/** Checks a gold answer from the shared doc. */
export function isGoldAnswer(v: unknown): v is GoldAnswer {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		isNum(v.at) &&
		isAnnotationValue(v.value)
	);
}
