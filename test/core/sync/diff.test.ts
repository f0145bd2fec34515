import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Incident } from '../../../src-main/core/domain.js';
import { applyIncidentEvents, diffIncidents, jsonEqual } from '../../../src-main/core/sync/diff.js';
import { makeIncident, ME } from '../support/fake-api.js';

const T0 = Date.parse('2026-01-05T12:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();
const ctx = (seen: ReadonlyMap<string, number> = new Map(), now = T0) => ({
  meId: ME.id,
  now,
  at: at(now),
  seen,
});
const mapOf = (list: Incident[]) => new Map(list.map((i) => [i.id, i]));

describe('diffIncidents', () => {
  it('reports a new page assigned to me at creation as triggered', () => {
    const inc = makeIncident({ id: 'P1' });
    const r = diffIncidents(new Map(), [inc], ctx());
    expect(r.events.map((e) => e.type)).toEqual(['incident.triggered']);
    expect(r.seen.has('P1')).toBe(true);
  });

  it('reports an open incident first seen already acknowledged as seen, never as triggered', () => {
    const acked = makeIncident({
      id: 'P1',
      status: 'acknowledged',
      acknowledgers: [{ id: ME.id, summary: ME.name }],
    });
    const ringing = makeIncident({ id: 'P2' });
    const r = diffIncidents(new Map(), [acked, ringing], ctx());
    expect(r.events.map((e) => [e.type, e.incident.id])).toEqual([
      ['incident.seen', 'P1'],
      ['incident.triggered', 'P2'],
    ]);
    expect(applyIncidentEvents(new Map(), r.events).has('P1')).toBe(true);
  });

  it('reports an incident assigned to me long after creation as escalated', () => {
    const inc = makeIncident({ id: 'P1', escalationLevel: 2, assignedAt: { [ME.id]: at(T0 + 10 * 60_000) } });
    const r = diffIncidents(new Map(), [inc], ctx());
    expect(r.events).toMatchObject([{ type: 'incident.escalated', reason: 'escalated' }]);
  });

  it('reports a hand-over from someone else as reassigned, with the previous assignees', () => {
    const before = makeIncident({
      id: 'P1',
      assignees: [{ id: 'PX', summary: 'X' }],
      assignedAt: { PX: at(T0) },
    });
    const after = makeIncident({ id: 'P1', assignedAt: { [ME.id]: at(T0 + 5 * 60_000) } });
    const r = diffIncidents(mapOf([before]), [after], ctx(new Map([['P1', T0]])));
    expect(r.events).toMatchObject([
      { type: 'incident.escalated', reason: 'reassigned', previousAssignees: [{ id: 'PX' }] },
    ]);
  });

  it('reports acknowledgements by me and by others, re-triggers and urgency changes', () => {
    const a = makeIncident({ id: 'P1' });
    const b = makeIncident({ id: 'P2', status: 'acknowledged' });
    const c = makeIncident({ id: 'P3', urgency: 'low' });
    const seen = new Map([
      ['P1', T0],
      ['P2', T0],
      ['P3', T0],
    ]);
    const r = diffIncidents(
      mapOf([a, b, c]),
      [
        { ...a, status: 'acknowledged', acknowledgers: [{ id: 'PX', summary: 'X' }] },
        { ...b, status: 'triggered' },
        { ...c, urgency: 'high' },
      ],
      ctx(seen),
    );
    expect(r.events).toMatchObject([
      { type: 'incident.acknowledged', byMe: false, by: [{ id: 'PX' }] },
      { type: 'incident.retriggered' },
      { type: 'incident.urgency_changed', from: 'low' },
    ]);
  });

  it('reports a vanished incident as resolved, or unassigned when confirmed still open', () => {
    const a = makeIncident({ id: 'P1' });
    const b = makeIncident({ id: 'P2' });
    const confirmed = new Map([['P2', { ...b, assignees: [{ id: 'PX', summary: 'X' }] }]]);
    const r = diffIncidents(mapOf([a, b]), [], {
      ...ctx(
        new Map([
          ['P1', T0],
          ['P2', T0],
        ]),
      ),
      confirmed,
    });
    expect(r.events).toMatchObject([
      { type: 'incident.resolved', byMe: null, incident: { id: 'P1', status: 'resolved' } },
      { type: 'incident.unassigned', incident: { id: 'P2' } },
    ]);
    const mine = diffIncidents(mapOf([a]), [], { ...ctx(), resolvedByMe: new Set(['P1']) });
    expect(mine.events).toMatchObject([{ type: 'incident.resolved', byMe: true }]);
  });

  it('reports a page that came and went during a gap as triggered then resolved, once', () => {
    const gone = makeIncident({ id: 'P9', status: 'resolved', assignees: [] });
    const r = diffIncidents(new Map(), [], { ...ctx(), catchUp: [gone] });
    expect(r.events.map((e) => e.type)).toEqual(['incident.triggered', 'incident.resolved']);
    const again = diffIncidents(new Map(), [], { ...ctx(r.seen), catchUp: [gone] });
    expect(again.events).toEqual([]);
  });

  it('does not re-trigger an incident that was already reported and comes back', () => {
    const a = makeIncident({ id: 'P1' });
    const r = diffIncidents(new Map(), [a], ctx(new Map([['P1', T0 + 1]])));
    expect(r.events.map((e) => e.type)).toEqual(['incident.updated']);
  });

  it('diffs 10,000 open incidents quickly enough to be linear (no events when unchanged)', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => makeIncident({ id: `P${i}` }));
    const prev = mapOf(list);
    const copy = list.map((i) => structuredClone(i));
    const r = diffIncidents(prev, copy, ctx(new Map(list.map((i) => [i.id, T0]))));
    expect(r.events).toEqual([]);
    expect(r.open.size).toBe(10_000);
  });
});

