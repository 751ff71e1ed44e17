/**
 * Who of the team is online now and which item each has open (awareness, checked by
 * sync/presence.ts), and my own presence: my soft claim on the item I have open.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { AnnotatorId, ItemId } from '$lib/core/types';
import {
	presenceNew,
	presenceOnChange,
	presenceOthers,
	presenceSet,
	type Presence
} from '../presence';
import { projectDocOf, type ProjectStore } from '../project-store';
import type { Me } from './room';

export class TeamPresence {
	readonly awareness: Awareness;
	#me: Me;
	#item: ItemId | undefined;
	#shown = false;
	#others: Presence[] = [];
	/** Yjs client id → annotator, from presence (kept after they leave), for the doc guard. */
	#clients = new Map<number, AnnotatorId>();
	#off: () => void;

	constructor(store: ProjectStore, me: Me, onChange: () => void) {
		this.#me = me;
		this.awareness = presenceNew(projectDocOf(store).doc);
		this.#off = presenceOnChange(this.awareness, () => {
			this.#others = presenceOthers(this.awareness);
			for (const o of this.#others) this.#clients.set(o.client, o.member);
			onChange();
		});
	}

	/** Everyone else online (valid states only), one entry per tab. */
	get others(): readonly Presence[] {
		return this.#others;
	}

	/** The annotator a Yjs client id wrote as, when presence told. */
	memberOf(client: number): AnnotatorId | undefined {
		return this.#clients.get(client);
	}

	/** Whether I am online in another tab or device now. */
	meElsewhere(myClient: number): boolean {
		return this.#others.some((o) => o.member === this.#me.id && o.client !== myClient);
	}

	/** The member a client id says it is in its presence (also before it changed anything). */
	whoIs(client: number): string | undefined {
		const st = this.awareness.getStates().get(client) as { user?: { id?: unknown } } | undefined;
		return typeof st?.user?.id === 'string' ? st.user.id : undefined;
	}

	/** Starts publishing my presence (once the project is in a room), or publishes it again. */
	show(): void {
		this.#shown = true;
		presenceSet(this.awareness, this.#me, this.#item);
	}

	/** Publishes the item I have open (my soft claim on it) while shown. */
	focus(item: ItemId | undefined): void {
		this.#item = item;
		if (this.#shown) presenceSet(this.awareness, this.#me, item);
	}

	/** Items other people have open right now. */
	claimedByOthers(): ReadonlySet<ItemId> {
		const s = new Set<ItemId>();
		for (const p of this.#others) if (p.item && p.member !== this.#me.id) s.add(p.item);
		return s;
	}

	destroy(): void {
		this.#off();
		this.awareness.destroy();
	}
}
