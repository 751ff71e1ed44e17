/**
 * What the doc guard (sync/guard.ts) set aside and put back, kept per project on this device
 * across page loads: the guard's report counts one page load, so each change adds its growth to
 * totals in localStorage, with the time of the first count since the user last cleared them.
 */

/** The guard's cumulative counts for this page load (a GuardReport). */
export interface GuardCounts {
	restored: number;
	invalid: number;
}

export interface GuardTotals extends GuardCounts {
	/** When the first of these was counted (ms); undefined while nothing is. */
	since?: number;
}

/** The part of the Web Storage API this uses (localStorage, or a fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const guardHistoryKey = (project: string) => `quorum:guard-report:${project}`;

const count = (x: unknown) =>
	typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : undefined;

/** Totals from their stored JSON; anything malformed reads as nothing counted. */
export function guardTotalsParse(raw: string | null): GuardTotals {
	if (!raw) return { restored: 0, invalid: 0 };
	try {
		const v = JSON.parse(raw) as Record<string, unknown>;
		const restored = count(v.restored);
		const invalid = count(v.invalid);
		if (restored === undefined || invalid === undefined) return { restored: 0, invalid: 0 };
		const since = count(v.since);
		return {
			restored,
			invalid,
			...(since !== undefined && restored + invalid > 0 ? { since } : {})
		};
	} catch {
		return { restored: 0, invalid: 0 };
	}
}

export class GuardHistory {
	readonly key: string;
	#storage: KeyValueStorage | undefined;
	#now: () => number;
	/** The guard's counts last added. */
	#seen: GuardCounts = { restored: 0, invalid: 0 };
	/** The totals when storage fails (full or blocked): counted for this page load only. */
	#memory: GuardTotals | undefined;

	constructor(storage: KeyValueStorage | undefined, project: string, now: () => number = Date.now) {
		this.#storage = storage;
		this.key = guardHistoryKey(project);
		this.#now = now;
	}

	/** The totals kept on this device (also what other tabs of the project added). */
	read(): GuardTotals {
		if (this.#memory) return { ...this.#memory };
		try {
			return guardTotalsParse(this.#storage?.getItem(this.key) ?? null);
		} catch {
			return { restored: 0, invalid: 0 };
		}
	}

	/** Adds what the guard counted since the last call (its counts only grow); returns the totals. */
	track(report: GuardCounts): GuardTotals {
		const restored = Math.max(0, report.restored - this.#seen.restored);
		const invalid = Math.max(0, report.invalid - this.#seen.invalid);
		this.#seen = { restored: report.restored, invalid: report.invalid };
		const t = this.read();
		if (restored + invalid === 0) return t;
		const next: GuardTotals = {
			restored: t.restored + restored,
			invalid: t.invalid + invalid,
			since: t.since ?? this.#now()
		};
		this.#write(next);
		return next;
	}

	/** Forgets the totals: later counts start a new report. */
	clear(): GuardTotals {
		this.#memory = undefined;
		try {
			this.#storage?.removeItem(this.key);
		} catch {
			this.#memory = { restored: 0, invalid: 0 };
		}
		return { restored: 0, invalid: 0 };
	}

	#write(t: GuardTotals): void {
		try {
			if (!this.#storage) throw new Error('no storage');
			this.#storage.setItem(this.key, JSON.stringify(t));
			this.#memory = undefined;
		} catch {
			this.#memory = t;
		}
	}
}
