/**
 * The doc guard's report as the Team page shows it: totals kept across page loads
 * (guard-history.ts), read at most 4 times a second (a flood reports thousands of times a
 * second), and re-read when another tab of the project counts or clears.
 */
import type { DocGuard } from '../guard';
import { GuardHistory, type GuardTotals, type KeyValueStorage } from './guard-history';

export class GuardTotalsKeeper {
	readonly #history: GuardHistory;
	#totals: GuardTotals;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#offs: (() => void)[] = [];
	#onChange: () => void;

	constructor(d: {
		guard: DocGuard;
		project: string;
		storage: KeyValueStorage | undefined;
		now: () => number;
		onChange: () => void;
	}) {
		this.#history = new GuardHistory(d.storage, d.project, d.now);
		this.#onChange = d.onChange;
		this.#totals = this.#history.read();
		const read = () => {
			this.#timer = undefined;
			this.#show(this.#history.track(d.guard.report));
		};
		const off = d.guard.onReport(() => (this.#timer ??= setTimeout(read, 250)));
		this.#offs.push(() => {
			off();
			if (this.#timer === undefined) return;
			clearTimeout(this.#timer);
			read();
		});
		// Another tab of the project counted or cleared.
		const onStorage = (e: StorageEvent) => {
			if (e.key === this.#history.key) this.#show(this.#history.read());
		};
		if (typeof window !== 'undefined') {
			window.addEventListener('storage', onStorage);
			this.#offs.push(() => window.removeEventListener('storage', onStorage));
		}
	}

	/** Labels put back and invalid values set aside since `since` (ms; undefined while none). */
	get totals(): Readonly<GuardTotals> {
		return this.#totals;
	}

	/** Forgets the totals on this device; later counts start a new report. */
	clear(): void {
		this.#show(this.#history.clear());
	}

	#show(t: GuardTotals): void {
		this.#totals = t;
		this.#onChange();
	}

	/** Stops counting; what the guard reported last is added first. */
	destroy(): void {
		for (const off of this.#offs) off();
		this.#offs = [];
	}
}
