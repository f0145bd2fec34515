import { describe, expect, it } from 'vitest';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type SimRecord,
} from '../../../src-main/core/simulator/index.js';
import { FakeTime, call } from './fake-time.js';

async function runFor(
  scenario: 'demo' | 'storm' | 'quiet',
  seed: number,
  ms: number,
  speed = 1,
): Promise<{ rec: SimRecord; start: number; handoffAt: number }> {
  const time = new FakeTime();
  const start = time.now();
  const sim = await startSimulator({ scenario, seed, speed, clock: time, timers: time });
  time.advance(ms);
  const rec = sim.record();
  await sim.close();
  expect(time.pending()).toBe(0);
  return { rec, start, handoffAt: sim.handoffAt };
}

const shape = (r: SimRecord) =>
  r.incidents.map((i) => [i.title, i.urgency, i.service, i.createdAt, i.status]);

describe('simulator scenarios', () => {
  it('storm: 50 pages within 10 s, all to me', async () => {
    const { rec, start } = await runFor('storm', 7, 10_000);
    expect(rec.incidents).toHaveLength(50);
    expect(rec.incidents.every((i) => i.assignedTo[0]!.userId === SIM_ME.id)).toBe(true);
    expect(Math.max(...rec.incidents.map((i) => Date.parse(i.createdAt) - start))).toBeLessThan(10_000);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await runFor('demo', 42, 3_600_000);
    const b = await runFor('demo', 42, 3_600_000);
    const c = await runFor('demo', 43, 3_600_000);
    expect(shape(a.rec)).toEqual(shape(b.rec));
    expect(a.rec.incidents.map((i) => i.id)).toEqual(b.rec.incidents.map((i) => i.id));
    expect(shape(a.rec)).not.toEqual(shape(c.rec));
    const s1 = await runFor('storm', 5, 10_000);
    const s2 = await runFor('storm', 5, 10_000);
    expect(shape(s1.rec)).toEqual(shape(s2.rec));
  });

  it('quiet: nothing new in an hour', async () => {
    const { rec } = await runFor('quiet', 1, 3_600_000);
    expect(rec.incidents).toHaveLength(0);
  });

  it.each([1, 2, 3, 4, 5])(
    'demo (seed %i): first page within 20 s, then one every 1-3 minutes',
    async (seed) => {
      const { rec, start } = await runFor('demo', seed, 30 * 60_000);
      // New pages only: the backlog was created before the start.
      const times = rec.incidents.map((i) => Date.parse(i.createdAt) - start).filter((t) => t >= 0);
      expect(times[0]).toBeLessThanOrEqual(20_000);
      for (let i = 1; i < times.length; i += 1) {
        const gap = times[i]! - times[i - 1]!;
        expect(gap).toBeGreaterThanOrEqual(60_000);
        expect(gap).toBeLessThanOrEqual(180_000);
      }
      expect(new Set(rec.incidents.map((i) => i.urgency)).size).toBe(2);
      expect(new Set(rec.incidents.map((i) => i.service)).size).toBeGreaterThan(2);
    },
  );

  it('demo: an escalation reaches me, teammates acknowledge some, and my shift hands off', async () => {
    const { rec, start, handoffAt } = await runFor('demo', 3, 2 * 3_600_000);
    const escalated = rec.incidents.find((i) => i.history.some((h) => h.type === 'escalate'));
    expect(escalated).toBeDefined();
    expect(escalated!.assignedTo[0]!.userId).not.toBe(SIM_ME.id);
    expect(escalated!.assignedTo.at(-1)!.userId).toBe(SIM_ME.id);
    const teammateIds = SIM_TEAMMATES.map((t) => t.id);
    expect(rec.incidents.some((i) => i.ackedBy !== null && teammateIds.includes(i.ackedBy))).toBe(true);
    expect(handoffAt - start).toBe(45 * 60_000);
    const afterHandoff = rec.incidents.filter(
      (i) => Date.parse(i.createdAt) > handoffAt && i.service !== 'data-pipeline',
    );
    expect(afterHandoff.length).toBeGreaterThan(0);
    expect(afterHandoff.every((i) => i.assignedTo[0]!.userId === SIM_TEAMMATES[0]!.id)).toBe(true);
  });

  it('demo: a teammate escalates a page to me by hand with a status update; a high-urgency page has a bridge', async () => {
    const { rec } = await runFor('demo', 3, 2 * 3_600_000);
    const sam = SIM_TEAMMATES[2]!.id;
    const byHand = rec.incidents.filter((i) => i.history.some((h) => h.type === 'escalate' && h.by === sam));
    expect(byHand).toHaveLength(1);
    expect(byHand[0]!.assignees).toEqual([SIM_ME.id]);
    expect(byHand[0]!.statusUpdates).toEqual([
      { by: sam, message: expect.stringMatching(/Escalated/), at: expect.any(String) },
    ]);
    const withBridge = rec.incidents.filter((i) => i.conferenceBridge !== null);
    expect(withBridge.length).toBeGreaterThan(0);
    expect(
      withBridge.every((i) => i.urgency === 'high' && i.conferenceBridge!.url.startsWith('https://')),
    ).toBe(true);
  });

  it('speed divides every scenario delay', async () => {
    const slow = await runFor('demo', 9, 60 * 60_000);
    const fast = await runFor('demo', 9, 60_000, 60);
    expect(fast.rec.incidents.map((i) => i.title)).toEqual(slow.rec.incidents.map((i) => i.title));
    expect(fast.handoffAt - fast.start).toBe(45_000);
  });

  it('runs on real timers at high speed and answers over HTTP', async () => {
    const sim = await startSimulator({ scenario: 'demo', seed: 1, speed: 1000 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = await call(`${sim.url}/incidents?date_range=all`);
      expect(r.body.incidents.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});
