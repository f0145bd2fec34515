/**
 * The live feed into the team history: every incident event the running companion emits becomes (or
 * updates) that incident's team record, with no request of its own (the poll already paid for it).
 * A record the backfill wrote knows more (log entries: notes, the first responder, who resolved it);
 * the live event only adds what it has seen happen, so merging never loses a backfilled detail. The
 * next backfill of the range (the Team view's, at most every few minutes) overwrites it with the
 * full record.
 */
import type { CoreEvent } from '../events.js';
import { toTeamPage } from './backfill.js';
import type { TeamPage } from './types.js';

type IncidentEvent = Extract<CoreEvent, { incident: unknown }>;

const INCIDENT_EVENTS = new Set<CoreEvent['type']>([
  'incident.triggered',
  'incident.seen',
  'incident.escalated',
  'incident.retriggered',
  'incident.acknowledged',
  'incident.resolved',
  'incident.urgency_changed',
  'incident.updated',
  'incident.unassigned',
]);

/** Whether an event carries an incident the team history should keep. */
export function isIncidentEvent(e: CoreEvent): e is IncidentEvent {
  return INCIDENT_EVENTS.has(e.type) && 'incident' in e;
}

/**
 * The team record after `event`, merged over `existing` (the stored record of the same incident and
 * account, if any); null when the incident is not one to keep (no valid trigger time).
 */
export function livePage(account: string, event: CoreEvent, existing: TeamPage | null): TeamPage | null {
  if (!isIncidentEvent(event)) return null;
  const seen = toTeamPage(account, event.incident, [], null);
  if (!seen) return null;
  const at = Date.parse(event.at);
  const when = Number.isFinite(at) ? Math.max(at, seen.triggeredAt) : null;
  let { acknowledgedAt, acknowledgedBy, resolvedAt } = seen;
  if (event.type === 'incident.acknowledged') {
    acknowledgedAt ??= when;
    acknowledgedBy ??= event.by[0]?.id ?? null;
  }
  if (event.type === 'incident.resolved') resolvedAt ??= when;
  const teamIds = [...new Set([...(existing?.teamIds ?? []), ...seen.teamIds])];
  return {
    ...seen,
    teamIds,
    // What happened first stays first: a later poll's status time is not the acknowledgement's.
    acknowledgedAt: existing?.acknowledgedAt ?? acknowledgedAt,
    acknowledgedBy: existing?.acknowledgedBy ?? acknowledgedBy,
    resolvedAt: existing?.resolvedAt ?? resolvedAt,
    resolvedBy: existing?.resolvedBy ?? null,
    escalated:
      (existing?.escalated ?? false) ||
      seen.escalated ||
      (event.type === 'incident.escalated' && event.reason === 'escalated'),
    notes: existing?.notes ?? 0,
    responderId: existing?.responderId ?? seen.responderId,
    responderName: existing?.responderName ?? seen.responderName,
  };
}
