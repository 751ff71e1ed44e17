// What one Trust instance knows about a project, shared by the checks in this folder.
import type { LabelSchema, ProjectSettings, Role } from '$lib/core/types';
import type { MembersBody, Signed } from '$lib/core/signing';
import { ORIGIN, type ProjectDoc } from '../doc';
import type { TrustCache } from './store';
import type { TrustAnchor, TrustDeps, TrustReport } from './types';

export const META_KINDS = ['schema', 'settings'] as const;
export type MetaKind = (typeof META_KINDS)[number];
/** Edits a person makes on this device (signed); restores and signatures are not. */
export const EDIT_ORIGINS: ReadonlySet<unknown> = new Set([
	ORIGIN.LOCAL,
	ORIGIN.IMPORT,
	ORIGIN.MODEL
]);
export const isReviewKey = (k: string) => k.startsWith('final/') || k.startsWith('gold/');

export interface TrustState {
	p: ProjectDoc;
	d: TrustDeps;
	anchor: TrustAnchor | undefined;
	members: Signed<MembersBody> | undefined;
	meta: { schema?: Signed<LabelSchema>; settings?: Signed<ProjectSettings> };
	/** The records stored at the end of the last check (see store.ts). */
	cached: TrustCache;
	/** Verdict per signature ('' = valid), so each record is verified once. */
	verdicts: Map<string, string>;
	/** Last valid value per review key, and the verdict of each key's current value. */
	reviews: Map<string, unknown>;
	reviewOk: Map<string, unknown>;
	dirtyReviews: Set<string>;
	allReviews: boolean;
	/** Meta keys and review keys this device wrote and has not signed yet, with their mark. */
	localMeta: Map<MetaKind, string>;
	localReviews: Map<string, string>;
	/** Unsigned values first seen at (reported after the grace time). */
	unsigned: Map<string, number>;
	pendingReviews: Map<string, number>;
	/** Bodies of refused signed schema/settings records (their meta copy is not reported twice). */
	rejectedBodies: Set<string>;
	reported: Set<string>;
	reports: TrustReport[];
	/** Set when the owner rotated the room and this device got no key (it was removed). */
	removed: boolean;
}

export function trustStateNew(p: ProjectDoc, d: TrustDeps): TrustState {
	return {
		p,
		d,
		anchor: undefined,
		members: undefined,
		meta: {},
		cached: {},
		verdicts: new Map(),
		reviews: new Map(),
		reviewOk: new Map(),
		dirtyReviews: new Set(),
		allReviews: true,
		localMeta: new Map(),
		localReviews: new Map(),
		unsigned: new Map(),
		pendingReviews: new Map(),
		rejectedBodies: new Set(),
		reported: new Set(),
		reports: [],
		removed: false
	};
}

/** The verdict on one record, checked once and then remembered. */
export async function verdictOf(
	s: TrustState,
	id: string,
	check: () => Promise<string>
): Promise<string> {
	let v = s.verdicts.get(id);
	if (v === undefined) {
		v = await check();
		if (s.verdicts.size > 50_000) s.verdicts.clear();
		s.verdicts.set(id, v);
	}
	return v;
}

/** Adds a report once per id (the newest 200 are kept). */
export function reportAdd(s: TrustState, id: string, r: TrustReport): void {
	if (s.reported.has(id)) return;
	s.reported.add(id);
	s.reports = [...s.reports, r].slice(-200);
}

export function roleOf(s: TrustState, id: string): Role | undefined {
	return s.members?.body.members.find((m) => m.id === id)?.role;
}

export function isOwner(s: TrustState): boolean {
	return s.anchor?.owner === s.d.me && roleOf(s, s.d.me) === 'owner';
}

/** Who wrote a map entry, by its Yjs client id (as that client presents itself; unverified). */
export function authorOf(s: TrustState, client: number | undefined): string {
	const who = client !== undefined ? s.d.whoIs?.(client) : undefined;
	return who ?? '';
}
