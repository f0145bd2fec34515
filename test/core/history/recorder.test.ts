import { describe, expect, it } from 'vitest';
import { createMemoryAppendLog } from '../../../src-main/core/history/append-log.js';
import { openHistoryStore } from '../../../src-main/core/history/store.js';
import { recordEvent, type RecorderOptions } from '../../../src-main/core/history/recorder.js';
import { ME, OTHER, entry, incident, recordingLogger } from './fakes.js';

const T0 = Date.parse('2026-11-30T08:00:00.000Z');
const iso = (t: number) => new Date(t).toISOString();
const MIN = 60_000;
const opts: RecorderOptions = {
  meId: () => ME.id,
  offHours: () => ({ start: '22:00', end: '07:00' }),
  timeZone: 'UTC',
};

describe('recorder', () => {
  it('takes the acknowledgement of a page first seen already acknowledged', async () => {
    const s = await openHistoryStore(createMemoryAppendLog(), recordingLogger());
    const inc = incident({
      id: 'PA',
      createdAt: iso(T0),
      status: 'acknowledged',
      lastStatusChangeAt: iso(T0 + 2 * MIN),
      acknowledgers: [OTHER],
    });
    recordEvent(s, { type: 'incident.triggered', at: iso(T0 + 3 * MIN), incident: inc }, opts);
    expect(s.page('PA')).toMatchObject({
      triggeredAt: T0,
      acknowledgedAt: T0 + 2 * MIN,
      acknowledgedBy: OTHER.summary,
      acknowledgedByMe: false,
    });
  });

  it('does not trust a stale lastStatusChangeAt on resolution', async () => {
    const s = await openHistoryStore(createMemoryAppendLog(), recordingLogger());
    const inc = incident({ id: 'PA', createdAt: iso(T0) });
    recordEvent(s, { type: 'incident.triggered', at: iso(T0), incident: inc }, opts);
    const acked = {
      ...inc,
      status: 'acknowledged' as const,
      lastStatusChangeAt: iso(T0 + MIN),
      acknowledgers: [ME],
    };
    recordEvent(
      s,
      { type: 'incident.acknowledged', at: iso(T0 + MIN), incident: acked, byMe: true, by: [ME] },
      opts,
    );
    // The engine passes the last open state marked resolved: its lastStatusChangeAt is the ack time.
    recordEvent(
      s,
      {
        type: 'incident.resolved',
        at: iso(T0 + 9 * MIN),
        incident: { ...acked, status: 'resolved' },
        byMe: null,
      },
      opts,
    );
    expect(s.page('PA')).toMatchObject({
      acknowledgedAt: T0 + MIN,
      acknowledgedByMe: true,
      resolvedAt: T0 + 9 * MIN,
      resolvedBy: null,
    });
    // A fresh resolved incident's own time is used.
    const b = incident({ id: 'PB', createdAt: iso(T0) });
    recordEvent(s, { type: 'incident.triggered', at: iso(T0), incident: b }, opts);
    recordEvent(
      s,
      {
        type: 'incident.resolved',
        at: iso(T0 + 9 * MIN),
        incident: { ...b, status: 'resolved', lastStatusChangeAt: iso(T0 + 4 * MIN) },
        byMe: true,
      },
      opts,
    );
    expect(s.page('PB')).toMatchObject({ resolvedAt: T0 + 4 * MIN, resolvedBy: 'me' });
  });

  it('ignores incidents not assigned to me, records notes, shifts and urgency changes', async () => {
    const s = await openHistoryStore(createMemoryAppendLog(), recordingLogger());
    recordEvent(
      s,
      { type: 'incident.triggered', at: iso(T0), incident: incident({ id: 'PX', assignees: [OTHER] }) },
      opts,
    );
    expect(s.pages()).toHaveLength(0);
    const a = incident({ id: 'PA', createdAt: iso(T0) });
    recordEvent(s, { type: 'incident.triggered', at: iso(T0), incident: a }, opts);
    recordEvent(
      s,
      {
        type: 'incident.urgency_changed',
        at: iso(T0 + MIN),
        incident: { ...a, urgency: 'low' },
        from: 'high',
      },
      opts,
    );
    expect(s.page('PA')?.urgency).toBe('low');
    recordEvent(
      s,
      { type: 'shift.ended', at: iso(T0 + 60 * MIN), entry: entry(iso(T0), iso(T0 + 60 * MIN)) },
      opts,
    );
    expect(s.shifts()).toEqual([{ start: T0, end: T0 + 60 * MIN }]);
    const action = {
      id: 'a1',
      kind: 'acknowledge' as const,
      incidentIds: ['PA'],
      createdAt: iso(T0),
      attempts: 1,
      nextAttemptAt: iso(T0),
      lastError: null,
    };
    recordEvent(s, { type: 'action.done', at: iso(T0), action }, opts);
    expect(s.notes()).toHaveLength(0);
  });
});
