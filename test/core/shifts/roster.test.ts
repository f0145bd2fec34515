/**
 * The roster core: shifts from on-call entries and schedule blocks (handoff partners, overrides), the
 * days in a chosen zone with a daylight-saving change inside the range (Europe/Berlin vs
 * America/Los_Angeles), the iCalendar export read back by a real parser (ical.js), and trade checks.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { OncallEntry } from '../../../src-main/core/domain.js';
import type { ScheduleSpan } from '../../../src-main/core/pagerduty/schedules.js';
import { groupByDay } from '../../../src-main/core/shifts/days.js';
import { rosterToIcs } from '../../../src-main/core/shifts/ics.js';
import { buildRoster } from '../../../src-main/core/shifts/roster.js';
import { TradeError, checkTrade, forbiddenOverrideText } from '../../../src-main/core/shifts/trade.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ME = { id: 'PME', summary: 'Morgan' };
const ALEX = { id: 'PAL', summary: 'Alex' };
const iso = (t: number): string => new Date(t).toISOString();
const policy = { id: 'PEP1', summary: 'Platform' };
const sched = { id: 'PS1', summary: 'Primary' };

function entry(start: number, end: number, user = ME): OncallEntry {
  return {
    user,
    schedule: sched,
    escalationPolicy: policy,
    escalationLevel: 1,
    start: iso(start),
    end: iso(end),
  };
}

/**
 * Daily 08:00-16:00 Los Angeles shifts for me from 2 to 15 March 2026; the US changes to summer time
 * on 8 March (PST -8 -> PDT -7), Europe only on 29 March. So 08:00 in LA is 16:00Z (17:00 in Berlin)
 * up to 7 March and 15:00Z (16:00 in Berlin) from 8 March.
 */
function dstRoster() {
  const now = Date.UTC(2026, 2, 1, 12, 0);
  const mine: OncallEntry[] = [];
  const blocks: ScheduleSpan[] = [];
  for (let d = 2; d <= 14; d += 1) {
    const offset = d < 8 ? 16 : 15;
    const s = Date.UTC(2026, 2, d, offset);
    mine.push(entry(s, s + 8 * HOUR));
    blocks.push(
      { user: ALEX, start: iso(s - 16 * HOUR), end: iso(s) },
      { user: ME, start: iso(s), end: iso(s + 8 * HOUR) },
    );
  }
  return buildRoster({
    me: ME,
    now,
    days: 14,
    entries: mine,
    schedules: [
      {
        id: 'PS1',
        name: 'Primary',
        timeZone: 'America/Los_Angeles',
        htmlUrl: null,
        teams: [],
        blocks,
        overrides: [],
      },
    ],
  });
}

