/**
 * Pure reducers of the renderer's data: a snapshot replaces the state, each core event updates it,
 * and optimistic actions are started, bound to the core's action id, confirmed or rolled back.
 */
import type { ActionAccepted, CompanionSnapshot } from '../../../src-main/shared/types';
import type { Incident } from '../../../src-main/shared/types';
import type { ActionKind, CoreEvent } from '../../../src-main/shared/types';
import { ACTION_WORDS, type DataState, type Effect, type Override, type TargetStatus } from './model';

/** A reducer's result: the next state and what the store should do about it. */
export interface Reduced {
  data: DataState;
  effects: Effect[];
}

function titleOf(data: DataState, id: string): string {
  const inc = data.incidents[id];
  return inc ? `“${inc.title}”` : `incident ${id}`;
}

/** Replace the feed with a snapshot, keeping overrides the snapshot does not yet reflect. */
export function applySnapshot(data: DataState, snap: CompanionSnapshot): DataState {
  const incidents: Record<string, Incident> = {};
  for (const inc of snap.incidents) incidents[inc.id] = inc;
  const overrides: Record<string, Override> = {};
  for (const [id, ov] of Object.entries(data.overrides)) {
    const inc = incidents[id];
    if (inc && !settles(ov, inc)) overrides[id] = ov;
  }
  return {
    ...data,
    loaded: true,
    source: snap.source,
    me: snap.me,
    sync: snap.sync,
    incidents,
    shifts: snap.shifts,
    pendingActions: snap.pendingActions,
    lowUrgencyPausedUntil: snap.lowUrgencyPausedUntil,
    overrides,
  };
}

/** True when an incident's real status makes the override unnecessary. */
function settles(ov: Override, inc: Incident): boolean {
  if (inc.status === 'resolved') return true;
  if (ov.target === 'acknowledged') return inc.status === 'acknowledged' || ov.confirmed;
  return ov.confirmed;
}

function withoutKey<T>(rec: Record<string, T>, key: string): Record<string, T> {
  if (!(key in rec)) return rec;
  const next = { ...rec };
  delete next[key];
  return next;
}

function upsert(data: DataState, inc: Incident, retriggered: boolean): DataState {
  if (inc.status === 'resolved') return remove(data, inc.id);
  const incidents = { ...data.incidents, [inc.id]: inc };
  const ov = data.overrides[inc.id];
  let overrides = data.overrides;
  if (ov && (retriggered ? ov.confirmed : settles(ov, inc))) overrides = withoutKey(overrides, inc.id);
  const snoozed = retriggered || inc.status === 'triggered' ? withoutKey(data.snoozed, inc.id) : data.snoozed;
  return { ...data, incidents, overrides, snoozed };
}

function remove(data: DataState, id: string): DataState {
  return {
    ...data,
    incidents: withoutKey(data.incidents, id),
    overrides: withoutKey(data.overrides, id),
    snoozed: withoutKey(data.snoozed, id),
  };
}

/** Apply one core event. */
export function applyEvent(data: DataState, event: CoreEvent): Reduced {
  switch (event.type) {
    case 'sync':
      return { data: { ...data, sync: event.status }, effects: [] };
    case 'incident.triggered':
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
    case 'action.done':
      return actionDone(data, event.action.id, event.action.incidentIds);
    case 'action.failed':
      return actionFailed(
        data,
        event.action.id,
        event.action.kind,
        event.error,
        event.final,
        event.action.incidentIds,
      );
    case 'notification':
    case 'action.queued':
      return { data, effects: [] };
  }
}

function actionDone(data: DataState, actionId: string, ids: string[]): Reduced {
  let overrides = data.overrides;
  let bound = false;
  for (const id of ids) {
    const ov = overrides[id];
    if (ov && ov.actionId === actionId) {
      overrides = { ...overrides, [id]: { ...ov, confirmed: true, retrying: null } };
      bound = true;
    }
  }
  if (!bound) {
    const earlyOutcomes = { ...data.earlyOutcomes, [actionId]: { failed: false, error: null, final: true } };
    return { data: { ...data, earlyOutcomes }, effects: [] };
  }
  return { data: { ...data, overrides }, effects: [] };
}

function actionFailed(
  data: DataState,
  actionId: string,
  kind: ActionKind,
  error: string,
  final: boolean,
  incidentIds?: string[],
): Reduced {
  const scope = incidentIds ? new Set(incidentIds) : null;
  const ids = Object.keys(data.overrides).filter(
    (id) => data.overrides[id]?.actionId === actionId && (!scope || scope.has(id)),
  );
  if (ids.length === 0) {
    if (kind === 'note' && final) {
      return {
        data,
        effects: [{ type: 'toast', tone: 'error', message: `Could not add the note: ${error}` }],
      };
    }
    const earlyOutcomes = { ...data.earlyOutcomes, [actionId]: { failed: true, error, final } };
    return { data: { ...data, earlyOutcomes }, effects: [] };
  }
  if (!final) {
    const overrides = { ...data.overrides };
    for (const id of ids) overrides[id] = { ...overrides[id]!, retrying: error };
    return { data: { ...data, overrides }, effects: [] };
  }
  return rollback(data, ids, kind, error);
}

/** Undo optimistic overrides and say why. */
export function rollback(data: DataState, ids: string[], kind: ActionKind, error: string): Reduced {
  let next = data;
  for (const id of ids) {
    next = { ...next, overrides: withoutKey(next.overrides, id), snoozed: withoutKey(next.snoozed, id) };
  }
  const what = ids.length === 1 ? titleOf(data, ids[0]!) : `${ids.length} incidents`;
  const message = `Could not ${ACTION_WORDS[kind].verb} ${what}: ${error}`;
  return { data: next, effects: [{ type: 'toast', tone: 'error', message }] };
}

/** Show an action at once on the given incidents (before the core answered). */
export function startOptimistic(
  data: DataState,
  ids: string[],
  kind: ActionKind,
  target: TargetStatus,
  snoozeUntil?: number,
): DataState {
  const overrides = { ...data.overrides };
  const snoozed = { ...data.snoozed };
  for (const id of ids) {
    overrides[id] = { target, kind, actionId: null, confirmed: false, retrying: null };
    if (snoozeUntil !== undefined) snoozed[id] = snoozeUntil;
  }
  return { ...data, overrides, snoozed };
}

/** Bind the core's action id to the optimistic rows; rows it did not take are rolled back quietly. */
export function acceptOptimistic(
  data: DataState,
  requested: string[],
  accepted: ActionAccepted,
  kind: ActionKind,
): Reduced {
  const taken = new Set(accepted.incidentIds);
  let overrides = { ...data.overrides };
  let snoozed = data.snoozed;
  for (const id of requested) {
    const ov = overrides[id];
    if (!ov || ov.actionId !== null) continue;
    if (taken.has(id)) overrides[id] = { ...ov, actionId: accepted.actionId };
    else {
      overrides = withoutKey(overrides, id);
      snoozed = withoutKey(snoozed, id);
    }
  }
  let next: DataState = { ...data, overrides, snoozed };
  const early = data.earlyOutcomes[accepted.actionId];
  if (!early) return { data: next, effects: [] };
  next = { ...next, earlyOutcomes: withoutKey(next.earlyOutcomes, accepted.actionId) };
  if (!early.failed) return actionDone(next, accepted.actionId, accepted.incidentIds);
  return actionFailed(next, accepted.actionId, kind, early.error ?? 'failed', early.final);
}
