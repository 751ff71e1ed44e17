// One answer in or out: its slot in the item's list, and the sums it counts in by itself
// (answers per label, annotator, UTC day and time bin).
import { grown } from '../grown';
import { DAY, type TaskStatsData } from './data';
import { MS_BINS, type LiveAnswer } from './types';

/**
 * Sets the answer's slot on item `i` (annotator `w`, category `c`), replacing the annotator's
 * previous answer there.
 */
export function slotPut(d: TaskStatsData, i: number, a: LiveAnswer, w: number, c: number): void {
	let last = -1;
	for (let s = d.head[i] as number; s !== -1; s = d.next[s] as number) {
		if (d.slotWorker[s] === w) {
			answerOut(d, d.slotAnswer[s] as LiveAnswer, w, d.slotCat[s] as number);
			d.slotCat[s] = c;
			d.slotAnswer[s] = a;
			answerIn(d, a, w, c);
			return;
		}
		last = s;
	}
	let s = d.free;
	if (s !== -1) d.free = d.next[s] as number;
	else {
		s = d.slotAnswer.length;
		d.slotAnswer.push(undefined);
		if (d.next.length <= s) {
			d.next = grown(d.next, s + 1);
			d.slotWorker = grown(d.slotWorker, s + 1);
			d.slotCat = grown(d.slotCat, s + 1);
		}
	}
	d.next[s] = -1;
	d.slotWorker[s] = w;
	d.slotCat[s] = c;
	d.slotAnswer[s] = a;
	if (last === -1) d.head[i] = s;
	else d.next[last] = s;
	if (d.size[i] === 0) d.itemsLive++;
	d.size[i]!++;
	answerIn(d, a, w, c);
}

/** The slot of annotator `w`'s answer on item `i` and the slot before it (−1: none). */
export function slotFind(d: TaskStatsData, i: number, w: number): { prev: number; s: number } {
	let prev = -1;
	let s = d.head[i] as number;
	while (s !== -1 && d.slotWorker[s] !== w) {
		prev = s;
		s = d.next[s] as number;
	}
	return { prev, s };
}

/** Frees slot `s` of item `i` (`prev` is the slot before it, or −1). */
export function slotRemove(d: TaskStatsData, i: number, prev: number, s: number): void {
	answerOut(d, d.slotAnswer[s] as LiveAnswer, d.slotWorker[s] as number, d.slotCat[s] as number);
	if (prev === -1) d.head[i] = d.next[s] as number;
	else d.next[prev] = d.next[s] as number;
	d.slotAnswer[s] = undefined;
	d.next[s] = d.free;
	d.free = s;
	d.size[i]!--;
	if (d.size[i] === 0) d.itemsLive--;
}

function answerIn(d: TaskStatsData, a: LiveAnswer, w: number, c: number): void {
	d.answers++;
	d.labelCounts[c]!++;
	d.annAnswers[w]!++;
	d.annMs[w]! += a.ms;
	if (a.savedAt < (d.annFirst[w] as number)) d.annFirst[w] = a.savedAt;
	if (a.savedAt > (d.annLast[w] as number)) d.annLast[w] = a.savedAt;
	const day = Math.floor(a.savedAt / DAY);
	let perDay = d.perDay.get(day);
	if (!perDay) {
		perDay = [];
		d.perDay.set(day, perDay);
	}
	while (perDay.length <= w) perDay.push(0);
	perDay[w]!++;
	d.msBins[binOf(a.ms)]!++;
}

function answerOut(d: TaskStatsData, a: LiveAnswer, w: number, c: number): void {
	d.answers--;
	d.labelCounts[c]!--;
	d.annAnswers[w]!--;
	d.annMs[w]! -= a.ms;
	if (d.annAnswers[w] === 0) {
		// Gone from the figures: start afresh when the annotator answers again.
		d.annAgree[w] = 0;
		d.annComparable[w] = 0;
		d.annMs[w] = 0;
		d.annFirst[w] = Infinity;
		d.annLast[w] = -Infinity;
	}
	const perDay = d.perDay.get(Math.floor(a.savedAt / DAY));
	if (perDay && w < perDay.length) perDay[w]!--;
	d.msBins[binOf(a.ms)]!--;
}

function binOf(ms: number): number {
	for (let i = 0; i < MS_BINS.length; i++) if (ms <= (MS_BINS[i] as number)) return i;
	return MS_BINS.length;
}
