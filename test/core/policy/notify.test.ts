import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Incident } from '../../../src-main/core/domain.js';
import type { CoreEvent } from '../../../src-main/core/events.js';
import {
  decideNotifications,
  dueReminders,
  inQuietHours,
  pruneLedger,
  type NotifiedLedger,
} from '../../../src-main/core/policy/notify.js';
import { defaultCoreSettings, type NotificationSettings } from '../../../src-main/core/settings.js';
import { makeIncident, ME } from '../support/fake-api.js';

const T0 = Date.parse('2026-01-05T12:00:00Z');
const at = new Date(T0).toISOString();
const base = (): NotificationSettings => defaultCoreSettings().notifications;
const noon = () => 12 * 60;
const midnight = () => 0;
const trig = (i: Incident): CoreEvent => ({ type: 'incident.triggered', at, incident: i });

function decide(
  events: CoreEvent[],
  settings = base(),
  ledger: NotifiedLedger = new Map(),
  minutesOfDay = noon,
) {
  return decideNotifications({ events, now: T0, settings, ledger, meId: ME.id, minutesOfDay });
}

describe('decideNotifications', () => {
  it('notifies a new high-urgency page as critical with sound, and never twice for the same key', () => {
    const ev = [trig(makeIncident({ id: 'P1' }))];
    const first = decide(ev);
    expect(first.notifications).toMatchObject([
      { kind: 'page', urgency: 'critical', sound: true, incidentId: 'P1' },
    ]);
    const again = decide(ev, base(), first.ledger);
    expect(again.notifications).toEqual([]);
    expect(again.ledger).toBe(first.ledger);
  });

  it('decides the sound once: none when the user turned sound off, the page still shown', () => {
    const ev = [trig(makeIncident({ id: 'P1' }))];
    const silent = decide(ev, { ...base(), sound: false });
    expect(silent.notifications).toMatchObject([{ kind: 'page', incidentId: 'P1', sound: false }]);
  });

  it('stays quiet about a page first seen already acknowledged by me, but tells one acknowledged by another', () => {
    const mine = makeIncident({
      id: 'P1',
      status: 'acknowledged',
      acknowledgers: [{ id: ME.id, summary: ME.name }],
    });
    const theirs = makeIncident({
      id: 'P2',
      status: 'acknowledged',
      acknowledgers: [{ id: 'PX', summary: 'X' }],
    });
    const out = decide([trig(mine), trig(theirs)]);
    expect(out.notifications.map((n) => n.incidentId)).toEqual(['P2']);
    expect(out.notifications[0]).toMatchObject({ kind: 'info', urgency: 'low' });
    // Decided once: the suppressed one is in the ledger too, so it never comes back.
    expect(out.ledger.has('page:P1')).toBe(true);
  });

  it('does not notify pages assigned to someone else', () => {
    const other = makeIncident({ id: 'P1', assignees: [{ id: 'PX', summary: 'X' }], assignedAt: {} });
    expect(decide([trig(other)]).notifications).toEqual([]);
  });

  it('honours the low-urgency switch and the pause', () => {
    const low = [trig(makeIncident({ id: 'P1', urgency: 'low' }))];
    expect(decide(low).notifications).toMatchObject([{ urgency: 'normal' }]);
    expect(decide(low, { ...base(), lowUrgency: false }).notifications).toEqual([]);
    expect(decide(low, { ...base(), lowUrgencyPausedUntil: T0 + 1 }).notifications).toEqual([]);
    expect(decide(low, { ...base(), lowUrgencyPausedUntil: T0 - 1 }).notifications).toHaveLength(1);
  });

  it('quiet hours suppress low urgency and info, but high urgency overrides', () => {
    const quiet = { ...base(), quietHours: { enabled: true, start: '22:00', end: '07:00' } };
    const hi = makeIncident({ id: 'P1' });
    const lo = makeIncident({ id: 'P2', urgency: 'low' });
    const acked: CoreEvent = {
      type: 'incident.acknowledged',
      at,
      incident: { ...hi, status: 'acknowledged' },
      byMe: false,
      by: [{ id: 'PX', summary: 'X' }],
    };
    const r = decide([trig(hi), trig(lo), acked], quiet, new Map(), midnight);
    expect(r.notifications.map((n) => n.incidentId)).toEqual(['P1']);
    // The suppressed ones are recorded so they do not pop up when quiet hours end.
    expect(r.ledger.has('page:P2')).toBe(true);
    expect(decide([trig(lo)], quiet, new Map(), noon).notifications).toHaveLength(1);
  });

  it('computes quiet hours across midnight and within a day', () => {
    const s = (start: string, end: string) => ({ ...base(), quietHours: { enabled: true, start, end } });
    expect(inQuietHours(s('22:00', '07:00'), 23 * 60)).toBe(true);
    expect(inQuietHours(s('22:00', '07:00'), 6 * 60 + 59)).toBe(true);
    expect(inQuietHours(s('22:00', '07:00'), 7 * 60)).toBe(false);
    expect(inQuietHours(s('13:00', '14:00'), 13 * 60 + 30)).toBe(true);
    expect(inQuietHours(s('13:00', '14:00'), 12 * 60)).toBe(false);
  });

  it('turns more than stormThreshold new pages into one storm summary', () => {
    const evs = Array.from({ length: 6 }, (_, i) => trig(makeIncident({ id: `P${i}` })));
    const r = decide(evs);
    expect(r.notifications).toHaveLength(1);
    expect(r.notifications[0]).toMatchObject({
      kind: 'storm',
      urgency: 'critical',
      incidentIds: evs.map((_, i) => `P${i}`),
    });
    expect(r.notifications[0]!.title).toContain('6 new pages');
    for (let i = 0; i < 6; i++) expect(r.ledger.has(`page:P${i}`)).toBe(true);
    expect(decide(evs.slice(0, 5)).notifications.map((n) => n.kind)).toEqual(Array(5).fill('page'));
  });

  it('notifies escalations and re-triggers to me, and others acting on my pages as info', () => {
    const inc = makeIncident({ id: 'P1' });
    const evs: CoreEvent[] = [
      { type: 'incident.escalated', at, incident: inc, reason: 'escalated', previousAssignees: [] },
      { type: 'incident.retriggered', at, incident: makeIncident({ id: 'P2' }) },
      {
        type: 'incident.resolved',
        at,
        incident: { ...makeIncident({ id: 'P3', urgency: 'low' }), status: 'resolved' },
        byMe: null,
      },
      {
        type: 'incident.resolved',
        at,
        incident: { ...makeIncident({ id: 'P4' }), status: 'resolved' },
        byMe: true,
      },
    ];
    const r = decide(evs);
    expect(r.notifications.map((n) => [n.kind, n.incidentId, n.urgency])).toEqual([
      ['info', 'P3', 'low'],
      ['escalation', 'P1', 'critical'],
      ['retrigger', 'P2', 'critical'],
    ]);
    expect(decide(evs, { ...base(), othersActions: false }).notifications.map((n) => n.kind)).toEqual([
      'escalation',
      'retrigger',
    ]);
    expect(decide(evs, { ...base(), enabled: false }).notifications).toEqual([]);
  });

  it('never emits the same key twice over any sequence of polls (property)', () => {
    const arbEvents = fc.array(
      fc.record({
        id: fc.constantFrom('P1', 'P2', 'P3'),
        urgency: fc.constantFrom('high' as const, 'low' as const),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.array(arbEvents, { maxLength: 6 }), (polls) => {
        let ledger: NotifiedLedger = new Map();
        const keys = new Set<string>();
        for (const poll of polls) {
          const r = decide(
            poll.map((p) => trig(makeIncident({ id: p.id, urgency: p.urgency }))),
            base(),
            ledger,
          );
          for (const n of r.notifications) {
            expect(keys.has(n.key)).toBe(false);
            keys.add(n.key);
          }
          ledger = r.ledger;
        }
      }),
    );
  });
});

describe('dueReminders', () => {
  it('reminds every reminderMinutes for my triggered high-urgency pages, once per step', () => {
    const s = { ...base(), reminderMinutes: 5 };
    const incs = [
      makeIncident({ id: 'P1' }),
      makeIncident({ id: 'P2', urgency: 'low' }),
      makeIncident({ id: 'P3', status: 'acknowledged' }),
    ];
    expect(dueReminders(T0 + 4 * 60_000, incs, new Map(), s, ME.id).notifications).toEqual([]);
    const r1 = dueReminders(T0 + 5 * 60_000, incs, new Map(), s, ME.id);
    expect(r1.notifications).toMatchObject([{ kind: 'reminder', incidentId: 'P1', urgency: 'critical' }]);
    expect(dueReminders(T0 + 6 * 60_000, incs, r1.ledger, s, ME.id).notifications).toEqual([]);
    expect(dueReminders(T0 + 10 * 60_000, incs, r1.ledger, s, ME.id).notifications).toHaveLength(1);
    expect(
      dueReminders(T0 + 10 * 60_000, incs, new Map(), { ...s, reminderMinutes: 0 }, ME.id).notifications,
    ).toEqual([]);
  });
});

describe('pruneLedger', () => {
  it('drops old keys but keeps those of open incidents', () => {
    const l = new Map([
      ['page:P1', T0 - 30 * 86_400_000],
      ['page:P2', T0 - 30 * 86_400_000],
      ['page:P3', T0],
    ]);
    const out = pruneLedger(l, T0, 14 * 86_400_000, new Set(['P2']));
    expect([...out.keys()]).toEqual(['page:P2', 'page:P3']);
  });
});
