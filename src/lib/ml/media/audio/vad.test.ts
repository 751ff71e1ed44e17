import { describe, expect, it } from 'vitest';
import type { Label, LabelId } from '$lib/core/types';
import { toneBursts } from '../../../../../tests/fixtures/ml-media/signals';
import { audioLabelsPick, audioSuggest } from './suggest';
import { frameEnergyDb, vadFrameAccuracy, vadGaps, vadSegments } from './vad';

const label = (id: string, name: string): Label => ({
	id: id as LabelId,
	name,
	color: '#000000',
	hotkey: '1'
});

describe('energy VAD', () => {
	it('measures frame energy in dBFS', () => {
		const sr = 1000;
		const full = new Float32Array(1000).fill(1);
		expect(frameEnergyDb(full, sr)[0]).toBeCloseTo(0, 3);
		const half = new Float32Array(1000).fill(0.1);
		expect(frameEnergyDb(half, sr)[5]).toBeCloseTo(-20, 3);
		expect(frameEnergyDb(new Float32Array(100), sr)[0]).toBe(-120);
		expect(frameEnergyDb(new Float32Array(0), sr).length).toBe(0);
	});

	it('finds tone bursts between silences over noise', () => {
		for (const seed of [1, 2, 3]) {
			const s = toneBursts({ seed });
			const r = vadSegments(s.pcm, s.sampleRate);
			expect(r.segments).toHaveLength(s.truth.length);
			r.segments.forEach((seg, i) => {
				expect(Math.abs(seg.start - s.truth[i]!.start)).toBeLessThan(0.06);
				expect(Math.abs(seg.end - s.truth[i]!.end)).toBeLessThan(0.06);
			});
			expect(vadFrameAccuracy(r.segments, s.truth, s.duration)).toBeGreaterThan(0.96);
			const tight = vadSegments(s.pcm, s.sampleRate, { pad: 0 });
			expect(vadFrameAccuracy(tight.segments, s.truth, s.duration)).toBeGreaterThan(0.98);
		}
	});

	it('stays accurate with louder noise (≈ −30 dBFS)', () => {
		const s = toneBursts({ seed: 4, noise: 0.05 });
		const r = vadSegments(s.pcm, s.sampleRate);
		expect(vadFrameAccuracy(r.segments, s.truth, s.duration)).toBeGreaterThan(0.93);
	});

	it('finds nothing in noise alone or in digital silence', () => {
		const s = toneBursts({ seed: 5, bursts: 0 });
		expect(vadSegments(s.pcm, s.sampleRate).segments).toEqual([]);
		expect(vadSegments(new Float32Array(16000), 16000).segments).toEqual([]);
	});

	it('bridges short gaps and drops clicks', () => {
		const sr = 8000;
		const pcm = new Float32Array(sr * 2);
		const tone = (a: number, b: number) => {
			for (let i = a * sr; i < b * sr; i++) pcm[i] = 0.5 * Math.sin(i * 0.3);
		};
		tone(0.2, 0.6);
		tone(0.7, 1.0); // 0.1 s gap: bridged
		tone(1.5, 1.53); // a 30 ms click: dropped
		const r = vadSegments(pcm, sr);
		expect(r.segments).toHaveLength(1);
		expect(r.segments[0]!.start).toBeCloseTo(0.17, 1);
		expect(r.segments[0]!.end).toBeCloseTo(1.03, 1);
	});

	it('lists the gaps between segments', () => {
		expect(vadGaps([{ start: 1, end: 2 }], 3)).toEqual([
			{ start: 0, end: 1 },
			{ start: 2, end: 3 }
		]);
	});
});

describe('audio suggestions', () => {
	it('maps sound and silence to the schema labels by name', () => {
		expect(
			audioLabelsPick([label('a', 'Music'), label('b', 'Speech'), label('c', 'Silence')])
		).toEqual({
			sound: 'b',
			silence: 'c'
		});
		expect(audioLabelsPick([label('a', 'Silence'), label('b', 'Dog')])).toEqual({
			sound: 'b',
			silence: 'a'
		});
		expect(audioLabelsPick([])).toEqual({ sound: undefined, silence: undefined });
	});

	it('gives labeled segments that tile the sound, with silences when the schema has them', () => {
		const s = toneBursts({ seed: 6, bursts: 3 });
		const got = audioSuggest(s.pcm, s.sampleRate, [label('sp', 'speech'), label('si', 'silence')]);
		expect(got).toBeDefined();
		const sound = got!.value.segments.filter((x) => x.label === 'sp');
		const quiet = got!.value.segments.filter((x) => x.label === 'si');
		expect(sound).toHaveLength(3);
		expect(quiet).toHaveLength(4);
		expect(got!.confidence).toBeGreaterThan(0.5);
		expect(new Set(got!.value.segments.map((x) => x.id)).size).toBe(7);
		expect(audioSuggest(s.pcm, s.sampleRate, [])).toBeUndefined();
	});
});
