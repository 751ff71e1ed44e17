/**
 * LZF decompression (Marc Lehmann's liblzf format), as PCD's `binary_compressed` data uses.
 * A control byte below 32 starts a run of ctrl + 1 literal bytes; otherwise its top 3 bits are a
 * length (7 means one more length byte follows), and its low 5 bits with the next byte are a
 * back-reference distance minus 1. Throws a RangeError on input that runs past either end.
 */
export function lzfDecompress(input: Uint8Array, outLength: number): Uint8Array {
	const out = new Uint8Array(outLength);
	let ip = 0;
	let op = 0;
	while (ip < input.length) {
		const ctrl = input[ip++] as number;
		if (ctrl < 32) {
			const n = ctrl + 1;
			if (op + n > outLength || ip + n > input.length) throw new RangeError('LZF literal overruns');
			out.set(input.subarray(ip, ip + n), op);
			ip += n;
			op += n;
			continue;
		}
		let len = ctrl >> 5;
		let ref = op - ((ctrl & 0x1f) << 8) - 1;
		if (len === 7) {
			if (ip >= input.length) throw new RangeError('LZF length overruns');
			len += input[ip++] as number;
		}
		if (ip >= input.length) throw new RangeError('LZF reference overruns');
		ref -= input[ip++] as number;
		len += 2;
		if (ref < 0 || op + len > outLength) throw new RangeError('LZF back-reference out of range');
		for (let k = 0; k < len; k++) out[op++] = out[ref++] as number;
	}
	if (op !== outLength) throw new RangeError(`LZF gave ${op} bytes, expected ${outLength}`);
	return out;
}
