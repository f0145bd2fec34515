/**
 * Trades go through the durable action queue: an override asked for while PagerDuty does not answer
 * is sent after a restart, once; one that reached PagerDuty before the crash (answer lost) is not made
 * twice; a 403 fails with the sentence naming who may edit the schedule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OverrideInput, ScheduleApi, ScheduleSpan } from '../../../src-main/core/pagerduty/schedules.js';
import { PagerDutyError } from '../../../src-main/core/pagerduty/errors.js';
import { ME } from '../support/fake-api.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

const HOUR = 3_600_000;
const iso = (t: number): string => new Date(t).toISOString();
const ALEX = { id: 'PAL', summary: 'Alex Kim' };

function fakeSchedules(t0: number) {
  const final: ScheduleSpan[] = [
    { user: { id: ME.id, summary: ME.name }, start: iso(t0 + HOUR), end: iso(t0 + 9 * HOUR) },
    { user: ALEX, start: iso(t0 + 9 * HOUR), end: iso(t0 + 17 * HOUR) },
  ];
  const state = {
    made: [] as OverrideInput[],
    posts: 0,
    mode: 'ok' as 'ok' | 'hang' | 'lost' | 'forbidden',
  };
  const api: ScheduleApi = {
    async getSchedule(id) {
      return {
        id,
        name: 'Platform Primary',
        timeZone: 'UTC',
        htmlUrl: null,
        teams: [{ id: 'PT', summary: 'Platform' }],
        final,
        overrides: state.made.map((o) => ({
          user: { id: o.userId, summary: o.userId },
          start: o.start,
          end: o.end,
        })),
      };
    },
    createOverride(_id, o, opts) {
      state.posts += 1;
      if (state.mode === 'forbidden')
        return Promise.reject(new PagerDutyError('403', { kind: 'forbidden', status: 403, details: [] }));
      if (state.mode === 'lost') state.made.push(o);
      if (state.mode === 'hang' || state.mode === 'lost')
        return new Promise((_, reject) =>
          opts?.signal?.addEventListener('abort', () => reject(opts.signal!.reason as Error)),
        );
      state.made.push(o);
      return Promise.resolve({ id: `PO${state.made.length}`, user: ALEX, start: o.start, end: o.end });
    },
  };
  return { api, state };
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

async function started(time: FakeTime, schedules: ScheduleApi, store?: Rig['store']): Promise<Rig> {
  const r = rig({ time, ...(store ? { store } : {}), extra: { schedules } });
  rigs.push(r);
  await r.companion.start();
  await r.time.advance(0);
  return r;
}

/** A fresh clock and fake schedules answering in `mode`. */
function scene(mode: 'ok' | 'hang' | 'lost' | 'forbidden' = 'ok') {
  const time = new FakeTime();
  const t0 = time.now();
  const s = fakeSchedules(t0);
  s.state.mode = mode;
  return { time, t0, s };
}

/** A trade on PS1 for `userId`, from `fromHours` to `toHours` after `t0`. */
function tradeOn(t0: number, kind: 'cover' | 'take', userId: string, fromHours: number, toHours: number) {
  return {
    kind,
    scheduleId: 'PS1',
    userId,
    start: iso(t0 + fromHours * HOUR),
    end: iso(t0 + toHours * HOUR),
  };
}

/** After a stop: PagerDuty answers again and a companion starts on `first`'s store a second later. */
async function restartAfter(first: Rig, s: ReturnType<typeof fakeSchedules>): Promise<Rig> {
  s.state.mode = 'ok';
  const second = await started(new FakeTime(first.time.now() + 1000), s.api, first.store);
  await second.time.advance(1000);
  return second;
}

