/**
 * The pure diff of two polls: the previous open set against the new one, as incident events.
 * Pure and allocation-light (Maps, one pass each way) so one poll of 10,000 incidents stays cheap.
 */
import { isAssignedTo, type Incident } from '../domain.js';
import type { CoreEvent, EventOf } from '../events.js';
import { sameIncident } from './same.js';

/** Incident events the diff can emit. */
export type IncidentEvent = EventOf<
  | 'incident.triggered'
  | 'incident.seen'
  | 'incident.escalated'
  | 'incident.retriggered'
  | 'incident.acknowledged'
  | 'incident.resolved'
  | 'incident.urgency_changed'
  | 'incident.updated'
  | 'incident.unassigned'
>;

/** An assignment to me this long after creation is an escalation or a reassignment, not a new page. */
export const DEFAULT_ASSIGNMENT_GRACE_MS = 60_000;

/** What the diff needs besides the two sets. */
export interface DiffContext {
  meId: string;
  /** Epoch ms of the poll (stored in `seen`). */
  now: number;
  /** ISO time put on the events. */
  at: string;
  /** Every incident id already reported -> when it last left the open set (or joined it). */
  seen: ReadonlyMap<string, number>;
  /** Fresh state of incidents that left the open set, when it was cheap to fetch. */
  confirmed?: ReadonlyMap<string, Incident>;
  /** Previous incidents missing from this poll whose fate is not confirmed: kept as they were, silently. */
  keep?: ReadonlySet<string>;
  /** Incidents from a catch-up query after a gap: ones that came and went meanwhile. */
  catchUp?: readonly Incident[];
  /** Ids I resolved through the app (so their resolved event says byMe: true). */
  resolvedByMe?: ReadonlySet<string>;
  graceMs?: number;
}

/** Events, the new open set, and the updated `seen` map (the same object when unchanged). */
export interface DiffResult {
  events: IncidentEvent[];
  open: Map<string, Incident>;
  seen: ReadonlyMap<string, number>;
}

/** Deep equality of JSON-like values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  return true;
}

function assignedAtMs(incident: Incident, meId: string): number {
  const at = incident.assignedAt[meId];
  return at ? Date.parse(at) : NaN;
}

/** True when the incident reached me well after it was created (escalation or hand-over). */
export function assignedLate(
  incident: Incident,
  meId: string,
  graceMs = DEFAULT_ASSIGNMENT_GRACE_MS,
): boolean {
  const t = assignedAtMs(incident, meId);
  const c = Date.parse(incident.createdAt);
  if (Number.isFinite(t) && Number.isFinite(c)) return t - c > graceMs;
  return (incident.escalationLevel ?? 1) > 1;
}

function escalationReason(prev: Incident | undefined, next: Incident): 'escalated' | 'reassigned' {
  const before = prev?.escalationLevel ?? 1;
  const after = next.escalationLevel ?? 1;
  return after > before || (!prev && after > 1) ? 'escalated' : 'reassigned';
}

function changed(ev: IncidentEvent[], prev: Incident, next: Incident, ctx: DiffContext): void {
  const { meId, at } = ctx;
  const wasMine = isAssignedTo(prev, meId);
  const isMine = isAssignedTo(next, meId);
  const before = ev.length;
  const levelRose = (next.escalationLevel ?? 1) > (prev.escalationLevel ?? 1);
  const reassignedToMe = isMine && wasMine && levelRose && prev.assignedAt[meId] !== next.assignedAt[meId];
  if (isMine && (!wasMine || reassignedToMe)) {
    const reason = escalationReason(prev, next);
    ev.push({ type: 'incident.escalated', at, incident: next, reason, previousAssignees: prev.assignees });
  }
  if (prev.status === 'triggered' && next.status === 'acknowledged') {
    const byMe = next.acknowledgers.some((u) => u.id === meId);
    ev.push({ type: 'incident.acknowledged', at, incident: next, byMe, by: next.acknowledgers });
  } else if (prev.status === 'acknowledged' && next.status === 'triggered') {
    ev.push({ type: 'incident.retriggered', at, incident: next });
  }
  if (prev.urgency !== next.urgency) {
    ev.push({ type: 'incident.urgency_changed', at, incident: next, from: prev.urgency });
  }
  // Called only for incidents that differ: something else changed (title, assignees, priority...).
  if (ev.length === before) ev.push({ type: 'incident.updated', at, incident: next });
}

