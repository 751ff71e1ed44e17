#!/usr/bin/env node
// Entry of `npx quorum`: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
process.stdout.on('error', (e) => {
	// `quorum ... | head` closes the pipe early: stop quietly.
	if (e.code === 'EPIPE') process.exit(0);
	throw e;
});
const { cliRun } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = cliRun(process.argv.slice(2));
