/**
 * The door to the doc's `comments` map (core/comments/comments.ts has the keys and rules): reads
 * validated comments and resolutions, by item, and writes them one transaction each. A value whose
 * key does not match its content (another member's name) is left out, never shown.
 */
import type * as Y from 'yjs';
import {
	commentKey,
	isCommentResolution,
	isItemComment,
	resolutionKey,
	type CommentResolution,
	type ItemComment
} from '$lib/core/comments/comments';
import type { ItemId } from '$lib/core/types';
import { ORIGIN, type Origin, type ProjectDoc } from './doc';

export interface ItemComments {
	readonly comments: readonly ItemComment[];
	readonly resolutions: readonly CommentResolution[];
}

const NONE: ItemComments = { comments: [], resolutions: [] };

/** The doc's comments map (created on first use, like `prep`). */
export function commentsMap(p: ProjectDoc): Y.Map<unknown> {
	return p.doc.getMap('comments');
}

export class CommentsDoor {
	readonly #p: ProjectDoc;
	#byItem: Map<ItemId, ItemComments> | undefined;
	readonly #drop = () => (this.#byItem = undefined);

	constructor(p: ProjectDoc) {
		this.#p = p;
		commentsMap(p).observe(this.#drop);
	}

	/** Every item's valid comments and resolutions, read once per change of the map. */
	#all(): Map<ItemId, ItemComments> {
		if (this.#byItem) return this.#byItem;
		const out = new Map<ItemId, { comments: ItemComment[]; resolutions: CommentResolution[] }>();
		const slot = (item: ItemId) => {
			let s = out.get(item);
			if (!s) out.set(item, (s = { comments: [], resolutions: [] }));
			return s;
		};
		for (const [k, v] of commentsMap(this.#p)) {
			if (isItemComment(v) && commentKey(v) === k) slot(v.item).comments.push(v);
			else if (isCommentResolution(v) && resolutionKey(v) === k) slot(v.item).resolutions.push(v);
		}
		return (this.#byItem = out);
	}

	of(item: ItemId): ItemComments {
		return this.#all().get(item) ?? NONE;
	}

	/** Items with comments, each with its comments and resolutions. */
	items(): ReadonlyMap<ItemId, ItemComments> {
		return this.#all();
	}

	add(c: ItemComment, origin: Origin = ORIGIN.LOCAL): void {
		this.#p.doc.transact(() => commentsMap(this.#p).set(commentKey(c), c), origin);
	}

	resolve(r: CommentResolution, origin: Origin = ORIGIN.LOCAL): void {
		this.#p.doc.transact(() => commentsMap(this.#p).set(resolutionKey(r), r), origin);
	}

	destroy(): void {
		commentsMap(this.#p).unobserve(this.#drop);
	}
}
