/**
 * `quorum`: the label-quality command line (node only). Parses arguments, reads files, runs a
 * command over core and maps expected failures to messages and exit codes:
 * 0 success, 1 bad input file (FormatError: file, line, problem), 2 usage error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FormatError } from '../lib/core/quality/csv';
import { argsParse, UsageError } from './args';
import {
	agreementCommand,
	aggregateCommand,
	labelIssuesCommand,
	type CommandResult,
	type ReadFile
} from './commands';
import { aggregateBoxesCommand, aggregateSpansCommand } from './regions';

const HELP = `Usage: quorum <command> [options]

Label-quality tools for crowd answers.

Commands:
  aggregate     infer one label per item from many annotators' answers
  aggregate-boxes  consensus boxes per image from many annotators' boxes
  aggregate-spans  consensus spans per text from many annotators' spans
  agreement     inter-annotator agreement with a bootstrap confidence interval
  label-issues  find likely label errors from out-of-fold predicted probabilities

Run "quorum <command> --help" for a command's options.
`;

interface CommandSpec {
	options: string[];
	help: string;
	run: (args: ReturnType<typeof argsParse>, read: ReadFile) => CommandResult;
}

const COMMANDS: Record<string, CommandSpec> = {
	aggregate: {
		options: ['in', 'method', 'out', 'seed', 'ties', 'guard'],
		run: aggregateCommand,
		help: `Usage: quorum aggregate --in answers.csv [--method NAME] [--out labels.csv]

Reads answers (CSV with columns item,worker,label) and writes one row per item:
item,label,confidence (the posterior probability of the chosen label).

Options:
  --in FILE       answers CSV (required)
  --method NAME   mv (majority vote), wawa (weighted by agreement with the vote), zbs
                  (zero-based skill), ds (Dawid-Skene, default), onecoin (one-coin DS),
                  glad, mace, kos (Karger-Oh-Shah, two classes only), or auto: each of
                  these scored by how well it predicts held-out answers (5 folds of the
                  answers), the best one used; standard error says which and why
  --out FILE      write the CSV here instead of standard output
  --seed N        seed for tie-breaking and MACE restarts (default 0)
  --ties MODE     seed (default) or first (first class in sorted order); ties are always reported
  --guard MODE    on (default): if the method's estimate explains the answers less well than
                  majority vote, or its classes look permuted, say so and write majority vote
                  instead; off: always write the method's own estimate
`
	},
	'aggregate-boxes': {
		options: ['in', 'iou', 'skills', 'out'],
		run: aggregateBoxesCommand,
		help: `Usage: quorum aggregate-boxes --in boxes.csv [--iou 0.5] [--skills measured|equal]

Reads boxes (CSV with columns item,worker,x,y,w,h,label; a row with empty x and label means the
annotator saw the image and drew nothing) and writes one row per consensus box:
item,x,y,w,h,label,support,annotators. Boxes of the same label are matched by IoU, their corners
averaged weighted by each annotator's skill (mean box F1 against the others, printed on standard
error), and a box is kept when its annotators carry half the skill of the image's annotators.

Options:
  --in FILE       boxes CSV (required)
  --iou X         minimum IoU to match two boxes (default 0.5)
  --skills MODE   measured (default) or equal (majority voting over IoU matches, mean corners)
  --out FILE      write the CSV here instead of standard output
`
	},
	'aggregate-spans': {
		options: ['in', 'texts', 'method', 'out'],
		run: aggregateSpansCommand,
		help: `Usage: quorum aggregate-spans --in spans.csv --texts texts.csv [--method ds|mv]

Reads spans (CSV with columns item,worker,start,end,label in character offsets, end exclusive;
a row with empty start and label means the annotator saw the text and marked nothing) and the
texts (CSV with columns item,text), and writes one row per consensus span: item,start,end,label.
Each annotator's spans become BIO tags per token; ds (default) runs Dawid-Skene over the tags,
learning each annotator's confusion between tags over all texts; mv votes each token's tag.

Options:
  --in FILE       spans CSV (required)
  --texts FILE    texts CSV (required)
  --method NAME   ds (default) or mv
  --out FILE      write the CSV here instead of standard output
`
	},
	agreement: {
		options: ['in', 'metric', 'level', 'weights', 'resamples', 'seed'],
		run: agreementCommand,
		help: `Usage: quorum agreement --in answers.csv [--metric alpha|fleiss|cohen|percent] [--level nominal|ordinal|interval|ratio]

Prints JSON: the agreement value, its percentile bootstrap interval (items resampled) and the
counts used (items, items with two or more answers, raters, ratings, categories).

Options:
  --in FILE        answers CSV with columns item,worker,label (required)
  --metric NAME    alpha (Krippendorff, default), fleiss, cohen (two raters, or the mean over
                   rater pairs), percent
  --level LEVEL    alpha's level of measurement: nominal (default), ordinal, interval, ratio
  --weights W      cohen's weights: none (default), linear, quadratic
  --resamples N    bootstrap resamples (default 1000; 0 for no interval)
  --seed N         bootstrap seed (default 0)
`
	},
	'label-issues': {
		options: ['labels', 'pred-probs', 'rank', 'filter-by', 'out'],
		run: labelIssuesCommand,
		help: `Usage: quorum label-issues --labels labels.csv --pred-probs pred_probs.csv [--rank self_confidence]

Confident learning (as cleanlab's find_label_issues with its defaults). Writes CSV with one
column, index: every flagged example, ascending, or most suspicious first with --rank.

Options:
  --labels FILE      CSV with columns index,label (labels are 0..K-1) (required)
  --pred-probs FILE  CSV with columns index,p0,...,p{K-1}: out-of-fold probabilities (required)
  --rank METHOD      order by label quality: self_confidence or normalized_margin
  --filter-by NAME   prune_by_noise_rate (default), prune_by_class, both, confident_learning,
                     predicted_neq_given
  --out FILE         write the CSV here instead of standard output
`
	}
};

/** Output sinks, injectable for tests. */
export interface CliIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	read: ReadFile;
	write: (path: string, text: string) => void;
}

const NODE_IO: CliIo = {
	stdout: (t) => process.stdout.write(t),
	stderr: (t) => process.stderr.write(t),
	read: (path) => {
		try {
			return readFileSync(path, 'utf8');
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code ?? 'error';
			throw new FormatError(
				path,
				undefined,
				code === 'ENOENT' ? 'file not found' : `cannot read (${code})`
			);
		}
	},
	write: (path, text) => writeFileSync(path, text)
};

/** Runs the CLI and returns the exit code. */
export function cliRun(argv: readonly string[], io: CliIo = NODE_IO): number {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.stdout(HELP);
		return name === undefined ? 2 : 0;
	}
	const command = COMMANDS[name];
	if (!command) {
		io.stderr(`quorum: unknown command "${name}"\n\n${HELP}`);
		return 2;
	}
	try {
		const args = argsParse(rest, command.options);
		if (args.help) {
			io.stdout(command.help);
			return 0;
		}
		const result = command.run(args, io.read);
		const out = args.options.get('out');
		if (out !== undefined) io.write(out, result.stdout);
		else io.stdout(result.stdout);
		if (result.stderr) io.stderr(result.stderr);
		return 0;
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr(`quorum ${name}: ${e.message}\nRun "quorum ${name} --help" for usage.\n`);
			return 2;
		}
		if (e instanceof FormatError) {
			io.stderr(`quorum ${name}: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}
