/**
 * A labeling streak: how many days in a row, up to today, a person saved at least one label.
 * Days are local calendar days, given by the caller as `dayOf(ms)` (core reads no clock or zone).
 * A streak still counts when today has no label yet (it is not broken until today ends).
 */
export function dayStreak(
	savedAts: Iterable<number>,
	now: number,
	dayOf: (ms: number) => number
): number {
	const days = new Set<number>();
	for (const t of savedAts) days.add(dayOf(t));
	const today = dayOf(now);
	let d = days.has(today) ? today : today - 1;
	let n = 0;
	while (days.has(d)) {
		n++;
		d--;
	}
	return n;
}

/** Local day number of `ms` for a zone `offsetMin` minutes ahead of UTC. */
export const localDay = (ms: number, offsetMin: number): number =>
	Math.floor((ms + offsetMin * 60_000) / 86_400_000);
