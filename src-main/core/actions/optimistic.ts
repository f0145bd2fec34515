/**
 * Optimistic view (pure): the polled incidents with queued and just-delivered actions applied, so an
 * acknowledge shows at once and a final failure rolls back simply by dropping the action.
 */
import type { Incident, UserRef } from '../domain.js';
import type { PendingAction } from '../events.js';

/** Applies actions in order to the open incidents; resolved ones disappear. */
export function applyActions(
  incidents: Iterable<Incident>,
  actions: readonly PendingAction[],
  me: UserRef | null,
  at: string,
): Incident[] {
  if (actions.length === 0) return [...incidents];
  const ack = new Set<string>();
  const resolved = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'acknowledge' || a.kind === 'acknowledge_all_mine')
      a.incidentIds.forEach((id) => ack.add(id));
    else if (a.kind === 'resolve') a.incidentIds.forEach((id) => resolved.add(id));
  }
  const out: Incident[] = [];
  for (const i of incidents) {
    if (resolved.has(i.id)) continue;
    if (ack.has(i.id) && i.status === 'triggered') {
      const acknowledgers =
        me && !i.acknowledgers.some((u) => u.id === me.id) ? [...i.acknowledgers, me] : i.acknowledgers;
      out.push({ ...i, status: 'acknowledged', acknowledgers, lastStatusChangeAt: at });
    } else out.push(i);
  }
  return out;
}

/** Display order: triggered first, then high urgency, then newest. */
export function sortIncidents(incidents: Incident[]): Incident[] {
  const rank = (i: Incident): number => (i.status === 'triggered' ? 0 : 2) + (i.urgency === 'high' ? 0 : 1);
  return incidents.sort(
    (a, b) => rank(a) - rank(b) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0),
  );
}
