/**
 * Test-only helper (node and browser): a crowd dataset's `answers.csv` (item,worker,label; see
 * the README next to it) as the Label Studio JSON export a user would import: one task per item
 * with its text, one annotation per worker answer (`completed_by` the worker, a `choices` result
 * under `from_name`). Pure: the caller reads the file.
 */

export interface CrowdAnswer {
	item: string;
	worker: string;
	label: string;
}

/** Rows of an `answers.csv` (header `item,worker,label`). */
export function crowdAnswers(csv: string): CrowdAnswer[] {
	const lines = csv.trim().split(/\r?\n/);
	if (lines[0]?.trim() !== 'item,worker,label') throw new Error('not an answers.csv');
	return lines.slice(1).map((line) => {
		const [item, worker, label] = line.split(',') as [string, string, string];
		return { item, worker, label };
	});
}

/** The text a crowd item gets in the project: it names its dataset and item. */
export function crowdItemText(dataset: string, item: string): string {
	return `${dataset} item ${item}`;
}

/**
 * A Label Studio export of `answers`; `names` maps the dataset's label values to the project's
 * label names (every value must have one).
 */
export function crowdLabelStudio(opts: {
	dataset: string;
	answers: readonly CrowdAnswer[];
	names: Readonly<Record<string, string>>;
	fromName?: string;
}): string {
	const byItem = new Map<string, CrowdAnswer[]>();
	for (const a of opts.answers) {
		const list = byItem.get(a.item) ?? [];
		list.push(a);
		byItem.set(a.item, list);
	}
	let id = 0;
	const tasks = [...byItem].map(([item, answers]) => ({
		id: ++id,
		data: { text: crowdItemText(opts.dataset, item) },
		annotations: answers.map((a, i) => {
			const name = opts.names[a.label];
			if (name === undefined) throw new Error(`no label name for value ${a.label}`);
			return {
				id: id * 100 + i,
				completed_by: a.worker,
				result: [
					{
						from_name: opts.fromName ?? 'label',
						to_name: 'text',
						type: 'choices',
						value: { choices: [name] }
					}
				]
			};
		})
	}));
	return JSON.stringify(tasks);
}
