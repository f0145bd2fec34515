/**
 * Fills the team history from PagerDuty: the team's (or the services') incidents in windows
 * (`GET /incidents` with `team_ids[]`/`service_ids[]`, since/until, every status; a window that hits
 * the 10,000 paging cap is split), their log entries (`GET /log_entries` with `team_ids[]`: one
 * listing for the team instead of a call per incident; per incident when only services are given),
 * and the level-1 on-call spans of the escalation policies its incidents use (`GET /oncalls`).
 * Calls are paced and retried like the shift-history backfill; progress is reported throughout.
 */
import type { Incident } from '../domain.js';
import { createPacedCaller, type PacingOptions } from '../history/backfill.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { TeamApi, TeamLogEntry } from './team-api.js';
import type { OncallSpan, TeamPage } from './types.js';

const DAY_MS = 86_400_000;
const PAGING_CAP = 10_000;
/** Log entries of an incident may come after it: resolved up to this long after the range still counts. */
const LOG_TAIL_MS = 7 * DAY_MS;

/** Progress of a team backfill. */
export interface TeamBackfillProgress {
  phase: 'incidents' | 'log_entries' | 'oncalls' | 'done';
  done: number;
  total: number;
}

/** What to fetch. */
export interface TeamBackfillQuery {
  account: string;
  teamId: string | null;
  serviceIds: string[];
  since: number;
  until: number;
}

/** Options of a team backfill. */
export interface TeamBackfillOptions extends PacingOptions {
  onProgress?: (p: TeamBackfillProgress) => void;
  /** Window length (default 30 days). */
  windowMs?: number;
}

const iso = (t: number) => new Date(t).toISOString();

function windowsOf(since: number, until: number, len: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = since; s < until; s += len) out.push([s, Math.min(until, s + len)]);
  return out;
}

/** A team record from an incident and its log entries. */
export function toTeamPage(
  account: string,
  inc: Incident,
  entries: readonly TeamLogEntry[] | readonly Omit<TeamLogEntry, 'incidentId'>[],
  queriedTeam: string | null,
): TeamPage | null {
  const triggeredAt = Date.parse(inc.createdAt);
  if (!Number.isFinite(triggeredAt)) return null;
  const sorted = [...entries].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const ack = sorted.find((e) => e.type.startsWith('acknowledge'));
  const res = sorted.find((e) => e.type.startsWith('resolve'));
  const assign = sorted.find((e) => /^(assign|notify)/.test(e.type) && e.assignees?.length);
  const at = (s: string | undefined): number | null => {
    const t = s === undefined ? NaN : Date.parse(s);
    return Number.isFinite(t) ? Math.max(t, triggeredAt) : null;
  };
  let resolvedAt = at(res?.createdAt);
  if (resolvedAt === null && inc.status === 'resolved') resolvedAt = at(inc.lastStatusChangeAt);
  let acknowledgedAt = at(ack?.createdAt);
  if (acknowledgedAt === null && inc.status === 'acknowledged') acknowledgedAt = at(inc.lastStatusChangeAt);
  const responder = assign?.assignees?.[0] ?? inc.assignees[0] ?? ack?.agent ?? null;
  const teamIds = inc.teams.map((t) => t.id);
  if (queriedTeam && !teamIds.includes(queriedTeam)) teamIds.push(queriedTeam);
  // A resolve by the service (auto-resolve) has a service agent; only users count as resolvers.
  const resolver = res?.agent && res.agent.id !== inc.service.id ? res.agent.id : null;
  return {
    account,
    incidentId: inc.id,
    number: inc.number,
    title: inc.title,
    alertKey: inc.incidentKey,
    serviceId: inc.service.id,
    serviceName: inc.service.summary,
    policyId: inc.escalationPolicy?.id ?? null,
    teamIds,
    urgency: inc.urgency,
    triggeredAt,
    acknowledgedAt,
    acknowledgedBy: acknowledgedAt === null ? null : (ack?.agent?.id ?? inc.acknowledgers[0]?.id ?? null),
    resolvedAt,
    resolvedBy: resolver,
    escalated: sorted.some((e) => e.type.startsWith('escalate')) || (inc.escalationLevel ?? 1) > 1,
    notes: sorted.filter((e) => e.type.startsWith('annotate')).length,
    responderId: responder?.id ?? null,
    responderName: responder?.summary ?? null,
  };
}

