/**
 * The pre-shift warning and the "an override put you on call" notice, on a fake clock through the
 * real companion (engine, policy ledger, store): each fires once, names who I take over from, and not
 * again after a restart on the same store; 0 minutes turns the warning off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OncallEntry } from '../../../src-main/core/domain.js';
import { defaultCoreSettings } from '../../../src-main/core/settings.js';
import { ME } from '../support/fake-api.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ALEX = { id: 'PAL', summary: 'Alex Kim' };
const iso = (t: number): string => new Date(t).toISOString();
const sched = { id: 'PS1', summary: 'Platform Primary' };
const edge = { id: 'PS3', summary: 'Edge On-call' };

function entry(user: { id: string; summary: string }, s: number, e: number, schedule = sched): OncallEntry {
  return {
    user,
    schedule,
    escalationPolicy: {
      id: schedule === sched ? 'PEP1' : 'PEP3',
      summary: schedule === sched ? 'Platform' : 'Edge',
    },
    escalationLevel: 1,
    start: iso(s),
    end: iso(e),
  };
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

const shiftNotes = (r: Rig) =>
  r
    .of('notification')
    .map((e) => e.notification)
    .filter((n) => /^(preshift|newshift):/.test(n.key));

/** Polls every 5 s of fake time for `ms`. */
async function run(r: Rig, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 5000) await r.time.advance(5000);
}

describe('shift warnings', () => {
  it('warns 15 minutes before my shift, once, naming who I take over from; not again after a restart', async () => {
    const first = rig();
    rigs.push(first);
    const t0 = first.time.now();
    const start = t0 + 30 * MIN;
    const entries = [
      entry(ALEX, t0 - HOUR, start),
      entry({ id: ME.id, summary: ME.name }, start, start + 8 * HOUR),
    ];
    first.api.oncalls = entries;
    await first.companion.start();
    await first.time.advance(0);
    await run(first, 14 * MIN);
    expect(shiftNotes(first)).toEqual([]);
    await run(first, 2 * MIN);
    const notes = shiftNotes(first);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toMatch(/^You are on call in 1[45] min: Platform Primary$/);
    expect(notes[0]!.body).toMatch(/you take over from Alex Kim/);
    await run(first, 10 * MIN);
    expect(shiftNotes(first)).toHaveLength(1);
    await first.companion.stop();

    const second = rig({ store: first.store, time: new FakeTime(first.time.now() + 1000) });
    rigs.push(second);
    second.api.oncalls = entries;
    await second.companion.start();
    await second.time.advance(0);
    await run(second, 3 * MIN);
    expect(second.of('sync').some((e) => e.status.state === 'live')).toBe(true);
    expect(shiftNotes(second)).toEqual([]);
  });

  it('an override that puts me on call is announced once when it appears, then warned before it starts', async () => {
    const r = rig();
    rigs.push(r);
    const t0 = r.time.now();
    r.api.oncalls = [entry({ id: ME.id, summary: ME.name }, t0 + 10 * HOUR, t0 + 18 * HOUR)];
    await r.companion.start();
    await r.time.advance(0);
    await run(r, MIN);
    expect(shiftNotes(r)).toEqual([]);
    // A teammate puts me on Edge from two hours on, over Alex's block.
    const s = t0 + 2 * HOUR;
    r.api.oncalls = [
      ...r.api.oncalls,
      entry(ALEX, t0 - HOUR, s, edge),
      entry({ id: ME.id, summary: ME.name }, s, s + HOUR, edge),
    ];
    await run(r, 6 * MIN);
    const first = shiftNotes(r);
    expect(first.map((n) => n.key.split(':')[0])).toEqual(['newshift']);
    expect(first[0]!.title).toMatch(/^An override puts you on call in 1\d\d min: Edge On-call$/);
    expect(first[0]!.body).toMatch(/take over from Alex Kim/);
    await run(r, 2 * HOUR - 7 * MIN);
    expect(shiftNotes(r).map((n) => n.key.split(':')[0])).toEqual(['newshift', 'preshift']);
  });

  it('0 minutes turns the pre-shift warning off', async () => {
    const settings = defaultCoreSettings();
    const r = rig({ settings: { notifications: { ...settings.notifications, shiftLeadMinutes: 0 } } });
    rigs.push(r);
    const t0 = r.time.now();
    r.api.oncalls = [entry({ id: ME.id, summary: ME.name }, t0 + 10 * MIN, t0 + HOUR)];
    await r.companion.start();
    await r.time.advance(0);
    await run(r, 12 * MIN);
    expect(shiftNotes(r)).toEqual([]);
    // The shift did start: the engine saw it.
    expect(r.of('shift.started')).toHaveLength(1);
  });
});
