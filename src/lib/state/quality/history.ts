/** The project's log as the history list shows it: newest first, filtered by member and kind. */
import type { LogEvent } from '$lib/core/types';

export interface HistoryFilter {
	who?: string;
	what?: LogEvent['what'];
}

export function historyOf(log: readonly LogEvent[], filter: HistoryFilter = {}): LogEvent[] {
	const out: LogEvent[] = [];
	for (let i = log.length - 1; i >= 0; i--) {
		const e = log[i] as LogEvent;
		if (filter.who && e.who !== filter.who) continue;
		if (filter.what && e.what !== filter.what) continue;
		out.push(e);
	}
	return out;
}
