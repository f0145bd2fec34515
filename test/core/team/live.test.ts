/**
 * The live feed into the team history: each incident event of the running companion becomes or
 * updates the incident's team record with no request, a backfilled record keeps what only the log
 * knew (notes, responder, resolver), and the week in progress counts what was recorded.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryAppendLog } from '../../../src-main/core/history/append-log.js';
import { silentLogger, type Clock, type Timers } from '../../../src-main/core/ports.js';
import type { Incident } from '../../../src-main/core/domain.js';
import type { CoreEvent } from '../../../src-main/core/events.js';
import { livePage } from '../../../src-main/core/team/live.js';
import { computeTeamLoad } from '../../../src-main/core/team/load.js';
import { createTeamService, type TeamSource } from '../../../src-main/core/team/service.js';
import { openTeamStore } from '../../../src-main/core/team/store.js';
import { DEFAULT_TEAM_SETTINGS, type TeamPage } from '../../../src-main/core/team/types.js';
import { mondayOf, weeksEndingAt } from '../../../src-main/core/team/weeks.js';

const T0 = Date.parse('2026-12-02T03:10:00.000Z'); // a Wednesday, in sleep hours (UTC)
const iso = (t: number) => new Date(t).toISOString();

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'Q1',
    number: 7,
    title: 'disk-91% on payments-db',
    status: 'triggered',
    urgency: 'high',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    lastStatusChangeAt: iso(T0),
    htmlUrl: null,
    service: { id: 'PS1', summary: 'payments-db' },
    escalationPolicy: { id: 'PEP1', summary: 'Payments' },
    escalationLevel: 1,
    assignees: [{ id: 'PU1', summary: 'Ana' }],
    assignedAt: {},
    acknowledgers: [],
    teams: [{ id: 'PT1', summary: 'Payments' }],
    priority: null,
    incidentKey: 'disk',
    details: null,
    ...over,
  } as Incident;
}

async function service() {
  const store = await openTeamStore(createMemoryAppendLog(), silentLogger);
  const clock = { now: () => T0 + 3_600_000 } as Clock;
  const svc = createTeamService({
    source: () => ({ teamApi: { host: 'acct.example' } }) as unknown as TeamSource,
    store,
    clock,
    timers: {} as Timers,
    logger: silentLogger,
  });
  return { store, svc };
}

describe('the live feed into the team history', () => {
  it('records a page as it is triggered, acknowledged and resolved, with no request', async () => {
    const { store, svc } = await service();
    const inc = incident();
    svc.record({ type: 'incident.triggered', at: iso(T0), incident: inc });
    expect(store.pages()).toHaveLength(1);
    expect(store.page('acct.example', 'Q1')).toMatchObject({
      teamIds: ['PT1'],
      triggeredAt: T0,
      acknowledgedAt: null,
      resolvedAt: null,
      responderId: 'PU1',
    });
    svc.record({
      type: 'incident.acknowledged',
      at: iso(T0 + 120_000),
      incident: { ...inc, status: 'acknowledged', lastStatusChangeAt: iso(T0 + 120_000) },
      byMe: true,
      by: [{ id: 'PU1', summary: 'Ana' }],
    });
    // A later poll's status time is not the acknowledgement's.
    svc.record({
      type: 'incident.updated',
      at: iso(T0 + 400_000),
      incident: { ...inc, status: 'acknowledged', lastStatusChangeAt: iso(T0 + 400_000) },
    });
    svc.record({
      type: 'incident.resolved',
      at: iso(T0 + 600_000),
      incident: { ...inc, status: 'resolved', lastStatusChangeAt: iso(T0 + 600_000) },
      byMe: true,
    });
    expect(store.pages()).toHaveLength(1);
    expect(store.page('acct.example', 'Q1')).toMatchObject({
      acknowledgedAt: T0 + 120_000,
      acknowledgedBy: 'PU1',
      resolvedAt: T0 + 600_000,
      escalated: false,
    });
    // Not incident events, and events without a source, change nothing.
    svc.record({ type: 'sync', at: iso(T0) } as unknown as CoreEvent);
    expect(store.pages()).toHaveLength(1);

    // The week in progress counts it: one high-urgency page in sleep hours, MTTA 2 minutes.
    const week = weeksEndingAt(mondayOf(T0, 'UTC'), 1, 'UTC');
    const w = computeTeamLoad(store.pages(), store.spans(), {
      teamId: 'PT1',
      team: { id: 'PT1', name: 'Payments' },
      account: 'acct.example',
      weeks: week,
      settings: { ...DEFAULT_TEAM_SETTINGS, timeZone: 'UTC' },
      budget: {},
    }).weeks[0]!;
    expect([w.pages, w.highUrgency, w.sleepInterruptions, w.mttaMedianMs]).toEqual([1, 1, 1, 120_000]);
  });

  it('an escalation marks it escalated; a reassignment does not', () => {
    const inc = incident();
    const reassigned = livePage(
      'a',
      { type: 'incident.escalated', at: iso(T0), incident: inc, reason: 'reassigned', previousAssignees: [] },
      null,
    );
    const escalated = livePage(
      'a',
      { type: 'incident.escalated', at: iso(T0), incident: inc, reason: 'escalated', previousAssignees: [] },
      null,
    );
    expect(reassigned?.escalated).toBe(false);
    expect(escalated?.escalated).toBe(true);
    expect(
      livePage('a', { type: 'incident.seen', at: iso(T0), incident: { ...inc, createdAt: 'bad' } }, null),
    ).toBe(null);
  });

  it('never loses what the backfill read from the log', () => {
    const backfilled: TeamPage = {
      ...livePage('a', { type: 'incident.triggered', at: iso(T0), incident: incident() }, null)!,
      acknowledgedAt: T0 + 60_000,
      acknowledgedBy: 'PU2',
      resolvedAt: T0 + 90_000,
      resolvedBy: 'PU2',
      escalated: true,
      notes: 3,
      responderId: 'PU9',
      responderName: 'Bo',
      teamIds: ['PT1', 'PT2'],
    };
    const after = livePage(
      'a',
      {
        type: 'incident.resolved',
        at: iso(T0 + 999_000),
        incident: incident({ status: 'resolved', lastStatusChangeAt: iso(T0 + 999_000) }),
        byMe: false,
      },
      backfilled,
    );
    expect(after).toMatchObject({
      acknowledgedAt: T0 + 60_000,
      acknowledgedBy: 'PU2',
      resolvedAt: T0 + 90_000,
      resolvedBy: 'PU2',
      escalated: true,
      notes: 3,
      responderId: 'PU9',
      teamIds: ['PT1', 'PT2'],
    });
  });
});
