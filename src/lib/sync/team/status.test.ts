import { describe, expect, it } from 'vitest';
import { teamStatusOf } from './status';

const mesh = (
	o: Partial<{ signaling: number; peers: number; tabs: number; foreignKey: number }>
) => ({
	signaling: 1,
	peers: 0,
	tabs: 0,
	foreignKey: 0,
	...o
});
const base = { relay: 'off' as const, hasProject: true, online: true };

describe('teamStatusOf', () => {
	it('is local without a room', () => {
		expect(teamStatusOf({ ...base, mesh: undefined }).state).toBe('local');
	});

	it('says a newcomer cannot join when only others’ keys are in the room', () => {
		const m = mesh({ foreignKey: 2 });
		expect(teamStatusOf({ ...base, hasProject: false, mesh: m }).state).toBe('cannot-join');
		// A member who holds the project is just waiting for peers.
		expect(teamStatusOf({ ...base, mesh: m }).state).toBe('connected');
	});

	it('prefers the relay, then offline, then connecting, then connected', () => {
		expect(teamStatusOf({ ...base, relay: 'connected', mesh: mesh({}) }).state).toBe('relay');
		expect(teamStatusOf({ ...base, online: false, mesh: mesh({}) }).state).toBe('offline');
		expect(teamStatusOf({ ...base, online: false, mesh: mesh({ tabs: 1 }) }).state).toBe(
			'connected'
		);
		expect(teamStatusOf({ ...base, mesh: mesh({ signaling: 0 }) }).state).toBe('connecting');
		expect(teamStatusOf({ ...base, mesh: mesh({ peers: 2, tabs: 1 }) })).toEqual({
			state: 'connected',
			peers: 2,
			tabs: 1,
			relay: 'off'
		});
	});
});
