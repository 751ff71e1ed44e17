/**
 * Speech/silence segmentation from signal energy (an energy voice-activity detector): frame RMS
 * in dBFS, an adaptive threshold between the noise floor (a low percentile of frame energies) and
 * the loud frames, hysteresis so a segment does not flicker at the threshold, then gaps shorter
 * than `minGap` are bridged and segments shorter than `minSpeech` dropped. Classic energy VAD as
 * in Rabiner & Sambur (1975), "An algorithm for determining the endpoints of isolated utterances".
 * Pure: mono PCM in, time ranges in seconds out.
 */

export interface VadOptions {
	/** Frame length and hop in seconds (defaults 0.03 and 0.01). */
	frame?: number;
	hop?: number;
	/** Threshold position between noise floor and loud level, 0–1 (default 0.3). */
	position?: number;
	/** At least this many dB above the floor to count as sound (default 9). */
	minRiseDb?: number;
	/** Frames quieter than this (dBFS) are silence whatever the floor (default −55). */
	absoluteFloorDb?: number;
	/** Bridge silences shorter than this, seconds (default 0.25). */
	minGap?: number;
	/** Drop sound shorter than this, seconds (default 0.12). */
	minSpeech?: number;
	/** Widen each segment by this much on both sides, seconds (default 0.01). */
	pad?: number;
}

export interface VadSegment {
	start: number;
	end: number;
	/** How clearly the segment stands above the threshold, 0–1. */
	confidence: number;
}

export interface VadResult {
	segments: VadSegment[];
	/** Frame energies in dBFS and the frame hop, for display and tests. */
	energyDb: Float32Array;
	hop: number;
	thresholdDb: number;
	floorDb: number;
	duration: number;
}

/** RMS energy of each frame in dBFS (−120 for digital silence). */
export function frameEnergyDb(
	pcm: Float32Array,
	sampleRate: number,
	frame = 0.03,
	hop = 0.01
): Float32Array {
	const n = Math.max(1, Math.round(frame * sampleRate));
	const h = Math.max(1, Math.round(hop * sampleRate));
	const count = pcm.length === 0 ? 0 : Math.max(1, Math.floor((pcm.length - 1) / h) + 1);
	const out = new Float32Array(count);
	for (let f = 0; f < count; f++) {
		const a = f * h;
		const b = Math.min(pcm.length, a + n);
		let s = 0;
		for (let i = a; i < b; i++) s += (pcm[i] as number) * (pcm[i] as number);
		const rms = Math.sqrt(s / Math.max(1, b - a));
		out[f] = rms > 1e-6 ? 20 * Math.log10(rms) : -120;
	}
	return out;
}

function percentile(values: Float32Array, p: number): number {
	if (values.length === 0) return -120;
	const sorted = Float32Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Sound segments of mono PCM in seconds, sorted, non-overlapping. */
export function vadSegments(pcm: Float32Array, sampleRate: number, o: VadOptions = {}): VadResult {
	const hop = o.hop ?? 0.01;
	const frame = o.frame ?? 0.03;
	const energy = frameEnergyDb(pcm, sampleRate, frame, hop);
	const duration = pcm.length / sampleRate;
	const floorDb = percentile(energy, 0.1);
	const loudDb = percentile(energy, 0.95);
	const thresholdDb = Math.max(
		o.absoluteFloorDb ?? -55,
		floorDb + Math.max(o.minRiseDb ?? 9, (o.position ?? 0.3) * (loudDb - floorDb))
	);
	// Hysteresis: enter above the threshold, leave only 3 dB below it.
	const low = thresholdDb - 3;
	const raw: { a: number; b: number }[] = [];
	let open = -1;
	energy.forEach((e, f) => {
		if (open < 0 && e >= thresholdDb) open = f;
		else if (open >= 0 && e < low) {
			raw.push({ a: open, b: f });
			open = -1;
		}
	});
	if (open >= 0) raw.push({ a: open, b: energy.length });
	const gap = Math.round((o.minGap ?? 0.25) / hop);
	const merged: { a: number; b: number }[] = [];
	for (const r of raw) {
		const last = merged[merged.length - 1];
		if (last && r.a - last.b < gap) last.b = r.b;
		else merged.push({ ...r });
	}
	const minLen = Math.round((o.minSpeech ?? 0.12) / hop);
	const pad = o.pad ?? 0.01;
	// Frame f stands for the hop-long slice around its centre, f·hop + frame/2.
	const centre = frame / 2 - hop / 2;
	const span = Math.max(1, loudDb - thresholdDb);
	const segments = merged
		.filter((r) => r.b - r.a >= minLen)
		.map((r) => {
			let s = 0;
			for (let f = r.a; f < r.b; f++) s += (energy[f] as number) - thresholdDb;
			const margin = s / (r.b - r.a);
			return {
				start: Math.max(0, r.a * hop + centre - pad),
				end: Math.min(duration, r.b * hop + centre + pad),
				confidence: Math.max(0.05, Math.min(1, 0.5 + margin / (2 * span)))
			};
		});
	return { segments, energyDb: energy, hop, thresholdDb, floorDb, duration };
}

/** Silences: the gaps between sound segments within `[0, duration)`. */
export function vadGaps(
	segments: readonly { start: number; end: number }[],
	duration: number
): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	let t = 0;
	for (const s of segments) {
		if (s.start > t) out.push({ start: t, end: s.start });
		t = Math.max(t, s.end);
	}
	if (duration > t) out.push({ start: t, end: duration });
	return out;
}

/**
 * Share of `step`-second frames over `[0, duration)` where the predicted and true segmentations
 * agree (sound vs silence): the frame accuracy of a VAD.
 */
export function vadFrameAccuracy(
	predicted: readonly { start: number; end: number }[],
	truth: readonly { start: number; end: number }[],
	duration: number,
	step = 0.01
): number {
	const inside = (segs: readonly { start: number; end: number }[], t: number) =>
		segs.some((s) => s.start <= t && t < s.end);
	let ok = 0;
	let n = 0;
	for (let t = step / 2; t < duration; t += step, n++)
		if (inside(predicted, t) === inside(truth, t)) ok++;
	return n === 0 ? 1 : ok / n;
}
