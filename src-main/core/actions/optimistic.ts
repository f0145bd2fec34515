/**
 * Optimistic view (pure): the polled incidents with queued and just-delivered actions applied, so an
 * acknowledge (or a reassign, an escalation, a priority...) shows at once and a final failure rolls
 * back simply by dropping the action.
 */
import type { Incident, UserRef } from '../domain.js';
import type { PendingAction } from '../events.js';

/** One work action applied to an incident (what the next poll will say once PagerDuty took it). */
function applyWork(i: Incident, a: PendingAction): Incident {
  const w = a.work ?? {};
  switch (a.kind) {
    case 'reassign':
      if (w.policy)
        return {
          ...i,
          status: 'triggered',
          acknowledgers: [],
          escalationPolicy: { ...w.policy },
          escalationLevel: 1,
        };
      if (w.users && w.users.length > 0)
        return { ...i, status: 'triggered', acknowledgers: [], assignees: w.users.map((u) => ({ ...u })) };
      return i;
    case 'escalate':
      return w.level === undefined
        ? i
        : { ...i, status: 'triggered', acknowledgers: [], escalationLevel: w.level };
    case 'set_urgency':
      return w.urgency ? { ...i, urgency: w.urgency } : i;
    case 'set_priority':
      return w.priority ? { ...i, priority: w.priority.name } : i;
    default:
      return i;
  }
}

/** Applies actions in order to the open incidents; resolved (and merged-away) ones disappear. */
export function applyActions(
  incidents: Iterable<Incident>,
  actions: readonly PendingAction[],
  me: UserRef | null,
  at: string,
): Incident[] {
  if (actions.length === 0) return [...incidents];
  const ack = new Set<string>();
  const resolved = new Set<string>();
  const work = new Map<string, PendingAction[]>();
  for (const a of actions) {
    if (a.kind === 'acknowledge' || a.kind === 'acknowledge_all_mine')
      a.incidentIds.forEach((id) => ack.add(id));
    else if (a.kind === 'resolve') a.incidentIds.forEach((id) => resolved.add(id));
    else if (a.kind === 'merge') (a.work?.sourceIds ?? []).forEach((id) => resolved.add(id));
    else if (a.work !== undefined) for (const id of a.incidentIds) work.set(id, [...(work.get(id) ?? []), a]);
  }
  const out: Incident[] = [];
  for (const i of incidents) {
    if (resolved.has(i.id)) continue;
    let shown = i;
    if (ack.has(i.id) && i.status === 'triggered') {
      const acknowledgers =
        me && !i.acknowledgers.some((u) => u.id === me.id) ? [...i.acknowledgers, me] : i.acknowledgers;
      shown = { ...i, status: 'acknowledged', acknowledgers, lastStatusChangeAt: at };
    }
    for (const a of work.get(i.id) ?? []) shown = applyWork(shown, a);
    out.push(shown);
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
