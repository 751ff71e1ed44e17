/** Per-device settings: identity (display name, annotator id), preferences. */
import type { QuorumDb } from './db';
import { storageErrorFrom } from './quota';

export interface Identity {
	annotatorId: string;
	name: string;
	color: string;
}

export interface SettingsRepo {
	get<T>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
}

export function settingsRepoFrom(db: QuorumDb): SettingsRepo {
	return {
		async get<T>(key: string) {
			const row = await db.settings.get(key);
			return row?.value as T | undefined;
		},
		async set(key, value) {
			try {
				await db.settings.put({ key, value });
			} catch (e) {
				throw storageErrorFrom(e);
			}
		}
	};
}
