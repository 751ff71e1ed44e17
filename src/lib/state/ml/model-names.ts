/**
 * What a stored suggestion's `model` id says to a person: which model made it and, when the id
 * carries them, when it was trained and on how many examples. Ids are `<source>@<ISO date>` (text
 * model, detector, span model, …), `image-embed-head@<ISO date>/<images>` for a saved image head and
 * `custom:<name>@<ISO date>` for a model the user brought.
 */
import { predictionSource } from '$lib/storage/db';

const SOURCES: Record<string, string> = {
	'image-embed-head': 'Image model',
	'coco-centernet': 'Object detector (COCO)',
	'spans-tagger': 'Span model',
	'energy-vad': 'Speech detector'
};

function dateText(iso: string): string | undefined {
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) return undefined;
	return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** e.g. `Image model trained on 4 images, 29 Nov 2026, 12:10` or `Text model trained 29 Nov 2026, 12:05`. */
export function modelName(model: string): string {
	const source = predictionSource(model);
	const rest = model.slice(source.length + 1);
	const [iso = '', count] = rest.split('/');
	const when = dateText(iso);
	if (source.startsWith('custom:')) return `Your model “${source.slice('custom:'.length)}”`;
	const name = source.startsWith('text-') ? 'Text model' : (SOURCES[source] ?? source);
	if (source === 'image-embed-head' || source.startsWith('text-') || source === 'spans-tagger') {
		const n = Number(count);
		const on = Number.isInteger(n) && n > 0 ? ` on ${n} ${n === 1 ? 'image' : 'images'}` : '';
		if (!when) return name;
		return on ? `${name} trained${on}, ${when}` : `${name} trained ${when}`;
	}
	return name;
}
