import { describe, expect, it } from 'vitest';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type SimIncidentRecord,
} from '../../../src-main/core/simulator/index.js';
import { existsSync } from 'node:fs';
import { FakeTime, call } from './fake-time.js';
import { OPENAPI_PATH, validateResponse } from '../../support/openapi.js';

const [, priya, sam] = SIM_TEAMMATES.map((t) => t.id);
const HOUR = 3_600_000;

async function openDemo(seed: number, speed = 1) {
  const time = new FakeTime();
  const start = time.now();
  const sim = await startSimulator({ scenario: 'demo', seed, speed, clock: time, timers: time });
  return { time, start, sim };
}

const backlogOf = (incidents: SimIncidentRecord[], start: number) =>
  incidents.filter((i) => Date.parse(i.createdAt) < start);

describe('demo backlog: the shift is already in progress', () => {
  it.each([1, 2, 7, 31])('seed %i: a realistic backlog with consistent history', async (seed) => {
    const { start, sim } = await openDemo(seed);
    try {
      const all = sim.record().incidents;
      const backlog = backlogOf(all, start);
      expect(backlog).toHaveLength(all.length); // nothing new at the very start
      expect(backlog.length).toBeGreaterThanOrEqual(5);
      const ages = backlog.map((i) => start - Date.parse(i.createdAt));
      expect(Math.max(...ages)).toBeGreaterThan(2 * HOUR);
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(5 * 60_000);
      // Oldest first, so numbers grow with creation time.
      expect([...ages].sort((a, b) => b - a)).toEqual(ages);
      expect(new Set(backlog.map((i) => i.service)).size).toBeGreaterThanOrEqual(4);

      const mineAckedByMe = backlog.filter(
        (i) =>
          i.status === 'acknowledged' && i.ackedBy === SIM_ME.id && i.assignedTo[0]!.userId === SIM_ME.id,
      );
      expect(mineAckedByMe.length).toBeGreaterThanOrEqual(2);
      expect(mineAckedByMe.length).toBeLessThanOrEqual(4);
      const steppedIn = backlog.filter((i) => i.status === 'acknowledged' && i.ackedBy === priya);
      expect(steppedIn).toHaveLength(1);
      expect(steppedIn[0]!.assignedTo.map((a) => a.userId)).toEqual([SIM_ME.id, priya]);
      const teammates = backlog.filter((i) => i.status === 'triggered');
      expect(teammates).toHaveLength(1);
      expect(teammates[0]!.assignedTo.map((a) => a.userId)).toEqual([sam]);
      const resolved = backlog.filter((i) => i.status === 'resolved');
      expect(resolved).toHaveLength(1);
      expect(resolved[0]!.history.map((h) => h.type)).toEqual([
        'trigger',
        'assign',
        'acknowledge',
        'resolve',
      ]);

      // Every log entry is in the past and in order; acks and resolves follow the trigger.
      for (const i of backlog) {
        const times = i.history.map((h) => Date.parse(h.at));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        expect(times.every((t) => t < start)).toBe(true);
        expect(times[0]).toBe(Date.parse(i.createdAt));
        if (i.ackedAt) expect(Date.parse(i.ackedAt)).toBeGreaterThan(Date.parse(i.createdAt));
        if (i.resolvedAt) expect(Date.parse(i.resolvedAt)).toBeGreaterThan(Date.parse(i.ackedAt!));
      }
    } finally {
      await sim.close();
    }
  });

  it('is deterministic for a seed, and divides its ages by the speed', async () => {
    const a = await openDemo(5);
    const b = await openDemo(5);
    const c = await openDemo(5, 60);
    const shape = (incs: SimIncidentRecord[], start: number, speed: number) =>
      incs.map((i) => [
        i.title,
        i.service,
        i.urgency,
        i.status,
        Math.round((start - Date.parse(i.createdAt)) * speed),
      ]);
    const ra = a.sim.record().incidents;
    expect(shape(ra, a.start, 1)).toEqual(shape(b.sim.record().incidents, b.start, 1));
    const rc = c.sim.record().incidents;
    expect(rc.map((i) => i.title)).toEqual(ra.map((i) => i.title));
    for (let k = 0; k < ra.length; k += 1) {
      const slow = a.start - Date.parse(ra[k]!.createdAt);
      const fast = c.start - Date.parse(rc[k]!.createdAt);
      expect(Math.abs(fast * 60 - slow)).toBeLessThanOrEqual(60);
    }
    await Promise.all([a.sim.close(), b.sim.close(), c.sim.close()]);
  });

  it('my shift began hours ago and hands off at the same time as before', async () => {
    const { start, sim } = await openDemo(3);
    try {
      expect(sim.handoffAt - start).toBe(45 * 60_000);
      const r = await call(`${sim.url}/oncalls?user_ids[]=${SIM_ME.id}&escalation_policy_ids[]=PEP0001`);
      const mine = (r.body.oncalls as Array<{ start: string; end: string; escalation_level: number }>).filter(
        (o) => o.escalation_level === 1,
      );
      expect(Date.parse(mine[0]!.start)).toBe(start - (7 * HOUR + 15 * 60_000));
      expect(Date.parse(mine[0]!.end)).toBe(sim.handoffAt);
    } finally {
      await sim.close();
    }
  });

  it("the teammate's triggered page is picked up a few minutes in, and resolved later", async () => {
    const { time, start, sim } = await openDemo(4);
    try {
      const samsId = backlogOf(sim.record().incidents, start).find((i) => i.status === 'triggered')!.id;
      time.advance(2 * 60_000);
      expect(sim.record().incidents.find((i) => i.id === samsId)!.status).toBe('triggered');
      time.advance(5 * 60_000);
      const acked = sim.record().incidents.find((i) => i.id === samsId)!;
      expect(acked).toMatchObject({ status: 'acknowledged', ackedBy: sam });
      time.advance(25 * 60_000);
      expect(sim.record().incidents.find((i) => i.id === samsId)).toMatchObject({
        status: 'resolved',
        resolvedBy: sam,
      });
    } finally {
      await sim.close();
    }
  });

  it('storm, quiet and none have no backlog and keep their shift start', async () => {
    for (const scenario of ['storm', 'quiet', 'none'] as const) {
      const time = new FakeTime();
      const sim = await startSimulator({ scenario, seed: 1, clock: time, timers: time });
      expect(sim.record().incidents).toHaveLength(0);
      const r = await call(`${sim.url}/oncalls?user_ids[]=${SIM_ME.id}&escalation_policy_ids[]=PEP0001`);
      expect(Date.parse(r.body.oncalls[0].start)).toBe(time.now() - 2 * HOUR);
      await sim.close();
    }
  });

  // The contract suite says why the spec may be missing outside CI (it sits beside the clone).
  it.skipIf(!existsSync(OPENAPI_PATH))(
    'its listings and log entries validate against the PagerDuty spec',
    async () => {
      const { sim } = await openDemo(8);
      try {
        const list = await call(
          `${sim.url}/incidents?statuses[]=triggered&statuses[]=acknowledged&include[]=acknowledgers`,
        );
        expect(validateResponse('GET', '/incidents', list.status, list.body)).toEqual([]);
        for (const inc of sim.record().incidents) {
          const r = await call(`${sim.url}/incidents/${inc.id}/log_entries`);
          expect(r.body.log_entries).toHaveLength(inc.history.length);
          expect(validateResponse('GET', `/incidents/${inc.id}/log_entries`, r.status, r.body)).toEqual([]);
        }
      } finally {
        await sim.close();
      }
    },
  );
});
