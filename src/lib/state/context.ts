/** Typed contexts: per-app and per-project instances, shared by layouts, never module singletons. */
import { getContext, setContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { ProjectSession } from './project-session.svelte';

const APP = Symbol('app');
const SESSION = Symbol('session');

export const appContextSet = (app: AppState): AppState => setContext(APP, app);
export const appContext = (): AppState => getContext<AppState>(APP);

export interface SessionRef {
	readonly current: ProjectSession | undefined;
}
export const sessionContextSet = (ref: SessionRef): SessionRef => setContext(SESSION, ref);
export const sessionContext = (): SessionRef => getContext<SessionRef>(SESSION);
