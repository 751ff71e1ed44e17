/**
 * Audio-segment pre-labels from the energy VAD: sound segments get the schema's speech-like label
 * (by name: speech, voice, talk, sound…; else the first label), and silences the silence-like
 * label when the schema has one.
 */
import type { AudioSegmentsValue, Label, LabelId } from '$lib/core/types';
import { vadGaps, type VadOptions, type VadResult, vadSegments } from './vad';

const SOUND = /^(speech|voice|talk|talking|speaker|sound|utterance|vocal|activity)/i;
const SILENCE = /^(silence|silent|pause|quiet|no[ -]?speech|non[- ]?speech|background)/i;

/** Which schema labels sound and silence map to (silence may be absent). */
export function audioLabelsPick(labels: readonly Label[]): { sound?: LabelId; silence?: LabelId } {
	const silence = labels.find((l) => SILENCE.test(l.name.trim()));
	const sound = labels.find((l) => SOUND.test(l.name.trim())) ?? labels.find((l) => l !== silence);
	return { sound: sound?.id, silence: silence?.id };
}

export interface AudioSuggestion {
	value: AudioSegmentsValue;
	/** Mean confidence of the sound segments (1 when there are none). */
	confidence: number;
}

/** Segment pre-labels for mono PCM, or undefined when the schema has no label to give them. */
export function audioSuggest(
	pcm: Float32Array,
	sampleRate: number,
	labels: readonly Label[],
	options: VadOptions = {}
): AudioSuggestion | undefined {
	return audioSuggestFromVad(vadSegments(pcm, sampleRate, options), labels);
}

/**
 * Segment pre-labels from a VAD result (e.g. the worker's `vad` answer), or undefined when the
 * schema has no label to give them.
 */
export function audioSuggestFromVad(
	r: Pick<VadResult, 'segments' | 'duration'>,
	labels: readonly Label[]
): AudioSuggestion | undefined {
	const { sound, silence } = audioLabelsPick(labels);
	if (!sound) return undefined;
	const round = (t: number) => Math.round(t * 1000) / 1000;
	const segs = r.segments.map((s, i) => ({
		id: `v${i}`,
		start: round(s.start),
		end: round(s.end),
		label: sound
	}));
	const gaps = silence
		? vadGaps(r.segments, r.duration)
				.filter((g) => g.end - g.start >= 0.05)
				.map((g, i) => ({ id: `q${i}`, start: round(g.start), end: round(g.end), label: silence }))
		: [];
	const conf = r.segments.length
		? r.segments.reduce((a, s) => a + s.confidence, 0) / r.segments.length
		: 1;
	return {
		value: {
			type: 'audio-segments',
			segments: [...segs, ...gaps].sort((a, b) => a.start - b.start)
		},
		confidence: conf
	};
}
