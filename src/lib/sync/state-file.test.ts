import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bundleApply, bundleExport, bundleRead } from './bundle';
import { stateFileMake, stateFileRead } from './state-file';

describe('state files', () => {
	it('round-trips a state vector, and a bundle made from it holds only what the peer lacks', async () => {
		const a = new Y.Doc();
		a.getMap('meta').set('id', 'p1');
		for (let i = 0; i < 200; i++) a.getMap('annotations').set(`k${i}`, { v: 'x'.repeat(50) });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		b.getMap('annotations').set('bo', { v: 1 });
		a.getMap('annotations').set('ada-new', { v: 2 });

		const file = stateFileMake('p1', 'Bo', Y.encodeStateVector(b));
		const { sv, by } = stateFileRead(file, 'p1');
		expect(by).toBe('Bo');
		const project = { id: 'p1', name: 'P' };
		const full = await bundleExport({ doc: a, project, by: 'Ada', now: 0 });
		const delta = await bundleExport({ doc: a, project, by: 'Ada', now: 0, since: sv });
		expect(delta.length).toBeLessThan(full.length / 4);
		expect(bundleApply(b, await bundleRead(delta), 'p1')).toBe(true);
		expect(b.getMap('annotations').get('ada-new')).toEqual({ v: 2 });
		expect(b.getMap('annotations').size).toBe(202);
	});

	it('says clearly what is wrong with a bad state file', () => {
		const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
		const good = stateFileMake('p1', 'Bo', Y.encodeStateVector(new Y.Doc()));
		expect(() => stateFileRead(good, 'p2')).toThrow(/another project/);
		expect(() => stateFileRead(new Uint8Array([0xff, 0xfe]), 'p1')).toThrow(/not a Quorum state/);
		expect(() => stateFileRead(enc({ a: 1 }), 'p1')).toThrow(/not a Quorum state/);
		expect(() =>
			stateFileRead(
				enc({ format: 'quorum-state', version: 9, project: 'p1', stateVector: '' }),
				'p1'
			)
		).toThrow(/version 9/);
		expect(() =>
			stateFileRead(
				enc({
					format: 'quorum-state',
					version: 1,
					project: 'p1',
					stateVector: btoa('\xff\xff\xff')
				}),
				'p1'
			)
		).toThrow(/damaged/);
	});
});
