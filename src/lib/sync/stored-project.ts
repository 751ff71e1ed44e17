/**
 * A project's stored doc, opened for one short job and closed again, by code that does not hold
 * the project open: creating or renaming it from the projects page, and reading what it shares
 * with others for the privacy page.
 */
import * as Y from 'yjs';
import type { Member, ProjectId } from '$lib/core/types';
import { itemFromLine, itemLines, projectDocFrom } from './doc';
import { docPersist, storePersist } from './persistence';
import { ProjectStore } from './project-store';

/** Opens the stored project, lets `edit` change it through its store, and resolves once stored. */
export async function storedProjectEdit(
	id: ProjectId,
	edit: (store: ProjectStore) => void
): Promise<void> {
	const store = new ProjectStore();
	const persistence = storePersist(id, store);
	try {
		await persistence.whenSynced;
		edit(store);
		await persistence.flush();
	} finally {
		await persistence.destroy();
		store.destroy();
	}
}

/** What a stored project names beyond this device. */
export interface StoredProjectReach {
	/** Member records with a name (other checks are the reader's). */
	members: Member[];
	/** The URL of every URL media reference, one per reference (items and their fields). */
	mediaUrls: string[];
}

/**
 * Reads a stored project's members and URL media without building its indexes (the privacy page
 * reads every project on the device; items without a URL are skipped before they are decoded).
 */
export async function storedProjectReach(id: string): Promise<StoredProjectReach> {
	const doc = new Y.Doc();
	const persistence = docPersist(id, doc);
	try {
		await persistence.whenSynced;
		const p = projectDocFrom(doc);
		const members = [...p.members.values()].filter((m): m is Member => typeof m?.name === 'string');
		const mediaUrls: string[] = [];
		for (const { line } of itemLines(p)) {
			if (!line.includes('"url"')) continue;
			const it = itemFromLine(line);
			const refs = [
				it?.media,
				...Object.values(it?.fields ?? {}).map((f) => ('media' in f ? f.media : undefined))
			];
			for (const r of refs) if (r && 'url' in r) mediaUrls.push(r.url);
		}
		return { members, mediaUrls };
	} finally {
		await persistence.destroy();
		doc.destroy();
	}
}