/** Fetches a team's incidents, log entries and on-call spans over a range. */
export async function backfillTeam(
  api: PagerDutyApi,
  teamApi: TeamApi,
  q: TeamBackfillQuery,
  opts: TeamBackfillOptions,
): Promise<{ pages: TeamPage[]; spans: OncallSpan[] }> {
  const call = createPacedCaller({ ...opts, what: 'team backfill' });
  const progress = (p: TeamBackfillProgress) => opts.onProgress?.(p);
  const len = Math.min(opts.windowMs ?? 30 * DAY_MS, 180 * DAY_MS);
  const signal = opts.signal ? { signal: opts.signal } : undefined;
  const windows = windowsOf(q.since, q.until, len);
  const found = new Map<string, Incident>();

  const list = async (a: number, b: number): Promise<void> => {
    const res = await call('list incidents', () =>
      api.listIncidents(
        {
          since: iso(a),
          until: iso(b),
          ...(q.teamId ? { teamIds: [q.teamId] } : {}),
          ...(q.serviceIds.length ? { serviceIds: q.serviceIds } : {}),
          statuses: ['triggered', 'acknowledged', 'resolved'],
          include: [],
          limit: 100,
        },
        signal,
      ),
    );
    if (res.items.length + res.skipped.length >= PAGING_CAP && b - a > 60_000) {
      const mid = a + Math.floor((b - a) / 2);
      await list(a, mid);
      await list(mid, b);
      return;
    }
    for (const inc of res.items) {
      const t = Date.parse(inc.createdAt);
      if (t >= q.since && t < q.until) found.set(inc.id, inc);
    }
  };
  progress({ phase: 'incidents', done: 0, total: windows.length });
  for (let i = 0; i < windows.length; i++) {
    const [a, b] = windows[i]!;
    await list(a, b);
    progress({ phase: 'incidents', done: i + 1, total: windows.length });
  }

  const byIncident = new Map<string, TeamLogEntry[]>();
  const now = opts.clock.now();
  if (q.teamId) {
    const teamId = q.teamId;
    const logWindows = windowsOf(q.since, Math.min(now + 60_000, q.until + LOG_TAIL_MS), len);
    progress({ phase: 'log_entries', done: 0, total: logWindows.length });
    for (let i = 0; i < logWindows.length; i++) {
      const [a, b] = logWindows[i]!;
      const res = await call('list log entries', () =>
        teamApi.listLogEntries({ since: iso(a), until: iso(b), teamIds: [teamId] }, opts.signal),
      );
      for (const e of res.items) {
        if (!e.incidentId || !found.has(e.incidentId)) continue;
        const list = byIncident.get(e.incidentId);
        if (list) list.push(e);
        else byIncident.set(e.incidentId, [e]);
      }
      progress({ phase: 'log_entries', done: i + 1, total: logWindows.length });
    }
  } else {
    const ids = [...found.keys()];
    progress({ phase: 'log_entries', done: 0, total: ids.length });
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const res = await call('log entries', () => api.listLogEntries(id, signal));
      byIncident.set(
        id,
        res.items.map((e) => ({ ...e, incidentId: id })),
      );
      progress({ phase: 'log_entries', done: i + 1, total: ids.length });
    }
  }

  const pages: TeamPage[] = [];
  for (const inc of found.values()) {
    const p = toTeamPage(q.account, inc, byIncident.get(inc.id) ?? [], q.teamId);
    if (p) pages.push(p);
  }

  const policies = [...new Set(pages.map((p) => p.policyId).filter((p): p is string => p !== null))];
  const spans = new Map<string, OncallSpan>();
  const ocWindows = policies.length ? windowsOf(q.since, Math.min(q.until, now), len) : [];
  progress({ phase: 'oncalls', done: 0, total: ocWindows.length });
  for (let i = 0; i < ocWindows.length; i++) {
    const [a, b] = ocWindows[i]!;
    const res = await call('list on-calls', () =>
      teamApi.listOncalls({ since: iso(a), until: iso(b), policyIds: policies }, opts.signal),
    );
    for (const o of res.items) {
      if (o.escalationLevel !== 1) continue;
      // Entries are clipped to the window; permanent ones (no start or end) to the window's bounds.
      const start = Math.max(a, o.start ? Date.parse(o.start) : a);
      const end = Math.min(b, o.end ? Date.parse(o.end) : b);
      if (!(end > start)) continue;
      const span: OncallSpan = {
        account: q.account,
        teamIds: q.teamId ? [q.teamId] : [],
        policyId: o.escalationPolicy.id,
        userId: o.user.id,
        userName: o.user.summary,
        start,
        end,
      };
      spans.set(`${span.policyId}|${span.userId}|${start}|${end}`, span);
    }
    progress({ phase: 'oncalls', done: i + 1, total: ocWindows.length });
  }
  progress({ phase: 'done', done: pages.length, total: pages.length });
  return { pages, spans: [...spans.values()] };
}