function joined(ev: IncidentEvent[], next: Incident, ctx: DiffContext, seenAt: number | undefined): void {
  const { meId, at } = ctx;
  const mine = isAssignedTo(next, meId);
  if (seenAt !== undefined) {
    const t = assignedAtMs(next, meId);
    if (mine && Number.isFinite(t) && t > seenAt) {
      const reason = escalationReason(undefined, next);
      ev.push({ type: 'incident.escalated', at, incident: next, reason, previousAssignees: [] });
    } else {
      ev.push({ type: 'incident.updated', at, incident: next });
    }
  } else if (mine && assignedLate(next, meId, ctx.graceMs)) {
    const reason = escalationReason(undefined, next);
    ev.push({ type: 'incident.escalated', at, incident: next, reason, previousAssignees: [] });
  } else {
    // First seen already acknowledged: known to the feed, but not a page that rings now.
    ev.push({
      type: next.status === 'triggered' ? 'incident.triggered' : 'incident.seen',
      at,
      incident: next,
    });
  }
}

/** Diffs the previous open set against a new poll's incidents. */
export function diffIncidents(
  prev: ReadonlyMap<string, Incident>,
  next: readonly Incident[],
  ctx: DiffContext,
): DiffResult {
  const events: IncidentEvent[] = [];
  const open = new Map<string, Incident>();
  let seen: Map<string, number> | null = null;
  const markSeen = (id: string): void => {
    seen ??= new Map(ctx.seen);
    seen.set(id, ctx.now);
  };
  let kept = 0;
  for (const n of next) {
    if (n.status === 'resolved' || open.has(n.id)) continue;
    const p = prev.get(n.id);
    if (p) {
      kept += 1;
      // Unchanged: keep the previous object, so the new copy dies young (cheap GC, flat memory).
      if (sameIncident(p, n)) open.set(n.id, p);
      else {
        open.set(n.id, n);
        changed(events, p, n, ctx);
      }
    } else {
      open.set(n.id, n);
      joined(events, n, ctx, ctx.seen.get(n.id));
      markSeen(n.id);
    }
  }
  const byMe = (id: string): boolean | null => (ctx.resolvedByMe?.has(id) ? true : null);
  // Every previous incident is still open (the usual poll): nothing left, skip the second pass.
  for (const [id, p] of kept === prev.size ? [] : prev) {
    if (open.has(id)) continue;
    if (ctx.keep?.has(id)) {
      open.set(id, p);
      continue;
    }
    const c = ctx.confirmed?.get(id);
    if (c && c.status !== 'resolved') {
      events.push({ type: 'incident.unassigned', at: ctx.at, incident: c });
    } else {
      // PagerDuty clears assignments on resolve: keep the last known ones, so "my page" stays known.
      const incident: Incident = c
        ? {
            ...c,
            assignees: c.assignees.length > 0 ? c.assignees : p.assignees,
            details: c.details ?? p.details,
          }
        : { ...p, status: 'resolved' };
      events.push({ type: 'incident.resolved', at: ctx.at, incident, byMe: byMe(id) });
    }
    markSeen(id);
  }
  for (const c of ctx.catchUp ?? []) {
    if (c.status !== 'resolved' || open.has(c.id) || prev.has(c.id)) continue;
    if (ctx.seen.has(c.id) || (seen !== null && (seen as Map<string, number>).has(c.id))) continue;
    events.push({ type: 'incident.triggered', at: ctx.at, incident: c });
    events.push({ type: 'incident.resolved', at: ctx.at, incident: c, byMe: byMe(c.id) });
    markSeen(c.id);
  }
  return { events, open, seen: seen ?? ctx.seen };
}

/** Applies incident events to an open set (what a view holding the last state does). */
export function applyIncidentEvents(
  prev: ReadonlyMap<string, Incident>,
  events: readonly CoreEvent[],
): Map<string, Incident> {
  const out = new Map(prev);
  for (const e of events) {
    switch (e.type) {
      case 'incident.resolved':
      case 'incident.unassigned':
        out.delete(e.incident.id);
        break;
      case 'incident.triggered':
      case 'incident.seen':
      case 'incident.escalated':
      case 'incident.retriggered':
      case 'incident.acknowledged':
      case 'incident.urgency_changed':
      case 'incident.updated':
        out.set(e.incident.id, e.incident);
        break;
      default:
        break;
    }
  }
  return out;
}