// ---- properties over random sequences of polls ----

const ids = ['P1', 'P2', 'P3', 'P4', 'P5'];
const arbIncident = fc
  .record({
    id: fc.constantFrom(...ids),
    status: fc.constantFrom('triggered' as const, 'acknowledged' as const),
    urgency: fc.constantFrom('high' as const, 'low' as const),
    mine: fc.boolean(),
    late: fc.boolean(),
    level: fc.integer({ min: 1, max: 3 }),
    title: fc.constantFrom('a', 'b'),
    ackByMe: fc.boolean(),
  })
  .map((r) => {
    const who = r.mine ? ME.id : 'PX';
    return makeIncident({
      id: r.id,
      status: r.status,
      urgency: r.urgency,
      title: r.title,
      escalationLevel: r.level,
      assignees: [{ id: who, summary: who }],
      assignedAt: { [who]: at(T0 + (r.late ? 600_000 : 0)) },
      acknowledgers: r.status === 'acknowledged' ? [{ id: r.ackByMe ? ME.id : 'PX', summary: 'x' }] : [],
    });
  });
const arbPoll = fc.uniqueArray(arbIncident, { selector: (i) => i.id, maxLength: 5 });

describe('diffIncidents properties', () => {
  it('applying the events to the previous state yields the new state, and triggered is once per id', () => {
    fc.assert(
      fc.property(fc.array(arbPoll, { minLength: 1, maxLength: 12 }), (polls) => {
        let open = new Map<string, Incident>();
        let seen: ReadonlyMap<string, number> = new Map();
        const triggered = new Map<string, number>();
        polls.forEach((poll, n) => {
          const now = T0 + n * 5000;
          const r = diffIncidents(open, poll, { meId: ME.id, now, at: at(now), seen });
          const applied = applyIncidentEvents(open, r.events);
          expect(applied.size).toBe(r.open.size);
          for (const [id, inc] of r.open) expect(jsonEqual(applied.get(id), inc)).toBe(true);
          for (const e of r.events) {
            if (e.type === 'incident.triggered')
              triggered.set(e.incident.id, (triggered.get(e.incident.id) ?? 0) + 1);
          }
          open = r.open;
          seen = r.seen;
        });
        for (const count of triggered.values()) expect(count).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('emits nothing for an unchanged poll', () => {
    fc.assert(
      fc.property(arbPoll, (poll) => {
        const first = diffIncidents(new Map(), poll, ctx());
        const second = diffIncidents(first.open, structuredClone(poll), ctx(first.seen, T0 + 5000));
        expect(second.events).toEqual([]);
        expect(second.seen).toBe(first.seen);
      }),
      { numRuns: 200 },
    );
  });
});
