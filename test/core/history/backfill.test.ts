import { describe, expect, it } from 'vitest';
import { backfill, toRecord, type BackfillProgress } from '../../../src-main/core/history/backfill.js';
import type { IncidentQuery, PagerDutyApi } from '../../../src-main/core/pagerduty/api.js';
import type { Incident, LogEntry } from '../../../src-main/core/domain.js';
import type { Timers } from '../../../src-main/core/ports.js';
import { ME, OTHER, incident } from './fakes.js';

const DAY = 86_400_000;
const SINCE = Date.parse('2026-09-01T00:00:00.000Z');
const me = { id: ME.id, name: ME.summary };

/** Timers that fire at once and advance the fake clock by the delay. */
function instantTime() {
  let now = SINCE + 100 * DAY;
  const delays: number[] = [];
  const timers: Timers = {
    setTimeout(fn, ms) {
      delays.push(ms);
      now += ms;
      queueMicrotask(fn);
      return 0;
    },
    clearTimeout() {},
  };
  return { clock: { now: () => now }, timers, delays };
}

function log(
  type: string,
  at: number,
  agent: { id: string; summary: string } | null,
  summary = '',
): LogEntry {
  return { id: `L${type}${at}`, type, createdAt: new Date(at).toISOString(), summary, agent, content: null };
}

function fakeApi(
  all: Incident[],
  logs: Record<string, LogEntry[]>,
  opts: { rateLimitFirst?: number; cap?: boolean } = {},
) {
  const queries: IncidentQuery[] = [];
  const logCalls: string[] = [];
  let rateLimits = opts.rateLimitFirst ?? 0;
  const api: Partial<PagerDutyApi> = {
    async listIncidents(q) {
      queries.push(q);
      if (rateLimits > 0) {
        rateLimits--;
        throw Object.assign(new Error('Rate limited'), { kind: 'rate_limited', retryAfterMs: 7000 });
      }
      const since = Date.parse(q.since!);
      const until = Date.parse(q.until!);
      const items = all.filter((i) => {
        const t = Date.parse(i.createdAt);
        return (
          t >= since &&
          t < until &&
          q.statuses!.includes(i.status) &&
          (!q.userIds || i.assignees.some((a) => q.userIds!.includes(a.id)))
        );
      });
      if (opts.cap && until - since > DAY && items.length) {
        return { items: Array.from({ length: 10_000 }, () => items[0]!), skipped: [] };
      }
      return { items, skipped: [] };
    },
    async listLogEntries(id) {
      logCalls.push(id);
      return { items: logs[id] ?? [], skipped: [] };
    },
  };
  return { api: api as PagerDutyApi, queries, logCalls };
}

