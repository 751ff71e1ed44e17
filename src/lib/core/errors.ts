/** Expected failures, with enough context for a message that says what to do. */

/** A file that cannot be read as the format it claims: names the file, line and reason. */
export class FormatError extends Error {
	readonly file: string;
	readonly line: number | undefined;
	readonly reason: string;
	constructor(file: string, line: number | undefined, reason: string) {
		super(`${file}${line === undefined ? '' : `, line ${line}`}: ${reason}`);
		this.name = 'FormatError';
		this.file = file;
		this.line = line;
		this.reason = reason;
	}
}

/** A schema edit that would break an invariant (duplicate hotkey, unknown label, …). */
export class SchemaError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SchemaError';
	}
}
