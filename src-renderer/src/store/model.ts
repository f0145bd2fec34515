/**
 * The renderer's data model: what the store keeps about the feed, plus the optimistic overrides
 * that make an action show at once and roll back when it finally fails. Plain data, DOM-free.
 */
import type { CompanionSnapshot, ShiftView } from '../../../src-main/core/companion-types';
import type { Incident, User } from '../../../src-main/core/domain';
import type { ActionKind, PendingAction, SyncStatus } from '../../../src-main/core/events';

/** The status an optimistic action moves an incident to. */
export type TargetStatus = 'acknowledged' | 'resolved';

/** An action shown before the core confirmed it. */
export interface Override {
  target: TargetStatus;
  kind: ActionKind;
  /** Set once the core accepted the action (null while the request is in flight). */
  actionId: string | null;
  /** The core reported the action delivered; the next incident event settles the row. */
  confirmed: boolean;
  /** Last non-final failure, shown as "retrying". */
  retrying: string | null;
}

/** Everything the store knows about the feed. */
export interface DataState {
  loaded: boolean;
  source: CompanionSnapshot['source'] | null;
  me: User | null;
  sync: SyncStatus;
  incidents: Record<string, Incident>;
  shifts: ShiftView;
  pendingActions: PendingAction[];
  lowUrgencyPausedUntil: number | null;
  overrides: Record<string, Override>;
  /** Snoozed incidents (id -> epoch ms until), known from this window's own actions. */
  snoozed: Record<string, number>;
  /** Outcomes that arrived before the request that started them answered (actionId -> error or null). */
  earlyOutcomes: Record<string, { failed: boolean; error: string | null; final: boolean }>;
}

/** A side effect a reducer asks the store to perform. */
export type Effect =
  | { type: 'refresh' }
  | { type: 'toast'; tone: 'error' | 'info'; message: string }
  | { type: 'announce'; message: string };

/** The initial, empty data state. */
export function emptyData(): DataState {
  return {
    loaded: false,
    source: null,
    me: null,
    sync: { state: 'starting' },
    incidents: {},
    shifts: { current: [], next: null, fetchedAt: null },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    overrides: {},
    snoozed: {},
    earlyOutcomes: {},
  };
}

/** Human words for an action kind, used in messages. */
export const ACTION_WORDS: Record<ActionKind, { verb: string; done: string }> = {
  acknowledge: { verb: 'acknowledge', done: 'Acknowledged' },
  acknowledge_all_mine: { verb: 'acknowledge', done: 'Acknowledged' },
  resolve: { verb: 'resolve', done: 'Resolved' },
  snooze: { verb: 'snooze', done: 'Snoozed' },
  note: { verb: 'add a note to', done: 'Note added to' },
  override: { verb: 'create the override on', done: 'Override created on' },
  reassign: { verb: 'reassign', done: 'Reassigned' },
  escalate: { verb: 'escalate', done: 'Escalated' },
  add_responders: { verb: 'add responders to', done: 'Responders asked to join' },
  set_priority: { verb: 'set the priority of', done: 'Priority set on' },
  set_urgency: { verb: 'change the urgency of', done: 'Urgency changed on' },
  status_update: { verb: 'post a status update on', done: 'Status update posted on' },
  merge: { verb: 'merge into', done: 'Merged into' },
};
