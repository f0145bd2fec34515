/**
 * The simulator's schedules: layers and rotations rendered, overrides on top (the last created wins),
 * `GET /oncalls` for ranges following the overrides, `GET /schedules/{id}` with rendered entries, 403 on
 * a schedule the token may not edit, and the demo's override that puts me on call in a few minutes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type Simulator,
} from '../../../src-main/core/simulator/index.js';
import { flatten, renderLayer, type SimSpan } from '../../../src-main/core/simulator/schedules.js';
import { DEMO_OVERRIDE } from '../../../src-main/core/simulator/scenarios.js';
import { FakeTime, WRITE, call } from './fake-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('rendering', () => {
  it('a rotation gives each user a turn in order, from the virtual start, clipped to the layer', () => {
    const layer = {
      id: 'L',
      name: 'L',
      start: 10 * HOUR,
      end: 100 * HOUR,
      rotationVirtualStart: 0,
      turnMs: 8 * HOUR,
      userIds: ['A', 'B', 'C'],
    };
    const spans = renderLayer(layer, 0, 200 * HOUR);
    expect(spans[0]).toEqual({ userId: 'B', start: 10 * HOUR, end: 16 * HOUR });
    expect(spans.at(-1)!.end).toBe(100 * HOUR);
    for (const s of spans) {
      const k = Math.floor(s.start / (8 * HOUR));
      expect(s.userId).toBe(['A', 'B', 'C'][k % 3]);
    }
  });

  it('property: the flattened schedule is disjoint, and each instant belongs to the top span covering it', () => {
    const span = fc
      .tuple(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('A', 'B', 'C'),
      )
      .map(([s, len, u]) => ({ userId: u, start: s, end: s + len }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), fc.array(span, { maxLength: 4 }), (base, top) => {
        // A layer's spans are disjoint and sorted: keep the first of overlapping ones.
        const layer: SimSpan[] = [];
        for (const s of [...base].sort((a, b) => a.start - b.start))
          if (!layer.length || layer.at(-1)!.end <= s.start) layer.push(s);
        const out = flatten([layer], top);
        for (let i = 1; i < out.length; i += 1) expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
        for (let t = 0; t < 131; t += 1) {
          const want =
            [...top].reverse().find((s) => s.start <= t && t < s.end)?.userId ??
            layer.find((s) => s.start <= t && t < s.end)?.userId ??
            null;
          const got = out.find((s) => s.start <= t && t < s.end)?.userId ?? null;
          expect(got).toBe(want);
        }
      }),
    );
  });
});

describe('schedules over HTTP', () => {
  it('an override for a teammate on my shift changes later GET /oncalls; GET /schedules/{id} renders it', async () => {
    const time = new FakeTime();
    sim = await startSimulator({ scenario: 'none', clock: time, timers: time });
    const now = time.now();
    const q = `user_ids[]=${SIM_ME.id}&since=${iso(now)}&until=${iso(now + 14 * DAY)}`;
    const before = (await call(`${sim.url}/oncalls?${q}&limit=100`)).body.oncalls as Array<{
      start: string;
      end: string;
      schedule: { id: string } | null;
    }>;
    const platform = before.filter((o) => o.schedule?.id === 'PSC0001');
    // 14 days of 8-hour turns shared with Alex: about 21 of mine, and the current one.
    expect(platform.length).toBeGreaterThanOrEqual(20);
    const target = platform[3]!;
    const alex = SIM_TEAMMATES[0]!.id;
    const made = await call(`${sim.url}/schedules/PSC0001/overrides`, {
      method: 'POST',
      headers: WRITE,
      body: {
        overrides: [{ start: target.start, end: target.end, user: { id: alex, type: 'user_reference' } }],
      },
    });
    expect(made.status).toBe(201);
    expect(made.body[0].status).toBe(201);
    const after = (await call(`${sim.url}/oncalls?${q}&limit=100`)).body.oncalls as typeof before;
    expect(after.filter((o) => o.schedule?.id === 'PSC0001').length).toBe(platform.length - 1);
    expect(after.some((o) => o.start === target.start)).toBe(false);
    const sched = await call(`${sim.url}/schedules/PSC0001?since=${iso(now)}&until=${iso(now + 3 * DAY)}`);
    expect(sched.status).toBe(200);
    const ov = sched.body.schedule.overrides_subschedule.rendered_schedule_entries;
    expect(ov).toEqual([expect.objectContaining({ start: target.start, end: target.end })]);
    const final = sched.body.schedule.final_schedule.rendered_schedule_entries as Array<{
      user: { id: string };
      start: string;
    }>;
    // Alex's own turn, my covered one and Alex's next one merge into one entry.
    const covering = final.find((e) => Date.parse(e.start) <= Date.parse(target.start) && e.user.id === alex);
    expect(covering).toBeDefined();
    expect(sched.body.schedule.time_zone).toBe('America/Los_Angeles');
  });

  it('refuses overrides on a schedule the token may not edit (403 naming who can), and bad ranges (400)', async () => {
    const time = new FakeTime();
    sim = await startSimulator({ scenario: 'none', clock: time, timers: time });
    const now = time.now();
    const body = {
      overrides: [
        { start: iso(now + HOUR), end: iso(now + 2 * HOUR), user: { id: SIM_ME.id, type: 'user_reference' } },
      ],
    };
    const denied = await call(`${sim.url}/schedules/PSC0002/overrides`, {
      method: 'POST',
      headers: WRITE,
      body,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.errors[0]).toMatch(/Data team/);
    const backwards = {
      overrides: [
        { start: iso(now + 2 * HOUR), end: iso(now + HOUR), user: { id: SIM_ME.id, type: 'user_reference' } },
      ],
    };
    const bad = await call(`${sim.url}/schedules/PSC0003/overrides`, {
      method: 'POST',
      headers: WRITE,
      body: backwards,
    });
    expect(bad.body[0].status).toBe(400);
    expect((await call(`${sim.url}/schedules/NOPE`)).status).toBe(404);
  });

  it("the demo: a teammate's override puts me on Edge On-call ten minutes after it is made", async () => {
    const time = new FakeTime();
    sim = await startSimulator({ scenario: 'demo', clock: time, timers: time });
    const edge = async (): Promise<Array<{ start: string; schedule: { id: string } | null }>> =>
      (
        await call(
          `${sim!.url}/oncalls?user_ids[]=${SIM_ME.id}&schedule_ids[]=PSC0003&since=${iso(time.now())}&until=${iso(time.now() + DAY)}`,
        )
      ).body.oncalls;
    expect(await edge()).toEqual([]);
    time.advance(DEMO_OVERRIDE.afterMs + 1000);
    const mine = await edge();
    expect(mine).toHaveLength(1);
    const lead = Date.parse(mine[0]!.start) - time.now();
    expect(lead).toBeGreaterThan(8 * 60_000);
    expect(lead).toBeLessThanOrEqual(DEMO_OVERRIDE.leadMs);
  });
});
