/** The three quorum commands over core: each returns its output text. */
import {
	AGGREGATE_METHODS,
	aggregateEncoded,
	answersEncode,
	guardMessage,
	guardResult,
	type AggregateMethod,
	type TieBreak
} from '../lib/core/quality/aggregate';
import {
	cohenKappa,
	fleissKappaOf,
	krippendorffAlpha,
	percentAgreement,
	type AlphaLevel,
	type KappaWeights,
	type Rating
} from '../lib/core/quality/agreement';
import { aggregateAuto, autoExplain } from '../lib/core/quality/aggregate/auto';
import { answersWithLinesFromCsv } from '../lib/core/quality/answers-csv';
import { csvFormatRow, FormatError } from '../lib/core/quality/csv';
import {
	findLabelIssues,
	labelIssueInputFromCsv,
	labelIssuesRanked,
	type FilterBy,
	type LabelQualityMethod
} from '../lib/core/quality/label-issues';
import { argChoice, argInteger, argRequired, UsageError, type ParsedArgs } from './args';

/** Reads a file as text (injected so tests and the bin share one code path). */
export type ReadFile = (path: string) => string;

export interface CommandResult {
	stdout: string;
	stderr: string;
}

function round(x: number, digits = 6): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

/** `quorum aggregate`: one `item,label,confidence` row per item. */
export function aggregateCommand(args: ParsedArgs, read: ReadFile): CommandResult {
	const file = argRequired(args, 'in');
	const methodName = args.options.get('method') ?? 'ds';
	if (methodName !== 'auto' && !(AGGREGATE_METHODS as readonly string[]).includes(methodName)) {
		throw new UsageError(
			`unknown method "${methodName}" (choose ${AGGREGATE_METHODS.join(', ')}, auto)`
		);
	}
	const seed = argInteger(args, 'seed', 0);
	const tieBreak = argChoice<TieBreak>(args, 'ties', ['seed', 'first'], 'seed');
	const guard = argChoice(args, 'guard', ['on', 'off'] as const, 'on');
	const { answers } = answersWithLinesFromCsv(read(file), file);
	const enc = answersEncode(answers);
	const auto = methodName === 'auto' ? aggregateAuto(enc, { seed, tieBreak }) : undefined;
	const method = auto?.choice.method ?? (methodName as AggregateMethod);
	if (method === 'kos' && enc.classes.length !== 2) {
		throw new UsageError(
			`kos needs exactly two classes; ${file} has ${enc.classes.length} (choose another --method)`
		);
	}
	const own = auto?.result ?? aggregateEncoded(enc, method, { seed, tieBreak });
	const guarded = guard === 'on' ? guardResult(enc, own, { seed, tieBreak }) : undefined;
	const r = guarded?.result ?? own;
	const note = guarded && guardMessage(guarded, method);
	const rows = r.items.map((item, i) =>
		csvFormatRow([item, r.labels[i] as string, round(r.confidence[i] as number)])
	);
	const fallback = note ? `quorum aggregate: ${note} (--guard off to keep ${method}'s)\n` : '';
	const stderr =
		(auto ? `quorum aggregate: ${autoExplain(auto.choice)}\n` : '') +
		fallback +
		(r.ties.length > 0
			? `quorum aggregate: ${r.ties.length} of ${r.items.length} items had tied top posteriors; ` +
				(tieBreak === 'seed'
					? `broken by seed ${seed} (--seed N to change, --ties first for class order)\n`
					: 'broken by class order\n')
			: '');
	return { stdout: ['item,label,confidence', ...rows].join('\n') + '\n', stderr };
}

/** `quorum agreement`: JSON with the value, its bootstrap interval and the counts used. */
export function agreementCommand(args: ParsedArgs, read: ReadFile): CommandResult {
	const file = argRequired(args, 'in');
	const metric = argChoice(
		args,
		'metric',
		['alpha', 'fleiss', 'cohen', 'percent'] as const,
		'alpha'
	);
	const level = argChoice<AlphaLevel>(
		args,
		'level',
		['nominal', 'ordinal', 'interval', 'ratio'],
		'nominal'
	);
	const weights = argChoice<KappaWeights>(args, 'weights', ['none', 'linear', 'quadratic'], 'none');
	const boot = {
		resamples: argInteger(args, 'resamples', 1000),
		seed: argInteger(args, 'seed', 0)
	};
	const { answers, lines } = answersWithLinesFromCsv(read(file), file);
	if (metric === 'alpha' && (level === 'interval' || level === 'ratio')) {
		answers.forEach((a, i) => {
			if (!Number.isFinite(Number(a.label))) {
				throw new FormatError(
					file,
					lines[i],
					`label "${a.label}" is not a number (needed for --level ${level})`
				);
			}
		});
	}
	const ratings: Rating[] = answers.map((a) => ({ item: a.item, rater: a.worker, value: a.label }));
	let out: Record<string, unknown>;
	if (metric === 'alpha') {
		const r = krippendorffAlpha(ratings, { ...boot, level });
		out = { metric, level, value: r.value, interval: r.interval, counts: r.counts };
	} else if (metric === 'fleiss') {
		const r = fleissKappaOf(ratings, boot);
		out = {
			metric,
			value: r.value,
			interval: r.interval,
			counts: r.counts,
			perCategory: r.perCategory
		};
	} else if (metric === 'cohen') {
		const r = cohenKappa(ratings, { ...boot, weights });
		out = { metric, weights, value: r.value, interval: r.interval, counts: r.counts };
	} else {
		const r = percentAgreement(ratings, boot);
		out = { metric, value: r.value, interval: r.interval, counts: r.counts };
	}
	return {
		stdout:
			JSON.stringify(
				out,
				(_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
				2
			) + '\n',
		stderr: ''
	};
}

/** `quorum label-issues`: the `index` of every flagged example. */
export function labelIssuesCommand(args: ParsedArgs, read: ReadFile): CommandResult {
	const labelsFile = argRequired(args, 'labels');
	const probsFile = argRequired(args, 'pred-probs');
	const rank = args.options.get('rank');
	const rankBy =
		rank === undefined
			? undefined
			: argChoice<LabelQualityMethod>(
					args,
					'rank',
					['self_confidence', 'normalized_margin'],
					'self_confidence'
				);
	const filterBy = argChoice<FilterBy>(
		args,
		'filter-by',
		['prune_by_noise_rate', 'prune_by_class', 'both', 'confident_learning', 'predicted_neq_given'],
		'prune_by_noise_rate'
	);
	const input = labelIssueInputFromCsv(
		{ text: read(labelsFile), file: labelsFile },
		{ text: read(probsFile), file: probsFile }
	);
	const found = rankBy
		? labelIssuesRanked(input, rankBy, { filterBy })
		: findLabelIssues(input, { filterBy });
	const rows = found.map((i) => csvFormatRow([input.index[i] as string]));
	return {
		stdout: ['index', ...rows].join('\n') + '\n',
		stderr: `quorum label-issues: ${found.length} of ${input.labels.length} examples flagged\n`
	};
}
