// What a device keeps of a project's trust between sessions: the owner it trusts (the anchor)
// and the last valid signed records.
import type { LabelSchema, ProjectSettings } from '$lib/core/types';
import type { MembersBody, Signed } from '$lib/core/signing';
import type { TrustState } from './state';
import type { TrustAnchor, TrustStore } from './types';

export interface TrustCache {
	members?: Signed<MembersBody>;
	schema?: Signed<LabelSchema>;
	settings?: Signed<ProjectSettings>;
}

const anchorKey = (id: string) => `trust-anchor:${id}`;
const cacheKey = (id: string) => `trust-cache:${id}`;

export const anchorLoad = (store: TrustStore, projectId: string) =>
	store.get<TrustAnchor>(anchorKey(projectId));

export const anchorSave = (store: TrustStore, projectId: string, anchor: TrustAnchor) =>
	store.set(anchorKey(projectId), anchor);

export async function cacheLoad(store: TrustStore, projectId: string): Promise<TrustCache> {
	return (await store.get<TrustCache>(cacheKey(projectId))) ?? {};
}

/** Stores the valid records when any changed since the last save. */
export async function cacheSave(s: TrustState): Promise<void> {
	const next: TrustCache = {
		members: s.members,
		schema: s.meta.schema,
		settings: s.meta.settings
	};
	if (
		next.members?.sig === s.cached.members?.sig &&
		next.schema?.sig === s.cached.schema?.sig &&
		next.settings?.sig === s.cached.settings?.sig
	)
		return;
	s.cached = next;
	await s.d.store.set(cacheKey(s.d.projectId), next);
}

/** Stores the owner fingerprint from an invite link, so this device trusts only that owner. */
export async function trustAnchorSet(
	store: TrustStore,
	projectId: string,
	fp: string
): Promise<void> {
	if (!/^[0-9a-f]{16}$/.test(fp)) return;
	const cur = await anchorLoad(store, projectId);
	if (!cur) await anchorSave(store, projectId, { fp });
}