describe('backfill', () => {
  const t = (d: number, h = 10) => SINCE + d * DAY + h * 3_600_000;
  const open = incident({ id: 'POPEN', createdAt: new Date(t(3)).toISOString(), status: 'triggered' });
  const resolvedMine = incident({
    id: 'PRES',
    createdAt: new Date(t(40)).toISOString(),
    status: 'resolved',
    lastStatusChangeAt: new Date(t(40, 12)).toISOString(),
    assignees: [],
    assignedAt: {},
  });
  const resolvedOther = incident({
    id: 'POTH',
    createdAt: new Date(t(41)).toISOString(),
    status: 'resolved',
    assignees: [],
    assignedAt: {},
  });
  const logs = {
    PRES: [
      log('resolve_log_entry', t(40, 12), OTHER),
      log('assign_log_entry', t(40), null, 'Assigned to Me Myself.'),
      log('acknowledge_log_entry', t(40, 11), ME),
    ],
    POTH: [log('assign_log_entry', t(41), null, 'Assigned to Olga Other.')],
  };

  it('lists in windows, keeps what involved me, and reads ack/resolve times from log entries', async () => {
    const { api, queries, logCalls } = fakeApi([open, resolvedMine, resolvedOther], logs);
    const time = instantTime();
    const progress: BackfillProgress[] = [];
    const recs = await backfill(
      api,
      { since: SINCE, until: SINCE + 60 * DAY },
      { me, ...time, timeZone: 'UTC', onProgress: (p) => progress.push(p) },
    );
    expect(recs.map((r) => r.incidentId).sort()).toEqual(['POPEN', 'PRES']);
    const res = recs.find((r) => r.incidentId === 'PRES')!;
    expect(res.acknowledgedAt).toBe(t(40, 11));
    expect(res.acknowledgedByMe).toBe(true);
    expect(res.resolvedAt).toBe(t(40, 12));
    expect(res.resolvedBy).toBe(OTHER.summary);
    // Two 30-day windows, each listed twice (open mine, resolved all).
    expect(queries).toHaveLength(4);
    expect(
      queries.filter((q) => q.userIds).every((q) => q.statuses!.join() === 'triggered,acknowledged'),
    ).toBe(true);
    expect(queries.filter((q) => !q.userIds).every((q) => q.statuses!.join() === 'resolved')).toBe(true);
    expect(logCalls).not.toContain('POPEN'); // a triggered open incident needs no log
    expect(progress[0]).toEqual({ phase: 'incidents', done: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 2, total: 2 });
    expect(progress.some((p) => p.phase === 'log_entries' && p.done === 3 && p.total === 3)).toBe(true);
    // Paced: never two calls closer than the minimum interval.
    expect(time.delays.every((d) => d <= 250)).toBe(true);
  });

  it('waits retryAfterMs on a rate limit and then carries on', async () => {
    const { api, queries } = fakeApi([open], logs, { rateLimitFirst: 2 });
    const time = instantTime();
    const recs = await backfill(
      api,
      { since: SINCE, until: SINCE + 10 * DAY },
      { me, ...time, minIntervalMs: 0 },
    );
    expect(recs).toHaveLength(1);
    expect(time.delays.filter((d) => d === 7000)).toHaveLength(2);
    expect(queries).toHaveLength(4);
  });

  it('gives up after maxAttempts and does not retry non-transient errors', async () => {
    const time = instantTime();
    const failing = {
      listIncidents: async () => {
        throw Object.assign(new Error('bad token'), { kind: 'auth' });
      },
    } as unknown as PagerDutyApi;
    await expect(
      backfill(failing, { since: SINCE, until: SINCE + DAY }, { me, ...time, minIntervalMs: 0 }),
    ).rejects.toThrow('bad token');
    expect(time.delays).toEqual([]);
  });

  it('splits a window that hits the 10,000 paging cap', async () => {
    const { api, queries } = fakeApi([open], logs, { cap: true });
    const time = instantTime();
    await backfill(
      api,
      { since: SINCE, until: SINCE + 4 * DAY },
      { me, ...time, minIntervalMs: 0, windowMs: 4 * DAY },
    );
    const spans = queries.filter((q) => q.userIds).map((q) => Date.parse(q.until!) - Date.parse(q.since!));
    expect(spans[0]).toBe(4 * DAY);
    expect(Math.min(...spans)).toBeLessThanOrEqual(DAY);
  });

  it('toRecord falls back to the incident when log entries are missing', () => {
    const acked = incident({
      id: 'PACK',
      status: 'acknowledged',
      createdAt: '2026-11-30T08:00:00.000Z',
      lastStatusChangeAt: '2026-11-30T08:05:00.000Z',
      acknowledgers: [OTHER],
    });
    const r = toRecord(acked, [], { me, timeZone: 'UTC' })!;
    expect(r.acknowledgedAt).toBe(Date.parse('2026-11-30T08:05:00.000Z'));
    expect(r.acknowledgedByMe).toBe(false);
    expect(toRecord(incident({ id: 'X', assignees: [OTHER] }), [], { me })).toBeNull();
  });
});
