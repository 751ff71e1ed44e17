/**
 * Comments on an item or on one region of an annotation (a box, a span), in threads. A comment
 * and a thread's resolution are each written by one member under a key that names them, as
 * annotations are, so peers never fight over a value:
 * - `c/<item>/<id>`: a comment (`id` starts with its author's id, so two people never collide);
 * - `r/<thread>/<by>`: one member's latest "resolved" or "reopened" for a thread; the latest of
 *   all members' records decides.
 * Mentions are member ids, found in the text by `mentionsFind` when the comment is written.
 */
import type { AnnotatorId, EpochMs, ItemId, TaskId } from '../types';
import { isId, isNum, isObj, isStr, optional } from '../validate/basics';

/** The region of an annotation a comment is about (a box's or a span's `id`). */
export interface CommentRegion {
	task: TaskId;
	annotator: AnnotatorId;
	region: string;
}

export interface ItemComment {
	/** `<author id>-<time, base 36>-<n>`: unique per author without coordination. */
	id: string;
	item: ItemId;
	by: AnnotatorId;
	at: EpochMs;
	text: string;
	/** The first comment's id of the thread this one answers; absent on a thread's first comment. */
	thread?: string;
	region?: CommentRegion;
	mentions?: AnnotatorId[];
}

export interface CommentResolution {
	thread: string;
	item: ItemId;
	by: AnnotatorId;
	at: EpochMs;
	resolved: boolean;
}

export const COMMENT_MAX = 4000;

export const commentKey = (c: Pick<ItemComment, 'item' | 'id'>): string => `c/${c.item}/${c.id}`;
export const resolutionKey = (r: Pick<CommentResolution, 'thread' | 'by'>): string =>
	`r/${r.thread}/${r.by}`;

/** A comment id for `by` at `at`; `n` tells apart comments written in the same millisecond. */
export function commentIdNew(by: AnnotatorId, at: EpochMs, n = 0): string {
	return `${by}-${at.toString(36)}-${n}`;
}

function isRegionRef(v: unknown): v is CommentRegion {
	return isObj(v) && isId(v.task) && isId(v.annotator) && isId(v.region);
}

/** A well-formed comment whose id names its author (a peer cannot write in someone's name). */
export function isItemComment(v: unknown): v is ItemComment {
	return (
		isObj(v) &&
		isStr(v.id, 300) &&
		isId(v.item) &&
		isId(v.by) &&
		(v.id as string).startsWith(`${v.by as string}-`) &&
		isNum(v.at) &&
		isStr(v.text, COMMENT_MAX) &&
		(v.text as string).trim().length > 0 &&
		optional(v.thread, (t) => isStr(t, 300)) &&
		optional(v.region, isRegionRef) &&
		optional(v.mentions, (m) => Array.isArray(m) && m.length <= 100 && m.every(isId))
	);
}

export function isCommentResolution(v: unknown): v is CommentResolution {
	return (
		isObj(v) &&
		isStr(v.thread, 300) &&
		isId(v.item) &&
		isId(v.by) &&
		isNum(v.at) &&
		typeof v.resolved === 'boolean'
	);
}

export interface CommentThread {
	/** The first comment's id. */
	id: string;
	item: ItemId;
	region?: CommentRegion;
	/** Oldest first; the first is the thread's start. */
	comments: ItemComment[];
	resolved: boolean;
	/** Who resolved or reopened it last, and when. */
	resolvedBy?: AnnotatorId;
	/** The newest comment's time. */
	last: EpochMs;
}

/**
 * Groups comments into threads, newest activity first. A reply whose thread start is missing
 * (not synced yet) shows as its own thread until the start arrives.
 */
export function commentThreads(
	comments: readonly ItemComment[],
	resolutions: readonly CommentResolution[]
): CommentThread[] {
	const byId = new Map(comments.map((c) => [c.id, c]));
	const threads = new Map<string, CommentThread>();
	const sorted = [...comments].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	for (const c of sorted) {
		const root = c.thread && byId.has(c.thread) ? c.thread : c.id;
		let t = threads.get(root);
		if (!t) {
			const start = byId.get(root) as ItemComment;
			t = { id: root, item: start.item, comments: [], resolved: false, last: c.at };
			if (start.region) t.region = start.region;
			threads.set(root, t);
		}
		t.comments.push(c);
		t.last = Math.max(t.last, c.at) as EpochMs;
	}
	const latest = new Map<string, CommentResolution>();
	for (const r of resolutions) {
		const l = latest.get(r.thread);
		if (!l || r.at > l.at || (r.at === l.at && r.by < l.by)) latest.set(r.thread, r);
	}
	for (const t of threads.values()) {
		const r = latest.get(t.id);
		// A comment after the resolution reopens the thread.
		if (r && r.at >= t.last) {
			t.resolved = r.resolved;
			t.resolvedBy = r.by;
		}
	}
	return [...threads.values()].sort((a, b) => b.last - a.last || (a.id < b.id ? -1 : 1));
}

/**
 * The members an `@name` in `text` names: the longest member name after each `@` (names may hold
 * spaces), matched without regard to case. Each member once, in order of first mention.
 */
export function mentionsFind(
	text: string,
	members: readonly { id: AnnotatorId; name: string }[]
): AnnotatorId[] {
	const named = members.filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
	const out: AnnotatorId[] = [];
	const lower = text.toLowerCase();
	for (let i = lower.indexOf('@'); i !== -1; i = lower.indexOf('@', i + 1)) {
		if (i > 0 && /[\p{L}\p{N}_]/u.test(text[i - 1] as string)) continue; // an e-mail address
		const rest = lower.slice(i + 1);
		const m = named.find((n) => {
			const name = n.name.trim().toLowerCase();
			if (!rest.startsWith(name)) return false;
			const after = rest.slice(name.length, name.length + 2);
			return after === '' || !/^[\p{L}\p{N}_]/u.test(after);
		});
		if (m && !out.includes(m.id)) out.push(m.id);
	}
	return out;
}

/**
 * How many comments `me` has not read: others' comments newer than the time `me` last read their
 * thread (`readAt`, by thread id), in open threads, plus any that mention `me` in resolved ones.
 */
export function commentsUnread(
	threads: readonly CommentThread[],
	me: AnnotatorId,
	readAt: (thread: string) => number
): number {
	let n = 0;
	for (const t of threads) {
		const seen = readAt(t.id);
		for (const c of t.comments)
			if (c.by !== me && c.at > seen && (!t.resolved || c.mentions?.includes(me))) n++;
	}
	return n;
}

/** One region of an annotation value that a comment can be about. */
export interface RegionRef {
	region: CommentRegion;
	/** The region's label id, and its place (1-based) among the value's regions of that label. */
	label: string;
	n: number;
}

/**
 * The regions of an item's annotations (boxes, spans, polygons, segments, tracks…): the entries
 * of a value's region list, each an object with an `id` and a `label`.
 */
export function regionsOf(
	annotations: readonly { task: TaskId; annotator: AnnotatorId; value: object }[]
): RegionRef[] {
	const out: RegionRef[] = [];
	for (const a of annotations) {
		const counts = new Map<string, number>();
		for (const list of Object.values(a.value)) {
			if (!Array.isArray(list)) continue;
			for (const r of list as unknown[]) {
				if (!isObj(r) || !isId(r.id) || !isId(r.label)) continue;
				const n = (counts.get(r.label) ?? 0) + 1;
				counts.set(r.label, n);
				out.push({
					region: { task: a.task, annotator: a.annotator, region: r.id },
					label: r.label,
					n
				});
			}
		}
	}
	return out;
}
