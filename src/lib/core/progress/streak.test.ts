import { describe, expect, it } from 'vitest';
import { dayStreak, localDay } from './streak';

const DAY = 86_400_000;
const noon = (d: number) => d * DAY + DAY / 2;
const utc = (ms: number) => localDay(ms, 0);

describe('dayStreak', () => {
	it('counts days in a row up to today, and yesterday’s streak until today ends', () => {
		const today = 20_000;
		expect(
			dayStreak([noon(today), noon(today - 1), noon(today - 1), noon(today - 2)], noon(today), utc)
		).toBe(3);
		expect(dayStreak([noon(today - 1), noon(today - 2), noon(today - 4)], noon(today), utc)).toBe(
			2
		);
		expect(dayStreak([noon(today - 2)], noon(today), utc)).toBe(0);
		expect(dayStreak([], noon(today), utc)).toBe(0);
	});

	it('takes the day in the person’s zone', () => {
		// 23:30 UTC is the next day in UTC+2.
		const t = 20_000 * DAY + 23.5 * 3_600_000;
		expect(localDay(t, 120)).toBe(20_001);
		expect(dayStreak([t], 20_001 * DAY + 3_600_000, (ms) => localDay(ms, 120))).toBe(1);
		expect(dayStreak([t], 20_001 * DAY + 3_600_000, utc)).toBe(1);
	});
});
