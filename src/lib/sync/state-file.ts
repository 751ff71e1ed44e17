/**
 * A peer's state file (`.quorum-state`): what one device already holds of a project (its Yjs
 * state vector), so another device can make a sync bundle of only what that device lacks
 * (docs/ARCHITECTURE.md#sync-bundles). A few hundred bytes of JSON; it holds no project content.
 */
import * as Y from 'yjs';

const FORMAT = 'quorum-state';

/** A file that is not a readable state file for this project; the message says why. */
export class StateFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StateFileError';
	}
}

export function stateFileMake(projectId: string, by: string, sv: Uint8Array): Uint8Array {
	let bin = '';
	for (const b of sv) bin += String.fromCharCode(b);
	return new TextEncoder().encode(
		JSON.stringify({ format: FORMAT, version: 1, project: projectId, by, stateVector: btoa(bin) })
	);
}

/** The state vector in a state file for `projectId`; throws StateFileError with a message for the user. */
export function stateFileRead(
	bytes: Uint8Array,
	projectId: string
): { sv: Uint8Array; by: string } {
	let v: {
		format?: unknown;
		version?: unknown;
		project?: unknown;
		by?: unknown;
		stateVector?: unknown;
	};
	try {
		v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as typeof v;
	} catch {
		throw new StateFileError('This is not a Quorum state file (.quorum-state).');
	}
	if (v?.format !== FORMAT || typeof v.stateVector !== 'string')
		throw new StateFileError('This is not a Quorum state file (.quorum-state).');
	if (v.version !== 1)
		throw new StateFileError(
			`This state file has version ${typeof v.version === 'number' ? v.version : 'unknown'}; this app reads version 1.`
		);
	if (v.project !== projectId)
		throw new StateFileError(
			'This state file is from another project; choose the one saved in this project.'
		);
	let sv: Uint8Array;
	try {
		sv = Uint8Array.from(atob(v.stateVector), (c) => c.charCodeAt(0));
		Y.decodeStateVector(sv);
	} catch {
		throw new StateFileError('This state file is damaged (its state vector cannot be read).');
	}
	return { sv, by: typeof v.by === 'string' ? v.by.slice(0, 200) : '' };
}