describe('roster', () => {
  it('names who hands over to me and to whom I hand over; marks a shift made by an override', () => {
    const now = Date.UTC(2026, 11, 3, 9);
    const blocks: ScheduleSpan[] = [
      { user: ALEX, start: iso(now - 4 * HOUR), end: iso(now + 2 * HOUR) },
      { user: ME, start: iso(now + 2 * HOUR), end: iso(now + 10 * HOUR) },
      { user: ALEX, start: iso(now + 10 * HOUR), end: iso(now + 30 * HOUR) },
    ];
    const r = buildRoster({
      me: ME,
      now,
      days: 14,
      // PagerDuty may split one shift where two layers meet: it is one shift.
      entries: [entry(now + 2 * HOUR, now + 6 * HOUR), entry(now + 6 * HOUR, now + 10 * HOUR)],
      schedules: [
        {
          id: 'PS1',
          name: 'Primary',
          timeZone: 'UTC',
          htmlUrl: null,
          teams: [],
          blocks,
          overrides: [{ user: ME, start: iso(now + 2 * HOUR), end: iso(now + 4 * HOUR) }],
        },
      ],
    });
    expect(r.shifts).toHaveLength(1);
    expect(r.shifts[0]).toMatchObject({
      lengthMs: 8 * HOUR,
      takesOverFrom: ALEX,
      handsOverTo: ALEX,
      fromOverride: true,
    });
    expect(r.schedules[0]!.onNow).toEqual(ALEX);
    expect(r.schedules[0]!.next).toEqual({ user: ME, start: iso(now + 2 * HOUR) });
  });

  it('days in the OS zone (Berlin) and in the schedule zone (Los Angeles) across the US DST change', () => {
    const r = dstRoster();
    const berlin = groupByDay(r, 'Europe/Berlin');
    // 14 days from 1 March 13:00 Berlin: 1 to 15 March.
    expect(berlin.map((d) => d.date)).toEqual(
      Array.from({ length: 15 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`),
    );
    const starts = berlin.flatMap((d) => d.items.map((i) => `${d.date} ${i.start}-${i.end} ${i.zoneLabel}`));
    expect(starts[0]).toBe('2026-03-02 17:00-01:00 GMT+1');
    expect(starts[5]).toBe('2026-03-07 17:00-01:00 GMT+1');
    expect(starts[6]).toBe('2026-03-08 16:00-00:00 GMT+1');
    expect(starts.at(-1)).toBe('2026-03-14 16:00-00:00 GMT+1');
    // In Berlin the shift ends after midnight until the change, exactly at midnight after it.
    const items = berlin.flatMap((d) => d.items);
    expect(items.slice(0, 6).every((i) => i.endsDaysLater === 1)).toBe(true);
    expect(items.slice(6).every((i) => i.endsDaysLater === 0)).toBe(true);
    const la = groupByDay(r, 'Europe/Berlin', true).flatMap((d) => d.items);
    expect(new Set(la.map((i) => `${i.start}-${i.end}`))).toEqual(new Set(['08:00-16:00']));
    expect(la[0]!.zoneLabel).toBe('GMT-8');
    expect(la[6]!.zoneLabel).toBe('GMT-7');
    expect(la.every((i) => i.length === '8h')).toBe(true);
  });

  it('writes the same instants in 12 h when the window says the OS uses 12 h', () => {
    const r = dstRoster();
    const h24 = groupByDay(r, 'Europe/Berlin').flatMap((d) => d.items);
    const h12 = groupByDay(r, 'Europe/Berlin', false, false).flatMap((d) => d.items);
    expect(h12[0]).toMatchObject({ start: '5:00 PM', end: '1:00 AM' });
    expect(h12[6]).toMatchObject({ start: '4:00 PM', end: '12:00 AM' });
    // Only the writing differs: the same shifts, on the same days.
    const to24 = (t: string): string => {
      const [, h, m, ap] = /^(\d+):(\d\d) (AM|PM)$/.exec(t)!;
      const hh = (Number(h) % 12) + (ap === 'PM' ? 12 : 0);
      return `${String(hh).padStart(2, '0')}:${m}`;
    };
    expect(h12.map((i) => `${to24(i.start)}-${to24(i.end)}`)).toEqual(h24.map((i) => `${i.start}-${i.end}`));
  });

  it('in a child process with TZ=Europe/Berlin the OS zone is Berlin and the times match', async () => {
    const { execFileSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const shifts = dstRoster().shifts;
    const run = (shift: unknown): { zone: string; start: string; end: string; label: string } =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'tz-child.ts')],
          {
            env: { ...process.env, TZ: 'Europe/Berlin', SHIFT: JSON.stringify(shift) },
            encoding: 'utf8',
          },
        ),
      );
    // Before and after the US change: 08:00 in Los Angeles is 17:00, then 16:00 in Berlin.
    expect(run(shifts[0])).toEqual({ zone: 'Europe/Berlin', start: '17:00', end: '01:00', label: 'GMT+1' });
    expect(run(shifts[6])).toEqual({ zone: 'Europe/Berlin', start: '16:00', end: '00:00', label: 'GMT+1' });
  });

  it('the iCalendar export opens in ical.js with one event per shift, at the right instants', () => {
    const r = dstRoster();
    const text = rosterToIcs(r);
    const comp = new ICAL.Component(ICAL.parse(text));
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(r.shifts.length);
    expect(events.length).toBe(13);
    events.forEach((ev, i) => {
      expect(ev.startDate.toJSDate().getTime()).toBe(Date.parse(r.shifts[i]!.start));
      expect(ev.endDate.toJSDate().getTime()).toBe(Date.parse(r.shifts[i]!.end));
      expect(ev.summary).toBe('On call: Primary');
    });
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
});

describe('trade checks', () => {
  const now = Date.UTC(2026, 11, 3, 9);
  const schedule = {
    name: 'Primary',
    final: [
      { user: ME, start: iso(now + HOUR), end: iso(now + 9 * HOUR) },
      { user: ALEX, start: iso(now + 9 * HOUR), end: iso(now + 17 * HOUR) },
    ],
    overrides: [{ user: ALEX, start: iso(now + 20 * HOUR), end: iso(now + 22 * HOUR) }],
  };
  const req = (kind: 'cover' | 'take', userId: string, s: number, e: number) => ({
    kind,
    scheduleId: 'PS1',
    userId,
    start: iso(s),
    end: iso(e),
  });
  const refused = (f: () => unknown, re: RegExp): void => {
    expect(f).toThrow(TradeError);
    expect(f).toThrow(re);
  };

  it("accepts cover on part of my shift and take on someone else's block", () => {
    expect(checkTrade(req('cover', ALEX.id, now + 2 * HOUR, now + 4 * HOUR), schedule, ME.id, now)).toEqual({
      start: iso(now + 2 * HOUR),
      end: iso(now + 4 * HOUR),
    });
    expect(checkTrade(req('take', ME.id, now + 9 * HOUR, now + 17 * HOUR), schedule, ME.id, now).end).toBe(
      iso(now + 17 * HOUR),
    );
  });

  it('refuses the past, backwards ranges, overlaps with an override, and the wrong block', () => {
    refused(
      () => checkTrade(req('cover', ALEX.id, now - 5 * HOUR, now - HOUR), schedule, ME.id, now),
      /in the past/,
    );
    refused(
      () => checkTrade(req('cover', ALEX.id, now - HOUR, now + 2 * HOUR), schedule, ME.id, now),
      /start in the past/,
    );
    refused(
      () => checkTrade(req('cover', ALEX.id, now + 4 * HOUR, now + 2 * HOUR), schedule, ME.id, now),
      /end after/,
    );
    refused(
      () => checkTrade(req('take', ME.id, now + 21 * HOUR, now + 23 * HOUR), schedule, ME.id, now),
      /overlaps the override for Alex/,
    );
    refused(
      () => checkTrade(req('cover', ALEX.id, now + 8 * HOUR, now + 10 * HOUR), schedule, ME.id, now),
      /not on call.*Alex/,
    );
    refused(
      () => checkTrade(req('take', ME.id, now + 2 * HOUR, now + 3 * HOUR), schedule, ME.id, now),
      /already on call/,
    );
    refused(
      () => checkTrade(req('cover', ME.id, now + 2 * HOUR, now + 3 * HOUR), schedule, ME.id, now),
      /teammate/,
    );
  });

  it('a 403 names who may edit the schedule', () => {
    const text = forbiddenOverrideText({ name: 'Data Primary', teams: [{ id: 'T', summary: 'Data' }] }, []);
    expect(text).toMatch(/403/);
    expect(text).toMatch(/Data Primary/);
    expect(text).toMatch(/manager of the Data team, or an account admin/);
  });
});

void DAY;
