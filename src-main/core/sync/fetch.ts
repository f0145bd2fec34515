/**
 * The reads one poll makes: my open incidents with the filters, the catch-up query after a gap, a
 * cheap confirmation of incidents that left the open set, and my on-call entries.
 */
import type { Incident, OncallEntry } from '../domain.js';
import type { IncidentQuery } from '../pagerduty/api.js';
import type { Filters } from '../settings.js';

/** On-call look-ahead. */
export const ONCALL_WINDOW_MS = 7 * 86_400_000;
/** Confirm at most this many vanished incidents at once; beyond that assume resolved. */
export const CONFIRM_MAX = 25;
/** Confirm only incidents created at most this long ago (a cheap query); older ones are assumed resolved. */
export const CONFIRM_MAX_AGE_MS = 86_400_000;

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
