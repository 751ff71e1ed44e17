/** The open project's sync, shared by the project layout with its pages through typed context. */
import { getContext, setContext } from 'svelte';
import type { ProjectSync } from './project-sync.svelte';

const SYNC = Symbol('sync');

export interface SyncRef {
	readonly current: ProjectSync | undefined;
}

export const syncContextSet = (ref: SyncRef): SyncRef => setContext(SYNC, ref);
export const syncContext = (): SyncRef => getContext<SyncRef>(SYNC);
