/**
 * Comments on the project's items, as a view over the store's `comments` topic: threads per item,
 * the unread count (per device: when this person last read each thread is a preference), and the
 * commands to write, answer, resolve and reopen. Mentions are found in the text when it is sent.
 */
import {
	COMMENT_MAX,
	commentIdNew,
	commentThreads,
	commentsUnread,
	mentionsFind,
	regionsOf,
	type CommentRegion,
	type CommentThread,
	type ItemComment
} from '$lib/core/comments/comments';
import type { AnnotatorId, EpochMs, ItemId, Member } from '$lib/core/types';
import type { ProjectSession } from '$lib/state/project-session.svelte';

export type { CommentRegion, CommentThread, ItemComment } from '$lib/core/comments/comments';

export interface CommentsDeps {
	prefGet<T>(key: string): Promise<T | undefined>;
	prefSet(key: string, value: unknown): Promise<void>;
	now?: () => number;
}

export class CommentsState {
	readonly #s: ProjectSession;
	readonly #me: AnnotatorId;
	readonly #deps: CommentsDeps;
	readonly #key: string;
	/** Thread id → when I last read it (epoch ms), this device. */
	#readAt = $state.raw<Record<string, number>>({});
	#n = 0;

	constructor(session: ProjectSession, me: AnnotatorId, deps: CommentsDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		this.#key = `comments-read:${session.id}`;
	}

	async load(): Promise<void> {
		this.#readAt = (await this.#deps.prefGet<Record<string, number>>(this.#key)) ?? {};
	}

	get me(): AnnotatorId {
		return this.#me;
	}

	/** Members I can mention (everyone but me), by name. */
	get members(): readonly Member[] {
		return this.#s.members.filter((m) => m.id !== this.#me);
	}

	nameOf(id: AnnotatorId): string {
		if (id === this.#me) return 'You';
		return this.#s.members.find((m) => m.id === id)?.name || id;
	}

	threadsOf(item: ItemId): CommentThread[] {
		this.#s.track('comments');
		const { comments, resolutions } = this.#s.store.comments.of(item);
		return commentThreads(comments, resolutions);
	}

	/** The regions of the item's annotations a comment can be about, each with a readable name. */
	regionsOf(item: ItemId): { region: CommentRegion; name: string }[] {
		this.#s.trackItem(item);
		const labels = new Map<string, string>();
		for (const t of this.#s.schema.tasks)
			if ('labels' in t) for (const l of t.labels) labels.set(l.id, l.name);
		return regionsOf(this.#s.annotationsOf(item)).map((r) => ({
			region: r.region,
			name: `${labels.get(r.label) ?? r.label} ${r.n} (${this.nameOf(r.region.annotator)})`
		}));
	}

	/** A region's name for a thread's heading; a region since removed says so. */
	regionName(item: ItemId, region: CommentRegion): string {
		const same = (r: CommentRegion) =>
			r.task === region.task && r.annotator === region.annotator && r.region === region.region;
		return this.regionsOf(item).find((r) => same(r.region))?.name ?? 'a region since removed';
	}

	#readOf = (thread: string) => this.#readAt[thread] ?? 0;

	/** Comments by others that I have not read, in one item. */
	unreadOf(item: ItemId): number {
		return commentsUnread(this.threadsOf(item), this.#me, this.#readOf);
	}

	/** Comments by others that I have not read, in the whole project. */
	get unread(): number {
		this.#s.track('comments');
		let n = 0;
		for (const { comments, resolutions } of this.#s.store.comments.items().values())
			n += commentsUnread(commentThreads(comments, resolutions), this.#me, this.#readOf);
		return n;
	}

	isUnread(c: ItemComment): boolean {
		return c.by !== this.#me && c.at > this.#readOf(c.thread ?? c.id);
	}

	/**
	 * Writes a comment (a new thread, or an answer to `thread`); returns an error to show, or
	 * undefined when it was saved.
	 */
	add(
		item: ItemId,
		text: string,
		opts: { thread?: string; region?: CommentRegion } = {}
	): string | undefined {
		const t = text.trim();
		if (!t) return 'Write something first.';
		if (t.length > COMMENT_MAX) return `A comment holds up to ${COMMENT_MAX} characters.`;
		const at = this.#now();
		const mentions = mentionsFind(t, this.#s.members);
		const c: ItemComment = {
			id: commentIdNew(this.#me, at, this.#n++),
			item,
			by: this.#me,
			at,
			text: t,
			...(opts.thread ? { thread: opts.thread } : {}),
			...(opts.region ? { region: opts.region } : {}),
			...(mentions.length ? { mentions } : {})
		};
		this.#s.store.comments.add(c);
		return undefined;
	}

	resolve(thread: CommentThread, resolved: boolean): void {
		this.#s.store.comments.resolve({
			thread: thread.id,
			item: thread.item,
			by: this.#me,
			at: Math.max(this.#now(), thread.last) as EpochMs,
			resolved
		});
	}

	/** Marks every thread of `item` read now (this device). */
	async markRead(item: ItemId): Promise<void> {
		const threads = this.threadsOf(item);
		if (!threads.some((t) => t.last > this.#readOf(t.id))) return;
		const next = { ...this.#readAt };
		for (const t of threads) next[t.id] = Math.max(t.last, this.#readOf(t.id));
		this.#readAt = next;
		await this.#deps.prefSet(this.#key, next);
	}

	#now(): EpochMs {
		return (this.#deps.now ?? Date.now)() as EpochMs;
	}
}
