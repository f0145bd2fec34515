/**
 * Turns the companion's events into history: a page when an incident triggers for me or escalates
 * to me, its acknowledgement (when, by whom, by me or not) and resolution, notes I wrote, and the
 * shifts that ended. Off-hours and weekend flags are computed in local time when the page arrives.
 */
import type { Incident, OncallEntry } from '../domain.js';
import { isAssignedTo } from '../domain.js';
import type { CoreEvent } from '../events.js';
import type { CompanionApi } from '../companion-types.js';
import type { HistoryStore } from './store.js';
import type { PageRecord } from './types.js';
import { classify, type OffHoursWindow } from './local-time.js';

/** What the recorder needs besides the store. */
export interface RecorderOptions {
  /** The current user's id, when known (pages are incidents assigned to me). */
  meId: () => string | null;
  offHours: () => OffHoursWindow;
  timeZone?: string;
}

function time(iso: string | null | undefined, fallback: string): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : Date.parse(fallback);
}

/** How a page went: its acknowledgement (when, by whom, by me) and resolution. */
export type PageOutcome = Pick<
  PageRecord,
  'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgedByMe' | 'resolvedAt' | 'resolvedBy'
>;

/**
 * A page record of `incident` paged at `triggeredAt`: what the incident says of itself, how it went,
 * and its off-hours/weekend flags. The recorder (from events) and the backfill (from log entries)
 * work the outcome out differently and build the record here.
 */
export function pageRecord(
  incident: Incident,
  triggeredAt: number,
  outcome: PageOutcome,
  flags: ReturnType<typeof classify>,
): PageRecord {
  return {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    serviceId: incident.service.id,
    serviceName: incident.service.summary,
    urgency: incident.urgency,
    triggeredAt,
    ...outcome,
    ...flags,
  };
}

function basePage(incident: Incident, triggeredAt: number, opts: RecorderOptions, at: string): PageRecord {
  const flags = classify(triggeredAt, opts.offHours(), opts.timeZone);
  // First seen already acknowledged (acked between two polls): take the ack from the incident.
  const acker = incident.status === 'acknowledged' ? (incident.acknowledgers[0] ?? null) : null;
  const me = opts.meId();
  const ackAt =
    incident.status === 'acknowledged' ? Math.max(triggeredAt, time(incident.lastStatusChangeAt, at)) : null;
  return pageRecord(
    incident,
    triggeredAt,
    {
      acknowledgedAt: ackAt,
      acknowledgedBy: acker ? acker.summary : null,
      acknowledgedByMe:
        ackAt === null ? null : acker && me ? incident.acknowledgers.some((a) => a.id === me) : null,
      resolvedAt: null,
      resolvedBy: null,
    },
    flags,
  );
}

/** When an incident reached me: my assignment time when known and not before creation, else its creation. */
function pagedAt(incident: Incident, me: string | null, fallback: string): number {
  const created = time(incident.createdAt, fallback);
  const assigned = me ? Date.parse(incident.assignedAt[me] ?? '') : NaN;
  return Number.isFinite(assigned) && assigned > created ? assigned : created;
}

/** Applies one event to the store; exported for tests and for replaying a recorded event stream. */
export function recordEvent(store: HistoryStore, event: CoreEvent, opts: RecorderOptions): void {
  // Sync and notification events never touch the history; `meId` may build a snapshot, so skip them.
  if (event.type === 'sync' || event.type === 'notification') return;
  const me = opts.meId();
  const mine = (i: Incident) => me === null || isAssignedTo(i, me);
  switch (event.type) {
    case 'incident.triggered':
    case 'incident.seen':
    case 'incident.retriggered': {
      const { incident } = event;
      if (!mine(incident) || store.page(incident.id)) return;
      // When it reached me: my assignment time (a fast escalation can look like a new page), else creation.
      store.upsert(basePage(incident, pagedAt(incident, me, event.at), opts, event.at));
      return;
    }
    case 'incident.escalated': {
      const { incident } = event;
      if (store.page(incident.id)) return;
      const at = (me && incident.assignedAt[me]) || event.at;
      store.upsert(basePage(incident, time(at, event.at), opts, event.at));
      return;
    }
    case 'incident.acknowledged': {
      const { incident } = event;
      const prev =
        store.page(incident.id) ??
        (mine(incident)
          ? basePage({ ...incident, status: 'triggered' }, time(incident.createdAt, event.at), opts, event.at)
          : null);
      if (!prev || prev.acknowledgedAt !== null) return;
      const at =
        incident.status === 'acknowledged'
          ? time(incident.lastStatusChangeAt, event.at)
          : time(event.at, event.at);
      const by = event.by[0] ?? incident.acknowledgers[0] ?? null;
      store.upsert({
        ...prev,
        urgency: incident.urgency,
        acknowledgedAt: Math.max(at, prev.triggeredAt),
        acknowledgedBy: by ? by.summary : null,
        acknowledgedByMe: event.byMe,
      });
      return;
    }
    case 'incident.resolved': {
      const { incident } = event;
      const prev = store.page(incident.id);
      if (!prev || prev.resolvedAt !== null) return;
      // The engine may pass the last open state with status 'resolved': its lastStatusChangeAt is then
      // the trigger or ack time, not the resolution; only a later one is trusted.
      const changeAt = time(incident.lastStatusChangeAt, event.at);
      const floor = Math.max(prev.triggeredAt, prev.acknowledgedAt ?? prev.triggeredAt);
      const at = incident.status === 'resolved' && changeAt > floor ? changeAt : time(event.at, event.at);
      store.upsert({
        ...prev,
        resolvedAt: Math.max(at, prev.triggeredAt),
        resolvedBy: event.byMe ? 'me' : null,
      });
      return;
    }
    case 'incident.urgency_changed':
    case 'incident.updated': {
      const prev = store.page(event.incident.id);
      const { incident } = event;
      if (prev && (prev.urgency !== incident.urgency || prev.title !== incident.title))
        store.upsert({ ...prev, urgency: incident.urgency, title: incident.title });
      return;
    }
    case 'action.done': {
      const { action } = event;
      if (action.kind !== 'note' || !action.note) return;
      for (const id of action.incidentIds)
        store.addNote({ incidentId: id, content: action.note, at: time(event.at, event.at) });
      return;
    }
    case 'shift.ended': {
      const span = shiftSpan(event.entry, event.at);
      if (span) store.addShift(span);
      return;
    }
    default:
      return;
  }
}

/** Start and end (epoch ms) of an on-call entry that ended at `endedAt`, or null when unknown. */
export function shiftSpan(entry: OncallEntry, endedAt: string): { start: number; end: number } | null {
  const end = time(entry.end, endedAt);
  const start = entry.start ? Date.parse(entry.start) : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return null;
  return { start, end };
}

/** Subscribes the recorder to a companion; returns the unsubscribe function. */
export function attachRecorder(
  companion: CompanionApi,
  store: HistoryStore,
  opts: Omit<RecorderOptions, 'meId'> & { meId?: () => string | null },
): () => void {
  const full: RecorderOptions = { ...opts, meId: opts.meId ?? (() => companion.snapshot().me?.id ?? null) };
  return companion.subscribe((event) => recordEvent(store, event, full));
}
