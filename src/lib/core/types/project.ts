// A project's settings, metadata, members and activity log.
import type { AnnotatorId, EpochMs, ItemId, ProjectId } from './ids';
import type { LabelSchema } from './schema';

export interface ProjectSettings {
	/** Annotators per item. */
	overlap: number;
	/** Agreement needed to accept an item without review, 0–1. */
	consensusThreshold: number;
	/** Share of gold items in each annotator's queue, 0–1. */
	goldRate: number;
	/** Move to the next item after a single-label choice. */
	autoAdvance: boolean;
	/** Per task: aggregation method and consensus threshold (default: majority vote, the project's). */
	consensus?: Record<string, TaskConsensus>;
	/** After a gold item, show the right answer and the guidelines. */
	goldFeedback?: boolean;
}

/**
 * How a task's answers become one label: majority vote, Wawa, zero-based skill, Dawid–Skene,
 * GLAD, MACE, or KOS (two labels only); the CLI's methods, one-coin DS aside.
 */
export type ConsensusMethod = 'mv' | 'wawa' | 'zbs' | 'ds' | 'glad' | 'mace' | 'kos';

export interface TaskConsensus {
	method: ConsensusMethod;
	threshold: number;
	/**
	 * Majority vote's rule for an item whose top labels tie: `review` (the default) sends it to a
	 * reviewer at any threshold; `seed` picks one of the tied labels with a generator seeded by
	 * `seed` and the item id (the CLI's `--ties seed`), and the item is then judged by the threshold.
	 */
	ties?: TieRule;
	/** Seed of the `seed` tie rule (default 0, as the CLI's `--seed`). */
	seed?: number;
}

export type TieRule = 'review' | 'seed';

export interface ProjectMeta {
	id: ProjectId;
	name: string;
	description: string;
	created: EpochMs;
	schema: LabelSchema;
	settings: ProjectSettings;
}

export type Role = 'owner' | 'annotator' | 'reviewer';

export interface Member {
	id: AnnotatorId;
	name: string;
	color: string;
	role: Role;
	/** Public signing key (base64 raw P-256), published by the member's device (core/signing.ts). */
	key?: string;
	/** Public ECDH key, for receiving a new room key when a member is removed. */
	dh?: string;
}

export interface LogEvent {
	at: EpochMs;
	who: AnnotatorId;
	what:
		| 'label'
		| 'unlabel'
		| 'import'
		| 'schema'
		| 'guidelines'
		| 'rename'
		| 'export'
		| 'review'
		| 'gold'
		| 'flag';
	item?: ItemId;
	detail?: string;
}

export const DEFAULT_SETTINGS: ProjectSettings = {
	overlap: 1,
	consensusThreshold: 0.8,
	goldRate: 0,
	autoAdvance: true
};
