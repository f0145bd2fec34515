/**
 * The renderer's data model: what the store keeps about the feed. The one optimistic state is the
 * core's action overlay (its snapshot shows a queued acknowledge as acknowledged, and drops it when
 * the action finally fails); the renderer keeps only a "sending" mark per row from the keypress
 * until a snapshot taken after the core accepted the action is in. Plain data, DOM-free.
 */
import type { ActionHeld, CompanionSnapshot, ShiftView } from '../../../src-main/shared/types';
import type { Incident, User } from '../../../src-main/shared/types';
import type { ActionKind, PendingAction, SyncStatus } from '../../../src-main/shared/types';
import type { AccountState } from '../../../src-main/shared/accounts';

/** The status an optimistic action moves an incident to. */
export type TargetStatus = 'acknowledged' | 'resolved';

/** A row the user just acted on, until the core's snapshot shows the action. */
export interface Sending {
  target: TargetStatus;
  kind: ActionKind;
  /** The core's action id once it accepted the action (null while the call is in flight). */
  actionId: string | null;
  /** The store's acceptance counter when accepted: a snapshot requested later carries the overlay. */
  acceptedAt: number | null;
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
  /** Resolves and acknowledge-alls in their undo window, as the core's snapshot lists them. */
  heldActions: ActionHeld[];
  lowUrgencyPausedUntil: number | null;
  /** Every account with its own sync status (the first one first); one entry with a single account. */
  accounts: AccountState[];
  sending: Record<string, Sending>;
  /** Snoozed incidents (id -> epoch ms until), known from this window's own actions. */
  snoozed: Record<string, number>;
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
    heldActions: [],
    lowUrgencyPausedUntil: null,
    accounts: [],
    sending: {},
    snoozed: {},
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
