/**
 * Audio segments: speech and silence from the signal's energy (no training), for the next
 * audio items I have not answered; each file is decoded here and its samples moved to the worker.
 */
import { audioSuggestFromVad } from '$lib/ml/media/audio/suggest';
import type { MonoPcm } from '$lib/ml/media/audio/decode';
import { taskField } from './media-fields';
import {
	MEDIA_SUGGEST_LIMIT,
	errorText,
	mediaName,
	withFailures,
	type MediaRun
} from './media-run';

export async function audioRun(run: MediaRun): Promise<string> {
	const { task: t, ctx } = run;
	const todo = run.unlabeled('audio-segments').slice(0, MEDIA_SUGGEST_LIMIT);
	if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
	if (!audioSuggestFromVad({ segments: [], duration: 0 }, t.labels))
		throw new Error(`Add a label to “${t.name}” (e.g. “speech”) for the suggested segments.`);
	const model = run.modelId('energy-vad');
	run.progress({ phase: 'Finding speech and silence', done: 0, total: todo.length });
	await run.fresh(model);
	let made = 0;
	const failed: string[] = [];
	for (const [i, it] of todo.entries()) {
		run.check();
		const f = taskField(it, t);
		if (f?.kind !== 'audio') continue;
		let pcm: MonoPcm;
		try {
			pcm = await ctx.deps.decodeAudio(await ctx.deps.blobOf(f.media));
		} catch (e) {
			failed.push(`${mediaName(f.media, it)}: ${errorText(e)}`);
			run.progress({ done: i + 1 });
			continue;
		}
		const r = await run.call('vad', pcm, [pcm.pcm.buffer]);
		const s = audioSuggestFromVad(r, t.labels);
		if (s && s.value.segments.length) {
			await run.store([run.row(it.id, model, s.value, s.confidence)]);
			made++;
		}
		run.progress({ done: i + 1 });
	}
	return withFailures(`Suggested segments for ${made} of ${todo.length} unlabeled items.`, failed);
}
