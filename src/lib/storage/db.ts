/**
 * The device's Dexie database: the projects index (name, counts, last activity), content-addressed
 * blobs, cached models and per-device settings (DESIGN.md §4). Project contents live in each
 * project's Y.Doc (sync/persistence.ts), not here. Every schema version stays in the code.
 */
import Dexie, { type EntityTable } from 'dexie';

export interface ProjectRow {
	id: string;
	name: string;
	description: string;
	created: number;
	lastActivity: number;
	itemCount: number;
	labelCount: number;
	labeledCount: number;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export interface BlobRow {
	sha256: string;
	blob: Blob;
	mime: string;
	size: number;
}

export const DB_NAME = 'quorum';

export class QuorumDb extends Dexie {
	projects!: EntityTable<ProjectRow, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;
	blobs!: EntityTable<BlobRow, 'sha256'>;

	constructor(name = DB_NAME) {
		super(name);
		this.version(1).stores({
			projects: 'id, lastActivity',
			settings: 'key',
			blobs: 'sha256'
		});
	}
}
