/**
 * An item's contribution to every item-level sum, added or taken out as a whole when its answers
 * change: the coincidence matrix (Krippendorff's α), Fleiss' κ, per-label specific agreement,
 * the annotator pair tables (Cohen's κ), and the item's majority-vote consensus with each
 * annotator's agreement with it. Formulas in task-stats.ts.
 */
import { classCompare } from '../../aggregate/encode';
import { rngFrom, seedFor } from '../../rng';
import { grown } from '../grown';
import { PAIR_SHIFT, STATUS, type TaskStatsData } from './data';
import type { ConsensusStatus } from './types';

/** Adds (sign 1) or subtracts (sign −1) an item's contribution to every item-level sum. */
function itemSums(d: TaskStatsData, i: number, sign: 1 | -1): void {
	const m = d.size[i] as number;
	if (d.w.length < m) {
		d.w = grown(d.w, m);
		d.c = grown(d.c, m);
	}
	const ws = d.w;
	const cs = d.c;
	const catCount = d.catCount;
	const distinct = d.distinct.length < m ? (d.distinct = grown(d.distinct, m)) : d.distinct;
	let nd = 0;
	let j = 0;
	for (let s = d.head[i] as number; s !== -1; s = d.next[s] as number, j++) {
		const c = d.slotCat[s] as number;
		ws[j] = d.slotWorker[s] as number;
		cs[j] = c;
		if (catCount[c] === 0) distinct[nd++] = c;
		catCount[c]!++;
	}
	if (m >= 2) {
		d.pairableValues += sign * m;
		let sq = 0;
		for (let x = 0; x < nd; x++) {
			const c = distinct[x] as number;
			const nc = catCount[c] as number;
			for (let y = 0; y < nd; y++) {
				const k = distinct[y] as number;
				const nk = catCount[k] as number;
				const pairs = c === k ? nc * (nc - 1) : nc * nk;
				if (pairs === 0) continue;
				const key = c * 4096 + k;
				const v = (d.coincidence.get(key) ?? 0) + (sign * pairs) / (m - 1);
				if (Math.abs(v) < 1e-9) d.coincidence.delete(key);
				else d.coincidence.set(key, v);
			}
			sq += nc * nc;
			d.fleissTotals[c]! += sign * nc;
			d.specificAgree[c]! += sign * nc * (nc - 1);
			d.specificPairs[c]! += sign * nc * (m - 1);
		}
		d.fleissSumP += (sign * (sq - m)) / (m * (m - 1));
		d.fleissItems += sign;
		for (let x = 0; x < m; x++)
			for (let y = x + 1; y < m; y++) {
				const lo = (ws[x] as number) < (ws[y] as number) ? x : y;
				const hi = lo === x ? y : x;
				const a = ws[lo] as number;
				const b = ws[hi] as number;
				const key = a * PAIR_SHIFT + b;
				let p = d.pairs.get(key);
				if (!p) {
					p = { a, b, table: new Map<number, number>(), items: 0 };
					d.pairs.set(key, p);
				}
				const cell = (cs[lo] as number) * 4096 + (cs[hi] as number);
				const v = (p.table.get(cell) ?? 0) + sign;
				if (v === 0) p.table.delete(cell);
				else p.table.set(cell, v);
				p.items += sign;
				if (p.items === 0) d.pairs.delete(key);
			}
	}
	// Consensus and each annotator's agreement with it.
	if (sign === -1) {
		const old = d.conStatus[i] as number;
		if (old) {
			d.status[STATUS[old] as ConsensusStatus]--;
			d.conStatus[i] = 0;
			if (m >= 2) {
				const tie = d.conTie[i] === 1;
				const label = d.conCat[i] as number;
				for (let x = 0; x < m; x++) {
					const w = ws[x] as number;
					d.annComparable[w]!--;
					if (!tie && cs[x] === label) d.annAgree[w]!--;
				}
			}
		}
	} else {
		let best = -1;
		let bestCount = 0;
		let tie = false;
		for (let x = 0; x < nd; x++) {
			const c = distinct[x] as number;
			const n = catCount[c] as number;
			if (n > bestCount || (n === bestCount && c < best)) {
				tie = n === bestCount;
				best = c;
				bestCount = n;
			} else if (n === bestCount) tie = true;
		}
		if (tie && d.ties === 'seed') best = tieBroken(d, i, nd, bestCount);
		const agreement = m ? bestCount / m : 0;
		const blocked = tie && d.ties !== 'seed';
		const status: ConsensusStatus =
			m < d.overlap
				? 'pending'
				: !blocked && agreement >= d.threshold - 1e-12
					? 'accepted'
					: 'review';
		d.conCat[i] = best;
		d.conCount[i] = bestCount;
		d.conTie[i] = tie ? 1 : 0;
		d.conStatus[i] = STATUS.indexOf(status);
		d.status[status]++;
		if (m >= 2)
			for (let x = 0; x < m; x++) {
				const w = ws[x] as number;
				d.annComparable[w]!++;
				if (!tie && cs[x] === best) d.annAgree[w]!++;
			}
	}
	for (let x = 0; x < nd; x++) catCount[distinct[x] as number] = 0;
}

/**
 * The label the `seed` tie rule gives item `i`: the tied labels in class order, one picked by a
 * generator seeded from the seed and the item id, exactly as `posteriorsDecide` (and so the CLI's
 * `quorum aggregate --method mv --ties seed`) picks it. Reads `distinct` and `catCount` as filled.
 */
function tieBroken(d: TaskStatsData, i: number, nd: number, bestCount: number): number {
	const tied: number[] = [];
	for (let x = 0; x < nd; x++) {
		const c = d.distinct[x] as number;
		if (d.catCount[c] === bestCount) tied.push(c);
	}
	tied.sort((a, b) => classCompare(d.cats[a] as string, d.cats[b] as string));
	const rng = rngFrom(seedFor(d.seed, d.itemNames[i] as string));
	return tied[Math.floor(rng() * tied.length)] as number;
}

/** Takes item `i`'s contribution out of the sums (before its answers change). */
export function itemOut(d: TaskStatsData, i: number): void {
	if (d.size[i]) itemSums(d, i, -1);
}

/** Adds item `i`'s contribution to the sums (after its answers changed). */
export function itemIn(d: TaskStatsData, i: number): void {
	if (d.size[i]) itemSums(d, i, 1);
}
