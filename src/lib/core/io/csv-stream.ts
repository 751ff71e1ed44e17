/**
 * An incremental RFC 4180 CSV/TSV record reader: text goes in as chunks (any boundary: inside a
 * quoted field, between CR and LF), records come out with the physical line they start on.
 * Malformed input (a quote inside an unquoted field, text after a closing quote, an unterminated
 * quote at the end) is reported per record, never thrown, so the caller can skip or abort.
 */

export interface CsvRecord {
	/** 1-based physical line where the record starts. */
	line: number;
	fields: string[];
	/** Set when the record is malformed; `fields` is then best effort. */
	problem?: string;
}

const QUOTE = 34;

export class CsvReader {
	readonly #delim: number;
	#field = '';
	#fields: string[] = [];
	#inQuotes = false;
	#afterQuote = false;
	#pendingCR = false;
	#line = 1;
	#recordLine = 1;
	#problem: string | undefined;
	#started = false;
	#bomChecked = false;

	constructor(delimiter: ',' | '\t' | ';' = ',') {
		this.#delim = delimiter.charCodeAt(0);
	}

	#endRecord(out: CsvRecord[]): void {
		this.#fields.push(this.#field);
		const blank = this.#fields.length === 1 && this.#fields[0] === '' && !this.#problem;
		if (!blank) {
			const rec: CsvRecord = { line: this.#recordLine, fields: this.#fields };
			if (this.#problem) rec.problem = this.#problem;
			out.push(rec);
		}
		this.#fields = [];
		this.#field = '';
		this.#problem = undefined;
		this.#afterQuote = false;
		this.#started = false;
	}

	/** Feeds a chunk; returns the records completed by it. */
	push(chunk: string): CsvRecord[] {
		const out: CsvRecord[] = [];
		let s = chunk;
		if (!this.#bomChecked && s.length > 0) {
			this.#bomChecked = true;
			if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
		}
		const n = s.length;
		let i = 0;
		if (this.#pendingCR && n > 0) {
			this.#pendingCR = false;
			if (n > 0 && s.charCodeAt(0) === 10) i = 1;
		}
		let start = i;
		const flush = (end: number) => {
			if (end > start) this.#field += s.slice(start, end);
		};
		for (; i < n; i++) {
			const c = s.charCodeAt(i);
			if (i > 0) this.#quotedCR = false;
			if (!this.#started) {
				this.#started = true;
				this.#recordLine = this.#line;
			}
			if (this.#inQuotes) {
				if (c === QUOTE) {
					flush(i);
					if (i + 1 < n) {
						if (s.charCodeAt(i + 1) === QUOTE) {
							this.#field += '"';
							i++;
						} else {
							this.#inQuotes = false;
							this.#afterQuote = true;
						}
						start = i + 1;
					} else {
						// A quote at the chunk's end: decide with the next chunk.
						this.#inQuotes = false;
						this.#afterQuote = true;
						this.#quoteAtEnd = true;
						start = i + 1;
					}
				} else if (c === 10) {
					if (this.#quotedCR && i === 0) this.#quotedCR = false;
					else this.#line++;
				} else if (c === 13) {
					if (i + 1 === n) {
						this.#line++;
						this.#quotedCR = true;
					} else if (s.charCodeAt(i + 1) !== 10) this.#line++;
				}
				continue;
			}
			if (this.#quoteAtEnd) {
				this.#quoteAtEnd = false;
				if (c === QUOTE) {
					// It was an escaped quote split across chunks.
					this.#field += '"';
					this.#inQuotes = true;
					this.#afterQuote = false;
					start = i + 1;
					continue;
				}
			}
			if (c === this.#delim) {
				flush(i);
				this.#fields.push(this.#field);
				this.#field = '';
				this.#afterQuote = false;
				start = i + 1;
			} else if (c === 10 || c === 13) {
				flush(i);
				this.#endRecord(out);
				this.#line++;
				if (c === 13) {
					if (i + 1 < n) {
						if (s.charCodeAt(i + 1) === 10) i++;
					} else this.#pendingCR = true;
				}
				start = i + 1;
			} else if (c === QUOTE) {
				if (this.#field === '' && i === start && !this.#afterQuote) {
					this.#inQuotes = true;
					start = i + 1;
				} else {
					this.#problem ??= 'a quote (") inside a field that does not start with a quote';
				}
			} else if (this.#afterQuote) {
				this.#problem ??= 'text after the closing quote of a field';
				this.#afterQuote = false;
			}
		}
		flush(n);
		return out;
	}

	#quoteAtEnd = false;
	#quotedCR = false;

	/** Ends the input; returns the last record, if any. */
	end(): CsvRecord[] {
		const out: CsvRecord[] = [];
		this.#quoteAtEnd = false;
		if (this.#inQuotes) {
			this.#problem = 'a quoted field is never closed (missing ")';
			this.#inQuotes = false;
			this.#endRecord(out);
			return out;
		}
		if (this.#started || this.#fields.length > 0 || this.#field !== '') this.#endRecord(out);
		return out;
	}
}
