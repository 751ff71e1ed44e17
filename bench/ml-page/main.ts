/**
 * Test page for `npm run bench -- ml`: the app's real text worker (wasm), driven from Playwright.
 * Also records the main thread's long tasks (PerformanceObserver 'longtask').
 */
import { textWorkerStart } from '../../src/lib/ml/text/client';
import { labelErrorsFind } from '../../src/lib/ml/text/label-errors';

const longTasks: number[] = [];
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });

const { client } = textWorkerStart();

const api = {
	client,
	labelErrorsFind,
	longTasksReset: () => void (longTasks.length = 0),
	longTasks: () => longTasks.slice()
};
(window as unknown as { mlBench: typeof api }).mlBench = api;
document.body.dataset.ready = '1';
