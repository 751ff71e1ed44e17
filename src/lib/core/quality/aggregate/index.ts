/** Truth inference: one entry point over every method (see each module for its paper). */
import { dawidSkeneEncoded } from './dawid-skene';
import { answersEncode } from './encode';
import { gladEncoded } from './glad';
import { kosEncoded } from './kos';
import { wawaEncoded, zeroBasedSkillEncoded } from './weighted-vote';
import { guardResult, type GuardedResult } from './guard';
import { maceEncoded } from './mace';
import { majorityVoteEncoded } from './majority';
import { oneCoinEncoded } from './one-coin';
import type {
	AggregateMethod,
	AggregateOptions,
	AggregateResult,
	Answer,
	EncodedAnswers
} from './types';

export type * from './types';
export { answersEncode, classCompare, posteriorsDecide } from './encode';
export { majorityVote, majorityVoteEncoded } from './majority';
export { dawidSkene, dawidSkeneEncoded, DS_DEFAULTS, type DawidSkeneOptions } from './dawid-skene';
export { oneCoin, oneCoinEncoded, type OneCoinOptions } from './one-coin';
export { glad, gladEncoded, type GladOptions } from './glad';
export { mace, maceEncoded, type MaceOptions } from './mace';
export {
	wawa,
	wawaEncoded,
	zeroBasedSkill,
	zeroBasedSkillEncoded,
	type ZeroBasedSkillOptions
} from './weighted-vote';
export { kos, kosEncoded, KosClassesError } from './kos';
export { aggregateNumeric, type NumericMethod } from './numeric';
export {
	estimateScore,
	guardMessage,
	guardResult,
	permutedClasses,
	type GuardedResult,
	type GuardWarning
} from './guard';

/** Every method name, in the order the CLI lists them. */
export const AGGREGATE_METHODS: readonly AggregateMethod[] = [
	'mv',
	'wawa',
	'zbs',
	'ds',
	'onecoin',
	'glad',
	'mace',
	'kos'
];

/** Type guard for a method name (e.g. from the command line). */
export function isAggregateMethod(name: string): name is AggregateMethod {
	return (AGGREGATE_METHODS as readonly string[]).includes(name);
}

/** Runs one aggregation method with its defaults plus `options`. */
export function aggregate(
	answers: readonly Answer[],
	method: AggregateMethod,
	options: AggregateOptions = {}
): AggregateResult {
	return aggregateEncoded(answersEncode(answers, options.classes), method, options);
}

/**
 * Runs one aggregation method over answers already encoded (e.g. `TaskStats.encoded()`, which
 * skips making an object per answer); `options.classes` must already be in `enc.classes`.
 */
export function aggregateEncoded(
	enc: EncodedAnswers,
	method: AggregateMethod,
	options: AggregateOptions = {}
): AggregateResult {
	switch (method) {
		case 'mv':
			return majorityVoteEncoded(enc, options);
		case 'ds':
			return dawidSkeneEncoded(enc, options);
		case 'onecoin':
			return oneCoinEncoded(enc, options);
		case 'glad':
			return gladEncoded(enc, options);
		case 'mace':
			return maceEncoded(enc, options);
		case 'wawa':
			return wawaEncoded(enc, options);
		case 'zbs':
			return zeroBasedSkillEncoded(enc, options);
		case 'kos':
			return kosEncoded(enc, options);
	}
}

/**
 * Runs one method and checks its result (see guard.ts): when it explains the answers less well
 * than majority vote, or its classes look permuted, majority vote is returned instead, with why.
 */
export function aggregateGuarded(
	enc: EncodedAnswers,
	method: AggregateMethod,
	options: AggregateOptions = {}
): GuardedResult {
	return guardResult(enc, aggregateEncoded(enc, method, options), options);
}
