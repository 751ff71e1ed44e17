/**
 * Splits a stream of text chunks into lines (LF or CR LF), with their 1-based line numbers, for
 * the line formats (plain text, JSONL). A line past `maxChars` is reported as overlong and its
 * text dropped, so one runaway line cannot hold the whole file in memory.
 */

export interface TextLine {
	line: number;
	/** Without the line break; empty when `overlong`. */
	text: string;
	overlong?: true;
}

export class LineReader {
	readonly #max: number;
	#parts: string[] = [];
	#partsChars = 0;
	#overlong = false;
	#line = 1;
	#started = false;
	#pending = false;

	constructor(maxChars = Infinity) {
		this.#max = maxChars;
	}

	#emit(out: TextLine[], last: string): void {
		let text = last;
		if (this.#parts.length > 0) {
			this.#parts.push(last);
			text = this.#parts.join('');
		}
		if (text.endsWith('\r')) text = text.slice(0, -1);
		if (this.#overlong || text.length > this.#max)
			out.push({ line: this.#line, text: '', overlong: true });
		else out.push({ line: this.#line, text });
		this.#line++;
		this.#parts = [];
		this.#partsChars = 0;
		this.#overlong = false;
		this.#pending = false;
	}

	/** Feeds a chunk; returns the lines it completes. */
	push(chunk: string): TextLine[] {
		const out: TextLine[] = [];
		let pos = 0;
		if (!this.#started && chunk.length > 0) {
			this.#started = true;
			if (chunk.charCodeAt(0) === 0xfeff) pos = 1;
		}
		for (;;) {
			const nl = chunk.indexOf('\n', pos);
			if (nl < 0) break;
			this.#emit(out, this.#overlong ? '' : chunk.slice(pos, nl));
			pos = nl + 1;
		}
		if (pos < chunk.length) {
			this.#pending = true;
			if (!this.#overlong) {
				const rest = chunk.slice(pos);
				this.#partsChars += rest.length;
				// +1: a CR that is the first half of a CR LF at the end does not count.
				if (this.#partsChars > this.#max + 1) {
					this.#overlong = true;
					this.#parts = [];
				} else this.#parts.push(rest);
			}
		}
		return out;
	}

	/** Ends the input; returns the last line if it had no line break. */
	end(): TextLine[] {
		const out: TextLine[] = [];
		if (this.#pending) this.#emit(out, '');
		return out;
	}
}
