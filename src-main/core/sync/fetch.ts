/**
 * The reads one poll makes: my open incidents with the filters, the catch-up query after a gap, a
 * cheap confirmation of incidents that left the open set, and my on-call entries.
 */
import { isAssignedTo, type Incident, type LogEntry, type OncallEntry } from '../domain.js';
import type { IncidentQuery } from '../pagerduty/api.js';
import type { Filters } from '../settings.js';

/** On-call look-ahead. */
export const ONCALL_WINDOW_MS = 7 * 86_400_000;
/** The on-call data (my shifts, and the services' ownership) is read again this often, and at each shift boundary. */
export const ONCALL_REFRESH_MS = 5 * 60_000;
/** After a failed on-call read, the next try. */
export const ONCALL_RETRY_MS = 60_000;
/** Confirm at most this many vanished incidents at once; beyond that assume resolved. */
export const CONFIRM_MAX = 25;
/** Confirm by listing only incidents created at most this long ago (a cheap query); older ones by their log. */
export const CONFIRM_MAX_AGE_MS = 86_400_000;
/** Log reads one poll may spend on confirming vanished incidents; the rest wait for the next polls. */
export const CONFIRM_LOG_BUDGET = 3;
/** An incident whose log said "still open" is read again after this long at the earliest. */
export const CONFIRM_RECHECK_MS = 60_000;

const ALL_STATUSES: IncidentQuery['statuses'] = ['triggered', 'acknowledged', 'resolved'];
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The incidents query of a poll: open incidents assigned to me, narrowed by services and urgencies;
 * with "include my teams" and team ids it asks for the teams' incidents instead of only mine.
 */
export function incidentQuery(meId: string, filters: Filters): IncidentQuery {
  const teamScope = filters.includeMyTeams && filters.teamIds.length > 0;
  const q: IncidentQuery = { statuses: ['triggered', 'acknowledged'], limit: 100 };
  if (!teamScope) q.userIds = [meId];
  if (filters.teamIds.length > 0) q.teamIds = [...filters.teamIds];
  if (filters.serviceIds.length > 0) q.serviceIds = [...filters.serviceIds];
  if (filters.urgencies.length === 1) q.urgencies = [...filters.urgencies];
  return q;
}

/** The query that confirms what became of vanished incidents, or null when it would not be cheap. */
export function confirmQuery(vanished: readonly Incident[], now: number): IncidentQuery | null {
  if (vanished.length === 0 || vanished.length > CONFIRM_MAX) return null;
  let oldest = Infinity;
  const services = new Set<string>();
  for (const i of vanished) {
    oldest = Math.min(oldest, Date.parse(i.createdAt));
    services.add(i.service.id);
  }
  if (!Number.isFinite(oldest) || now - oldest > CONFIRM_MAX_AGE_MS) return null;
  return {
    statuses: ALL_STATUSES,
    serviceIds: [...services],
    since: iso(oldest - 1000),
    until: iso(now + 60_000),
    limit: 100,
  };
}

/** The on-call query: my entries from now to a week ahead. */
export function oncallQuery(meId: string, now: number): { userIds: string[]; since: string; until: string } {
  return { userIds: [meId], since: iso(now), until: iso(now + ONCALL_WINDOW_MS) };
}

/**
 * Whether an open incident belongs in the poll's view (what `incidentQuery` asks for): one the
 * confirmation finds in view was only missed by the poll (paging drift), it did not leave.
 */
export function inView(i: Incident, meId: string, filters: Filters): boolean {
  if (i.status === 'resolved') return false;
  const teamScope = filters.includeMyTeams && filters.teamIds.length > 0;
  if (!teamScope && !isAssignedTo(i, meId)) return false;
  if (filters.teamIds.length > 0 && !i.teams.some((t) => filters.teamIds.includes(t.id))) return false;
  if (filters.serviceIds.length > 0 && !filters.serviceIds.includes(i.service.id)) return false;
  if (filters.urgencies.length === 1 && !filters.urgencies.includes(i.urgency)) return false;
  return true;
}

const ASSIGNING = new Set(['assign_log_entry', 'escalate_log_entry', 'reassign_log_entry']);

/**
 * What an incident's log says became of it: resolved (a resolve entry), handed to others (the last
 * assignment names no `meId`; only when `byAssignee`), or null when it is still open and mine.
 */
export function stateFromLog(
  prev: Incident,
  log: readonly LogEntry[],
  meId: string,
  byAssignee: boolean,
): Incident | null {
  const resolve = log.find((e) => e.type === 'resolve_log_entry');
  if (resolve) return { ...prev, status: 'resolved', lastStatusChangeAt: resolve.createdAt };
  if (!byAssignee) return null;
  let last: LogEntry | null = null;
  for (const e of log) {
    if (!ASSIGNING.has(e.type) || !e.assignees) continue;
    if (last === null || !(Date.parse(e.createdAt) < Date.parse(last.createdAt))) last = e;
  }
  if (last?.assignees && !last.assignees.some((a) => a.id === meId))
    return { ...prev, assignees: last.assignees.map((a) => ({ id: a.id, summary: a.summary })) };
  return null;
}

/** Vanished incidents: in the previous open set, not in the new listing. */
export function vanishedFrom(
  prev: ReadonlyMap<string, Incident>,
  next: readonly Incident[],
  skip: ReadonlySet<string>,
): Incident[] {
  const now = new Set<string>();
  for (const i of next) if (i.status !== 'resolved') now.add(i.id);
  const out: Incident[] = [];
  for (const [id, i] of prev) if (!now.has(id) && !skip.has(id)) out.push(i);
  return out;
}

/** Type of the on-call fetch result. */
export type OncallState = { entries: OncallEntry[]; fetchedAt: string | null };
