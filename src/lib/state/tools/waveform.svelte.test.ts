/**
 * The waveform after its attachment re-runs mid-load (the item's media read anew, as after a
 * reload): the first player's aborted fetch is not reported as "cannot be played", and the
 * second one plays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Waveform } from './waveform.svelte';

/** A mono 16-bit WAV of `seconds` of a 440 Hz tone at 8 kHz. */
function wav(seconds: number): Blob {
	const rate = 8000;
	const n = seconds * rate;
	const v = new DataView(new ArrayBuffer(44 + n * 2));
	const text = (at: number, s: string) =>
		[...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
	text(0, 'RIFF');
	v.setUint32(4, 36 + n * 2, true);
	text(8, 'WAVEfmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true);
	v.setUint16(22, 1, true);
	v.setUint32(24, rate, true);
	v.setUint32(28, rate * 2, true);
	v.setUint16(32, 2, true);
	v.setUint16(34, 16, true);
	text(36, 'data');
	v.setUint32(40, n * 2, true);
	for (let i = 0; i < n; i++)
		v.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 16000), true);
	return new Blob([v.buffer], { type: 'audio/wav' });
}

const realFetch = globalThis.fetch;
afterEach(() => {
	globalThis.fetch = realFetch;
	document.body.replaceChildren();
});

describe('Waveform', () => {
	it('does not report the abort of a player torn down mid-load, and the next one plays', async () => {
		const url = URL.createObjectURL(wav(1));
		const wave = new Waveform({
			url: async () => url,
			onDraw: () => undefined,
			onMove: () => undefined,
			onPick: () => undefined
		});
		// The first load hangs until aborted, as a fetch still under way does.
		const aborted: AbortSignal[] = [];
		globalThis.fetch = ((_: RequestInfo | URL, init?: RequestInit) =>
			new Promise((_resolve, reject) => {
				const signal = init?.signal as AbortSignal;
				aborted.push(signal);
				signal.addEventListener('abort', () => reject(signal.reason));
			})) as typeof fetch;
		const first = document.body.appendChild(document.createElement('div'));
		const stop = wave.mount(first);
		await expect.poll(() => aborted.length).toBe(1);
		globalThis.fetch = realFetch;
		stop();
		expect(aborted[0]?.aborted).toBe(true);
		const second = document.body.appendChild(document.createElement('div'));
		const stop2 = wave.mount(second);
		await expect.poll(() => wave.ready).toBe(true);
		expect(wave.error).toBe('');
		expect(wave.duration).toBeCloseTo(1, 2);
		stop2();
	});
});
