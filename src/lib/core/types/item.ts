import type { ItemId } from './ids';

/**
 * `html`: an HTML document in `text`, shown sanitized; spans count offsets in its text content.
 * `pdf`: a PDF document in a blob (`media`), whole or one page of it (`pdf`).
 */
export type ItemKind =
	'text' | 'image' | 'audio' | 'video' | 'multimodal' | 'series' | 'html' | 'pdf' | 'pointcloud';
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
	/**
	 * The media of an image, audio or video item; for a time series, the blob of its samples
	 * (core/series/series-blob.ts), its channels and time axis named in `series`.
	 */
	media?: MediaRef;
	/** Several fields of a multimodal item, by name (e.g. `image`, `caption`). */
	fields?: Record<string, ItemField>;
	/** For a time series item: what its sample blob (`media`) holds. */
	series?: SeriesInfo;
	/** For a PDF item: its page count, and the one page it is when imported a page per item. */
	pdf?: PdfInfo;
	/** For a point cloud item: what its point blob (`media`, core/cloud/cloud-blob.ts) holds. */
	cloud?: CloudInfo;
}

export interface PdfInfo {
	/** Pages of the whole document. */
	pages: number;
	/** 1-based: the only page this item shows (imported one item per page). */
	page?: number;
}

/**
 * A point cloud item's points: how many, their bounds (relative to `origin`, which is added to
 * get the file's coordinates), what else each point carries, and its place in a sequence of
 * frames (the files of one import, in name order).
 */
export interface CloudInfo {
	count: number;
	min: [number, number, number];
	max: [number, number, number];
	origin: [number, number, number];
	intensity: boolean;
	rgb: boolean;
	/** The import's sequence name and this frame's 0-based index in it. */
	sequence?: string;
	frame?: number;
}

/**
 * How a time series item's time axis reads: `time` values are seconds since the Unix epoch (from
 * ISO times or epoch seconds or milliseconds), seconds from the first sample (a sample index over
 * a rate), or the column's own numbers (e.g. years).
 */
export type SeriesTimeKind = 'epoch' | 'seconds' | 'number';

export interface SeriesInfo {
	/** Channel names, in the blob's order; at most 16. */
	channels: string[];
	/** Samples per channel. */
	length: number;
	time: SeriesTimeKind;
	/** First and last time value, in the axis's units. */
	start: number;
	end: number;
	/** The window this item is of a longer recording (0-based), when it was split. */
	window?: number;
}
