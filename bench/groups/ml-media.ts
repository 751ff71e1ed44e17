/**
 * ml-media.image_embed_ms_per_image: MobileNetV2 (nsfwjs weights) 1,280-d embedding per 320×240
 *   image in the media worker (TF.js wasm, headless Chromium), decode + resize included; mean of 8.
 * ml-media.detector_ms_per_image: CenterNet COCO detection (human's weights) per photo (the
 *   samples.jpg shipped in @vladmandic/human), decode + resize + NMS included; mean of 8.
 *   Reference for both: a 784×1024 by 1024×384 matMul (≈ 308 M multiply-adds, about one
 *   MobileNetV2 pass) in the same worker, same run.
 * ml-media.span_tagger_f1: exact-match span F1 of the span suggestions (tagger + dictionary +
 *   patterns) trained on 60 synthetic documents, on 100 held-out documents whose names were never
 *   seen; reference: dictionary-only suggestions (what was labeled before, matched again).
 * ml-media.audio_frame_accuracy: energy VAD frame accuracy (10 ms frames) on 10 seeded signals of
 *   tone bursts, silences and white noise at −49 and −29 dBFS; reference: a fixed −40 dBFS
 *   threshold with no adaptation, smoothing or hysteresis.
 * The other ML helper's bench/groups/ml.ts may call run() and merge these figures.
 */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { spanAgreement } from '../../src/lib/core/quality/agreement/spans';
import { frameEnergyDb, vadFrameAccuracy, vadSegments } from '../../src/lib/ml/media/audio/vad';
import { lexiconLearn, lexiconSuggest } from '../../src/lib/ml/media/spans/lexicon';
import { spanModelTrain, spanSuggest } from '../../src/lib/ml/media/spans/suggest';
import { spanCorpus } from '../../tests/fixtures/ml-media/span-corpus';
import { toneBursts } from '../../tests/fixtures/ml-media/signals';
import { round, type Figure, type Where } from '../lib/browser';

export const where: Where = 'node';

const triples = (s: readonly { start: number; end: number; label: string }[]) =>
	s.map((x) => [x.start, x.end, x.label] as [number, number, string]);

function spanFigures(): Figure {
	const train = spanCorpus(60, 7);
	const test = spanCorpus(100, 21, true);
	const model = spanModelTrain(train);
	const f1 = spanAgreement(
		test.map((d) => ({ a: triples(d.spans), b: triples(spanSuggest(model, d.text).value.spans) }))
	).f1;
	const lex = lexiconLearn(train);
	const ref = spanAgreement(
		test.map((d) => ({ a: triples(d.spans), b: triples(lexiconSuggest(lex, d.text)) }))
	).f1;
	return {
		value: round(f1, 3),
		unit: 'F1',
		reference: round(ref, 3),
		ratio: round(f1 / Math.max(ref, 1e-9), 2)
	};
}

function audioFigures(): Figure {
	let ours = 0;
	let naive = 0;
	const n = 10;
	for (let i = 0; i < n; i++) {
		const s = toneBursts({ seed: 100 + i, noise: i % 2 ? 0.05 : 0.005 });
		ours += vadFrameAccuracy(vadSegments(s.pcm, s.sampleRate).segments, s.truth, s.duration);
		const e = frameEnergyDb(s.pcm, s.sampleRate);
		const segs: { start: number; end: number }[] = [];
		e.forEach((db, f) => {
			if (db > -40) segs.push({ start: f * 0.01 + 0.01, end: f * 0.01 + 0.02 });
		});
		naive += vadFrameAccuracy(segs, s.truth, s.duration);
	}
	return {
		value: round(ours / n, 4),
		unit: 'accuracy',
		reference: round(naive / n, 4),
		ratio: round(ours / naive, 3)
	};
}

async function imageFigures(): Promise<Record<string, Figure>> {
	const root = fileURLToPath(new URL('../../tests/fixtures/ml-media/bench/', import.meta.url));
	const repo = fileURLToPath(new URL('../../', import.meta.url));
	const server = await createServer({
		root,
		configFile: false,
		logLevel: 'error',
		resolve: { alias: { $lib: repo + 'src/lib' } },
		server: { host: '127.0.0.1', port: 0, fs: { allow: [repo] } }
	});
	await server.listen();
	const address = server.httpServer?.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${port}/`);
		await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 120_000 });
		const r = await page.evaluate(() =>
			(
				window as unknown as {
					mlMediaBench(n: number): Promise<{ embedMs: number; detectMs: number; matmulMs: number }>;
				}
			).mlMediaBench(8)
		);
		const fig = (v: number): Figure => ({
			where: 'browser-page',
			value: round(v),
			unit: 'ms',
			reference: round(r.matmulMs),
			ratio: round(v / r.matmulMs, 2)
		});
		return { image_embed_ms_per_image: fig(r.embedMs), detector_ms_per_image: fig(r.detectMs) };
	} finally {
		await browser.close();
		await server.close();
	}
}

export async function run(): Promise<Record<string, Figure>> {
	return {
		...(await imageFigures()),
		span_tagger_f1: spanFigures(),
		audio_frame_accuracy: audioFigures()
	};
}
