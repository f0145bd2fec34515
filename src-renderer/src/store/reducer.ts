/**
 * Pure reducers of the renderer's data: a snapshot replaces the state, each core event updates it.
 * The core's snapshot carries the optimistic overlay (queued and just-delivered actions applied);
 * the renderer only marks rows "sending" from the keypress until a snapshot requested after the core
 * accepted the action arrives, and forgets the mark when the call or the action fails.
 */
import type { ActionAccepted, CompanionSnapshot, PendingAction } from '../../../src-main/shared/types';
import type { Incident } from '../../../src-main/shared/types';
import type { ActionKind, CoreEvent } from '../../../src-main/shared/types';
import { ACTION_WORDS, type DataState, type Effect, type Sending, type TargetStatus } from './model';

/** A reducer's result: the next state and what the store should do about it. */
export interface Reduced {
  data: DataState;
  effects: Effect[];
}

function titleOf(data: DataState, id: string): string {
  const inc = data.incidents[id];
  return inc ? `“${inc.title}”` : `incident ${id}`;
}

function withoutKeys<T>(rec: Record<string, T>, keys: Iterable<string>): Record<string, T> {
  let next = rec;
  for (const key of keys) {
    if (!(key in next)) continue;
    if (next === rec) next = { ...rec };
    delete next[key];
  }
  return next;
}

/**
 * Replace the feed with a snapshot. `asOf` is the acceptance counter when it was requested: marks
 * accepted by then are shown by the snapshot itself (the core's overlay) and are dropped.
 */
export function applySnapshot(data: DataState, snap: CompanionSnapshot, asOf = -1): DataState {
  const incidents: Record<string, Incident> = {};
  for (const inc of snap.incidents) incidents[inc.id] = inc;
  const settled = Object.keys(data.sending).filter((id) => {
    const m = data.sending[id]!;
    return !incidents[id] || (m.acceptedAt !== null && m.acceptedAt <= asOf);
  });
  return {
    ...data,
    loaded: true,
    source: snap.source,
    me: snap.me,
    sync: snap.sync,
    incidents,
    shifts: snap.shifts,
    pendingActions: snap.pendingActions,
    heldActions: snap.heldActions ?? [],
    lowUrgencyPausedUntil: snap.lowUrgencyPausedUntil,
    sending: withoutKeys(data.sending, settled),
  };
}

function upsert(data: DataState, inc: Incident, retriggered: boolean): DataState {
  if (inc.status === 'resolved') return remove(data, inc.id);
  const incidents = { ...data.incidents, [inc.id]: inc };
  const snoozed =
    retriggered || inc.status === 'triggered' ? withoutKeys(data.snoozed, [inc.id]) : data.snoozed;
  return { ...data, incidents, snoozed };
}

function remove(data: DataState, id: string): DataState {
  return {
    ...data,
    incidents: withoutKeys(data.incidents, [id]),
    sending: withoutKeys(data.sending, [id]),
    snoozed: withoutKeys(data.snoozed, [id]),
  };
}

function withPending(data: DataState, action: PendingAction | null, dropId: string): DataState {
  const rest = data.pendingActions.filter((a) => a.id !== dropId);
  return { ...data, pendingActions: action ? [...rest, action] : rest };
}

/** Apply one core event. */
export function applyEvent(data: DataState, event: CoreEvent): Reduced {
  switch (event.type) {
    case 'sync':
      return { data: { ...data, sync: event.status }, effects: [] };
    case 'incident.triggered':
    case 'incident.seen':
    case 'incident.escalated':
    case 'incident.acknowledged':
    case 'incident.urgency_changed':
    case 'incident.updated':
      return { data: upsert(data, event.incident, false), effects: [] };
    case 'incident.retriggered':
      return { data: upsert(data, event.incident, true), effects: [] };
    case 'incident.resolved':
      return { data: remove(data, event.incident.id), effects: [] };
    case 'incident.unassigned':
      // It may or may not still match the filters (team incidents); ask the core.
      return { data: upsert(data, event.incident, false), effects: [{ type: 'refresh' }] };
    case 'shift.started':
    case 'shift.ended':
      return { data, effects: [{ type: 'refresh' }] };
    case 'action.queued':
      return { data: withPending(data, event.action, event.action.id), effects: [] };
    case 'action.done':
      // Delivered: the core's overlay shows it until the next poll confirms it.
      return { data: withPending(data, null, event.action.id), effects: [] };
    case 'action.failed': {
      if (!event.final) {
        return {
          data: withPending(data, { ...event.action, lastError: event.error }, event.action.id),
          effects: [],
        };
      }
      return rollback(
        withPending(data, null, event.action.id),
        event.action.incidentIds,
        event.action.kind,
        event.error,
        [{ type: 'refresh' }],
      );
    }
    case 'notification':
      return { data, effects: [] };
  }
}

/** Forget the marks of a failed action or call, and say why. */
export function rollback(
  data: DataState,
  ids: string[],
  kind: ActionKind,
  error: string,
  effects: Effect[] = [],
): Reduced {
  const next = { ...data, sending: withoutKeys(data.sending, ids), snoozed: withoutKeys(data.snoozed, ids) };
  const what = ids.length === 1 ? titleOf(data, ids[0]!) : `${ids.length} incidents`;
  const message =
    kind === 'note'
      ? `Could not add the note: ${error}`
      : `Could not ${ACTION_WORDS[kind].verb} ${what}: ${error}`;
  return { data: next, effects: [...effects, { type: 'toast', tone: 'error', message }] };
}

/** Mark rows "sending" at once (before the core answered). */
export function startSending(
  data: DataState,
  ids: string[],
  kind: ActionKind,
  target: TargetStatus,
  snoozeUntil?: number,
): DataState {
  const sending = { ...data.sending };
  const snoozed = { ...data.snoozed };
  for (const id of ids) {
    sending[id] = { target, kind, actionId: null, acceptedAt: null };
    if (snoozeUntil !== undefined) snoozed[id] = snoozeUntil;
  }
  return { ...data, sending, snoozed };
}

/** The core accepted the action: stamp the marks; rows it did not take lose theirs quietly. */
export function acceptSending(
  data: DataState,
  requested: string[],
  accepted: ActionAccepted,
  acceptedAt: number,
): DataState {
  const taken = new Set(accepted.incidentIds);
  const sending: Record<string, Sending> = { ...data.sending };
  let snoozed = data.snoozed;
  for (const id of requested) {
    const m = sending[id];
    if (!m || m.actionId !== null) continue;
    if (taken.has(id)) sending[id] = { ...m, actionId: accepted.actionId, acceptedAt };
    else {
      delete sending[id];
      snoozed = withoutKeys(snoozed, [id]);
    }
  }
  return { ...data, sending, snoozed };
}
