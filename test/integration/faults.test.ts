/**
 * Every page exactly once, whatever the network does: the real simulator injects each fault mode in
 * turn while the real client and companion poll it; pages created before, during and after the fault
 * are each reported once, the feed goes stale with the right reason, and comes back live.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src-main/core/simulator/index.js';
import type { ErrorKind } from '../../src-main/core/events.js';
import {
  TOKEN,
  companionFor,
  counts,
  lastSync,
  startWorld,
  until,
  type Running,
  type World,
} from './harness.js';

interface Case {
  name: string;
  fault: FaultSpec;
  kind: ErrorKind;
  /** The fault ends by itself (count); otherwise the test clears it. */
  selfClearing: boolean;
}

const CASES: Case[] = [
  { name: 'error 500', fault: { mode: 'error', status: 500 }, kind: 'server', selfClearing: false },
  {
    name: 'error 503 x3',
    fault: { mode: 'error', status: 503, count: 3 },
    kind: 'server',
    selfClearing: true,
  },
  {
    name: 'rate limit',
    fault: { mode: 'ratelimit', resetSeconds: 1 },
    kind: 'rate_limited',
    selfClearing: false,
  },
  { name: 'hang', fault: { mode: 'hang' }, kind: 'timeout', selfClearing: false },
  { name: 'malformed', fault: { mode: 'malformed' }, kind: 'invalid_response', selfClearing: false },
  { name: 'reset', fault: { mode: 'reset' }, kind: 'unreachable', selfClearing: false },
];

describe('fault modes against the real simulator', () => {
  let world: World | null = null;
  let run: Running | null = null;

  afterEach(async () => {
    await run?.companion.stop();
    await world?.close();
    run = null;
    world = null;
  });

  it.each(CASES)('$name: goes stale with the reason, recovers, reports every page once', async (c) => {
    world = await startWorld();
    const { sim } = world;
    const r = (run = companionFor(world));
    await r.companion.start();
    await until(() => lastSync(r)?.state === 'live', 'live');

    const before = sim.createIncident({ title: 'before the fault' }).id;
    await until(() => r.triggeredIds().includes(before), 'the first page');

    sim.setFault(c.fault);
    const during = [sim.createIncident({ title: 'during 1', urgency: 'low' }).id];
    await until(() => lastSync(r)?.state === 'stale', 'stale');
    const stale = lastSync(r);
    expect(stale).toMatchObject({ state: 'stale', errorKind: c.kind });
    if (stale?.state === 'stale') {
      expect(stale.reason.length).toBeGreaterThan(10);
      expect(stale.reason).not.toContain(TOKEN);
      expect(Date.parse(stale.retryAt)).toBeGreaterThan(0);
    }
    during.push(sim.createIncident({ title: 'during 2' }).id);
    if (!c.selfClearing) sim.setFault({ mode: 'none' });

    await until(() => lastSync(r)?.state === 'live', 'live again');
    const after = sim.createIncident({ title: 'after the fault', assignee: 'me' }).id;
    const all = [before, ...during, after];
    await until(() => all.every((id) => r.triggeredIds().includes(id)), 'every page');
    // A few more polls: nothing is reported twice.
    const polls = sim.requests().length;
    await until(() => sim.requests().length >= polls + 6, 'more polls');

    const seen = counts(r.triggeredIds());
    expect([...seen.keys()].sort()).toEqual([...all].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(r.of('sync').some((e) => e.status.state === 'stale' && e.status.errorKind === c.kind)).toBe(true);
    expect(lastSync(r)?.state).toBe('live');
    expect(JSON.stringify(r.events)).not.toContain(TOKEN);
    expect(r.logs.join('\n')).not.toContain(TOKEN);
    // The injected fault really reached the client.
    expect(sim.requests().some((q) => q.fault === c.fault.mode)).toBe(true);
  });
});
