/**
 * Sync files of a project held in a ProjectStore (docs/ARCHITECTURE.md#sync-protocol): `.quorum`
 * bundles of the whole project or of what another device lacks, and this device's state vector
 * that tells another device what that is.
 */
import * as Y from 'yjs';
import { bundleApply, bundleExport, type BundleContent } from '../bundle';
import { projectDocOf, type ProjectStore } from '../project-store';

/** A `.quorum` bundle of the whole project, or of what a device with `since` lacks. */
export function bundleMakeOf(
	store: ProjectStore,
	opts: {
		project: { id: string; name: string };
		by: string;
		now: number;
		since?: Uint8Array;
		passphrase?: string;
	}
): Promise<Uint8Array> {
	return bundleExport({ doc: projectDocOf(store).doc, ...opts });
}

/** This device's state vector, for another device to send only what is missing here. */
export function stateVectorOf(store: ProjectStore): Uint8Array {
	return Y.encodeStateVector(projectDocOf(store).doc);
}

/**
 * Merges a read bundle into the project in one transaction; returns whether anything changed.
 * Throws a message for the user when the bundle is of another project.
 */
export function bundleApplyTo(
	store: ProjectStore,
	content: BundleContent,
	projectId: string
): boolean {
	return bundleApply(projectDocOf(store).doc, content, projectId);
}
