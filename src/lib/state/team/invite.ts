/**
 * Invite links and sync files for the pages that join a project: parsing and making invite links,
 * storing an accepted invite's room, and opening a sync file of a project this device lacks.
 */
import type { Member, ProjectId } from '$lib/core/types';
import { bundleRead } from '$lib/sync/bundle';
import { bundleApplyTo } from '$lib/sync/team/bundles';
import type { ProjectSession } from '../project-session.svelte';

export { inviteAccept, inviteParse, inviteUrl, type RoomCreds } from '$lib/sync/team/room';

/**
 * Opens a sync file on a device that does not have its project yet: checks the bundle first (so a
 * wrong passphrase or a damaged file changes nothing), then stores it as that project and adds the
 * project to this device's list. Returns the project id.
 */
export async function bundleOpenAsProject(
	open: (id: ProjectId) => ProjectSession,
	bytes: Uint8Array,
	passphrase = '',
	/** Who opens it: added as an annotator, so teammates see a name beside their labels. */
	me?: Pick<Member, 'id' | 'name' | 'color'>
): Promise<ProjectId> {
	const content = await bundleRead(bytes, passphrase);
	const id = content.manifest.project.id as ProjectId;
	if (!/^[0-9a-f]{8,64}$/.test(id)) throw new Error('This sync file names an invalid project.');
	const s = open(id);
	try {
		await s.open();
		bundleApplyTo(s.store, content, id);
		if (me && !s.store.member(me.id)) s.store.memberUpsert({ ...me, role: 'annotator' });
		await s.flush();
		await s.summaryEnsure();
	} finally {
		await s.destroy();
	}
	return id;
}
