import { classCompare } from '../../aggregate/encode';
import type { EncodedAnswers } from '../../aggregate/types';
import type { TaskStatsData } from './data';

/**
 * Every answer as dense codes for the aggregation methods (no per-answer objects): items with
 * answers in first-appearance order, annotators in order of first answer, classes = the used
 * categories plus `extraClasses`, sorted like `answersEncode`.
 */
export function encoded(d: TaskStatsData, extraClasses: readonly string[] = []): EncodedAnswers {
	const classSet = new Set<string>(extraClasses);
	d.cats.forEach((c, k) => {
		if ((d.labelCounts[k] ?? 0) > 0) classSet.add(c);
	});
	const classes = [...classSet].sort(classCompare);
	const classOf = new Int32Array(d.cats.length).fill(-1);
	classes.forEach((c, k) => {
		const code = d.catIndex.get(c);
		if (code !== undefined) classOf[code] = k;
	});
	const n = d.answers;
	const item = new Int32Array(n);
	const worker = new Int32Array(n);
	const label = new Int32Array(n);
	const items: string[] = [];
	const workers: string[] = [];
	const workerOf = new Int32Array(d.annNames.length).fill(-1);
	let a = 0;
	for (let i = 0; i < d.itemNames.length; i++) {
		if (d.size[i] === 0) continue;
		const row = items.length;
		items.push(d.itemNames[i] as string);
		for (let s = d.head[i] as number; s !== -1; s = d.next[s] as number) {
			const w = d.slotWorker[s] as number;
			if (workerOf[w] === -1) {
				workerOf[w] = workers.length;
				workers.push(d.annNames[w] as string);
			}
			item[a] = row;
			worker[a] = workerOf[w] as number;
			label[a] = classOf[d.slotCat[s] as number] as number;
			a++;
		}
	}
	return { items, workers, classes, item, worker, label };
}
