/** The Model page's media jobs: one per task, with its phase, progress, outcome and count. */

export interface MediaJobState {
	running: boolean;
	/** What is happening now, e.g. `Embedding images`. */
	phase: string;
	done: number;
	total: number;
	detail: string;
	/** The last run's outcome, e.g. `Suggested spans for 12 of 20 items`. */
	message: string;
	error: string;
	/** Suggestions stored for this task on this device. */
	count: number;
}

const IDLE: MediaJobState = {
	running: false,
	phase: '',
	done: 0,
	total: 0,
	detail: '',
	message: '',
	error: '',
	count: 0
};

export class MediaJobs {
	#jobs = $state.raw<Readonly<Record<string, MediaJobState>>>({});

	/** The task's job (idle when it never ran). */
	of(task: string): MediaJobState {
		return this.#jobs[task] ?? IDLE;
	}

	set(task: string, patch: Partial<MediaJobState>): void {
		this.#jobs = { ...this.#jobs, [task]: { ...this.of(task), ...patch } };
	}

	/** Tasks with a job. */
	tasks(): string[] {
		return Object.keys(this.#jobs);
	}
}
