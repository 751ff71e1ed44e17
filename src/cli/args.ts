/** A tiny strict argument parser: `--name value` options, `--flag` switches, nothing positional. */

/** A usage error: printed with the command's name, exit code 2. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export interface ParsedArgs {
	options: Map<string, string>;
	help: boolean;
}

/**
 * Parses `argv` against the allowed option names (without `--`).
 * @throws UsageError for unknown options, missing values or stray arguments
 */
export function argsParse(argv: readonly string[], allowed: readonly string[]): ParsedArgs {
	const options = new Map<string, string>();
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--help' || arg === '-h') {
			help = true;
			continue;
		}
		if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq < 0 ? undefined : eq);
		if (!allowed.includes(name)) throw new UsageError(`unknown option "--${name}"`);
		const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
		if (value === undefined || (eq < 0 && value.startsWith('--'))) {
			throw new UsageError(`option "--${name}" needs a value`);
		}
		options.set(name, value);
	}
	return { options, help };
}

/** A required option's value. */
export function argRequired(args: ParsedArgs, name: string): string {
	const v = args.options.get(name);
	if (v === undefined) throw new UsageError(`missing required option "--${name}"`);
	return v;
}

/** A non-negative integer option, or its default. */
export function argInteger(args: ParsedArgs, name: string, fallback: number): number {
	const v = args.options.get(name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 0)
		throw new UsageError(`"--${name}" must be a non-negative integer, got "${v}"`);
	return n;
}

/** An option restricted to a set of choices, or its default. */
export function argChoice<T extends string>(
	args: ParsedArgs,
	name: string,
	choices: readonly T[],
	fallback: T
): T {
	const v = args.options.get(name);
	if (v === undefined) return fallback;
	if (!(choices as readonly string[]).includes(v)) {
		throw new UsageError(`unknown ${name} "${v}" (choose ${choices.join(', ')})`);
	}
	return v as T;
}
