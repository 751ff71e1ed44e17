/**
 * Bench page for `npm run bench -- ml`: the app's real text worker (wasm), driven from Playwright.
 * The main thread's long tasks are measured on the app's own Model page instead (bench/groups/ml.ts).
 */
import { textWorkerStart } from '../../src/lib/ml/text/client';
import { labelErrorsFind } from '../../src/lib/ml/text/label-errors';

const { client } = textWorkerStart();

const api = { client, labelErrorsFind };
(window as unknown as { mlBench: typeof api }).mlBench = api;
document.body.dataset.ready = '1';
