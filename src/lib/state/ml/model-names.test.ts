import { describe, expect, it } from 'vitest';
import { modelName } from './model-names';

describe('modelName', () => {
	const when = (iso: string) =>
		new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });

	it('names a saved image head with its training date and size', () => {
		const iso = '2026-11-29T12:10:00.000Z';
		expect(modelName(`image-embed-head@${iso}/4`)).toBe(
			`Image model trained on 4 images, ${when(iso)}`
		);
		expect(modelName(`image-embed-head@${iso}/1`)).toBe(
			`Image model trained on 1 image, ${when(iso)}`
		);
		// Suggestions stored before the size was part of the id.
		expect(modelName(`image-embed-head@${iso}`)).toBe(`Image model trained ${when(iso)}`);
	});

	it('names the text model, the detectors and a model the user brought', () => {
		const iso = '2026-11-29T12:05:00.000Z';
		expect(modelName(`text-linear@${iso}`)).toBe(`Text model trained ${when(iso)}`);
		expect(modelName(`coco-centernet@${iso}`)).toBe('Object detector (COCO)');
		expect(modelName(`energy-vad@${iso}`)).toBe('Speech detector');
		expect(modelName(`custom:mobilenet@${iso}`)).toBe('Your model “mobilenet”');
		expect(modelName('something-else')).toBe('something-else');
	});
});