describe('trades through the action queue', () => {
  it('an override PagerDuty did not answer is sent after a restart, once', async () => {
    const { time, t0, s } = scene('hang');
    const first = await started(time, s.api);
    const pending = first.companion.trade(tradeOn(t0, 'cover', ALEX.id, 2, 4));
    await first.time.advance(21_000);
    const r = await pending;
    expect(r.queued).toBe(true);
    expect(first.companion.snapshot().pendingActions.map((a) => a.kind)).toEqual(['override']);
    // The roster shows the queued trade at once, named from the schedule it read.
    expect(r.roster.pendingTrades).toEqual([
      expect.objectContaining({
        trade: 'cover',
        schedule: { id: 'PS1', summary: 'Platform Primary' },
        user: ALEX,
        start: iso(t0 + 2 * HOUR),
        end: iso(t0 + 4 * HOUR),
      }),
    ]);
    expect(r.roster.pendingTrades[0]!.actionId).toBe(first.companion.snapshot().pendingActions[0]!.id);
    await first.companion.stop();
    rigs = [];
    expect(s.state.made).toHaveLength(0);

    const second = await restartAfter(first, s);
    expect(s.state.made).toEqual([{ userId: ALEX.id, start: iso(t0 + 2 * HOUR), end: iso(t0 + 4 * HOUR) }]);
    expect(second.of('action.done').map((e) => e.action.kind)).toEqual(['override']);
    // Made: it is no longer waiting.
    expect((await second.companion.roster(14)).pendingTrades).toEqual([]);
  });

  it('an override that reached PagerDuty before the crash is not made twice', async () => {
    const { time, t0, s } = scene('lost');
    const first = await started(time, s.api);
    const pending = first.companion.trade(tradeOn(t0, 'take', ME.id, 9, 17));
    await first.time.advance(21_000);
    expect((await pending).queued).toBe(true);
    await first.companion.stop();
    rigs = [];
    const second = await restartAfter(first, s);
    expect(s.state.made).toHaveLength(1);
    expect(s.state.posts).toBe(1);
    expect(second.of('action.done').map((e) => e.action.kind)).toEqual(['override']);
  });

  it('a 403 fails the trade with who may edit; a past range is refused before any request', async () => {
    const { time, t0, s } = scene('forbidden');
    const r = await started(time, s.api);
    const denied = r.companion.trade(tradeOn(t0, 'cover', ALEX.id, 2, 3));
    const caught = denied.then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    await r.time.advance(0);
    const err = await caught;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/403.*Platform Primary.*manager of the Platform team/);
    const posts = s.state.posts;
    await expect(r.companion.trade(tradeOn(t0, 'cover', ALEX.id, -5, -1))).rejects.toThrow(/in the past/);
    expect(s.state.posts).toBe(posts);
  });

  it('my own trade is read back at once and is not announced as an unexpected shift', async () => {
    const { time, t0, s } = scene();
    const r = await started(time, s.api);
    await r.time.advance(5000);
    const before = r.api.callsOf('listOncalls').length;
    // PagerDuty's on-call answers include the shift once the override is made.
    const made = r.companion.trade(tradeOn(t0, 'take', ME.id, 9, 17));
    r.api.oncalls = [
      {
        user: { id: ME.id, summary: ME.name },
        schedule: { id: 'PS1', summary: 'Platform Primary' },
        escalationPolicy: { id: 'PEP1', summary: 'Platform' },
        escalationLevel: 1,
        start: iso(t0 + 9 * HOUR),
        end: iso(t0 + 17 * HOUR),
      },
    ];
    await r.time.advance(0);
    expect((await made).queued).toBe(false);
    await r.time.advance(1000);
    // Read again at once (the trade's roster, and the engine's own refresh), not in 5 minutes.
    expect(r.api.callsOf('listOncalls').length).toBeGreaterThanOrEqual(before + 2);
    for (let i = 0; i < 80; i += 1) await r.time.advance(5000);
    const keys = r.of('notification').map((e) => e.notification.key);
    expect(keys.filter((k) => k.startsWith('newshift:'))).toEqual([]);
  });
});
