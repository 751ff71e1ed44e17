/**
 * Media named by URL: one item per http(s) URL of an image, audio or video file in a list. The
 * item id is the hash of the URL; the media are fetched and cached on first view.
 */
import { sha256Hex } from '$lib/core/ids';
import { mediaKindFromUrl, mediaUrlName, mediaUrlsParse } from '$lib/core/media';
import type { Item, ItemId } from '$lib/core/types';

/** The items of the URLs in `text` (numbered from `seq0`), and the lines that held none. */
export async function mediaUrlItems(
	text: string,
	seq0: number
): Promise<{ items: Item[]; urls: number; bad: number[] }> {
	const { urls, bad } = mediaUrlsParse(text);
	const items: Item[] = [];
	const seen = new Set<string>();
	for (const [i, { url }] of urls.entries()) {
		if (seen.has(url)) continue;
		seen.add(url);
		const kind = mediaKindFromUrl(url);
		if (!kind) continue;
		const name = mediaUrlName(url);
		items.push({
			id: (await sha256Hex(url)).slice(0, 32) as ItemId,
			kind: kind.kind,
			media: { url, name, ...(kind.mime ? { mime: kind.mime } : {}) },
			seq: seq0 + i,
			source: name
		});
	}
	return { items, urls: urls.length, bad };
}
