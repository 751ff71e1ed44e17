import type { ItemId } from './ids';

export type ItemKind = 'text' | 'image' | 'audio' | 'video' | 'multimodal';
export type MediaKind = 'image' | 'audio' | 'video';

/**
 * Where an item's media live: a content-addressed blob in this device's store (SHA-256 hex), or
 * a URL fetched on first view and then cached as a blob.
 */
export type MediaRef =
	| { blob: string; mime: string; size: number; name: string }
	| { url: string; mime?: string; name?: string };

/** One field of a multimodal item: text, or media. */
export type ItemField = { kind: 'text'; text: string } | { kind: MediaKind; media: MediaRef };

export interface Item {
	id: ItemId;
	kind: ItemKind;
	text?: string;
	/** Metadata columns kept from the import; values are strings as read. */
	meta?: Record<string, string>;
	/** Import order: the batch's time and the row's position, for a stable queue order. */
	seq: number;
	/** Name of the file the item came from. */
	source?: string;
	/** The media of an image, audio or video item. */
	media?: MediaRef;
	/** Several fields of a multimodal item, by name (e.g. `image`, `caption`). */
	fields?: Record<string, ItemField>;
}
