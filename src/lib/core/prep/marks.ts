/**
 * What a member decided about a data-preparation finding for one item: keep it (the finding is
 * dismissed), mark it (a flag others see, e.g. "check this"), or drop it (the item was deleted).
 * Stored in the project's Y.Doc, one key per item and finding kind, so peers share the decisions.
 */
import type { AnnotatorId, EpochMs, ItemId } from '../types';
import { PREP_FINDING_KINDS, type PrepFindingKind } from './report';

export type PrepAction = 'keep' | 'mark' | 'drop';
export const PREP_ACTIONS: readonly PrepAction[] = ['keep', 'mark', 'drop'];

export interface PrepMark {
	item: ItemId;
	kind: PrepFindingKind;
	action: PrepAction;
	by: AnnotatorId;
	at: EpochMs;
	/** A short note shown with a mark. */
	note?: string;
}

export const prepMarkKey = (m: Pick<PrepMark, 'item' | 'kind'>): string => `${m.kind}/${m.item}`;

const isStr = (v: unknown, max: number): v is string =>
	typeof v === 'string' && v.length > 0 && v.length <= max;

/** Whether a value (e.g. from a peer) is a well-formed PrepMark. */
export function isPrepMark(v: unknown): v is PrepMark {
	if (typeof v !== 'object' || v === null) return false;
	const m = v as Record<string, unknown>;
	return (
		isStr(m.item, 128) &&
		(PREP_FINDING_KINDS as readonly unknown[]).includes(m.kind) &&
		(PREP_ACTIONS as readonly unknown[]).includes(m.action) &&
		isStr(m.by, 128) &&
		typeof m.at === 'number' &&
		Number.isFinite(m.at) &&
		(m.note === undefined || (typeof m.note === 'string' && m.note.length <= 1000))
	);
}
