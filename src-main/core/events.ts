/**
 * What the core tells the world: sync status, incident changes, shifts, notifications and action
 * outcomes. One JSON-safe discriminated union, used as-is by `watch --json`, IPC and the renderer.
 */
import type { Incident, OncallEntry, UserRef } from './domain.js';

/** Why the data may be out of date; mirrors the client's error kinds. */
export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'from_required'
  | 'rate_limited'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'invalid_response'
  | 'not_found'
  | 'bad_request'
  | 'unknown';

/** Connection state of the feed. */
export type SyncStatus =
  | { state: 'starting' }
  | {
      state: 'live';
      lastSyncAt: string;
      /** Saved state found damaged at start and moved aside (what, where): shown until restart. */
      damaged?: string;
    }
  | {
      state: 'stale';
      /** When data stopped being fresh (the first failed poll). */
      since: string;
      lastSyncAt: string | null;
      errorKind: ErrorKind;
      /** A sentence the user can act on; never contains the token. */
      reason: string;
      /** When the next attempt is due. */
      retryAt: string;
      damaged?: string;
    }
  | { state: 'auth_error'; since: string; errorKind: ErrorKind; reason: string; retryAt: string | null };

/** A notification the policy decided to raise; adapters show it, they do not decide. */
export interface NotificationRequest {
  /** Stable dedupe key: the same key is never shown twice. */
  key: string;
  kind: 'page' | 'escalation' | 'retrigger' | 'reminder' | 'storm' | 'handoff' | 'info';
  title: string;
  body: string;
  /** Desktop urgency: critical for high-urgency pages. */
  urgency: 'critical' | 'normal' | 'low';
  /** Incident the click should open, when one. */
  incidentId: string | null;
  /** All incidents covered (storm summaries cover many). */
  incidentIds: string[];
  sound: boolean;
}

/** Kinds of user action on incidents. */
export type ActionKind =
  'acknowledge' | 'resolve' | 'snooze' | 'acknowledge_all_mine' | 'note' | 'override' | WorkActionKind;

/** The kinds that work an incident (reassign, escalate, ...); their details ride in `work`. */
export type WorkActionKind =
  'reassign' | 'escalate' | 'add_responders' | 'set_priority' | 'set_urgency' | 'status_update' | 'merge';

/** Every work kind, for schemas and checks. */
export const WORK_ACTION_KINDS: readonly WorkActionKind[] = [
  'reassign',
  'escalate',
  'add_responders',
  'set_priority',
  'set_urgency',
  'status_update',
  'merge',
];

/**
 * What a work action asks for. Names ride along so the optimistic view can show the change at once
 * (the ids are what is sent). `incidentIds` of the action is the one incident worked (the merge target).
 */
export interface WorkPayload {
  /** reassign to users / add responders: the users. */
  users?: Array<{ id: string; summary: string }>;
  /** reassign to an escalation policy. */
  policy?: { id: string; summary: string };
  /** escalate: the level. */
  level?: number;
  urgency?: 'high' | 'low';
  /** set_priority: the priority (null id clears it). */
  priority?: { id: string | null; name: string | null };
  /** add_responders / status_update: the message. */
  message?: string;
  /** add_responders: who asks (my user id when queued). */
  requesterId?: string;
  /** merge: the incidents merged into the target. */
  sourceIds?: string[];
}

/** A schedule override to create ("Cover me", "Take this shift", `override`). */
export interface OverrideAction {
  trade: 'cover' | 'take' | 'override';
  scheduleId: string;
  userId: string;
  /** ISO date-times. */
  start: string;
  end: string;
  /** Names as the schedule read at the time showed them, for the roster while it waits (display only). */
  scheduleName?: string;
  userName?: string;
}

/** An action in the durable queue. */
export interface PendingAction {
  /** Unique id (idempotency key). */
  id: string;
  kind: ActionKind;
  incidentIds: string[];
  /** Snooze duration in seconds. */
  durationSeconds?: number;
  /** Note content. */
  note?: string;
  /** The override of an `override` action (its `incidentIds` are empty). */
  override?: OverrideAction;
  /** What a work action (reassign, escalate, ...) asks for. */
  work?: WorkPayload;
  createdAt: string;
  /** When it was first sent (set before the first request; absent: never sent, or a copy from before). */
  firstSentAt?: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** Every event the core emits. `at` is the ISO time of emission. */
export type CoreEvent =
  | { type: 'sync'; at: string; status: SyncStatus }
  | { type: 'incident.triggered'; at: string; incident: Incident }
  /**
   * An open incident seen for the first time already acknowledged (at start-up, after a restart or a
   * filter change): not a new page, so a script that pages on `incident.triggered` stays quiet.
   */
  | { type: 'incident.seen'; at: string; incident: Incident }
  | {
      type: 'incident.escalated';
      at: string;
      incident: Incident;
      /** 'escalated' when the level rose to me, 'reassigned' when someone handed it to me. */
      reason: 'escalated' | 'reassigned';
      previousAssignees: UserRef[];
    }
  | { type: 'incident.retriggered'; at: string; incident: Incident }
  | { type: 'incident.acknowledged'; at: string; incident: Incident; byMe: boolean; by: UserRef[] }
  | { type: 'incident.resolved'; at: string; incident: Incident; byMe: boolean | null }
  | { type: 'incident.urgency_changed'; at: string; incident: Incident; from: Incident['urgency'] }
  | { type: 'incident.updated'; at: string; incident: Incident }
  | { type: 'incident.unassigned'; at: string; incident: Incident }
  | { type: 'shift.started'; at: string; entry: OncallEntry }
  | { type: 'shift.ended'; at: string; entry: OncallEntry }
  | { type: 'notification'; at: string; notification: NotificationRequest }
  | { type: 'action.queued'; at: string; action: PendingAction }
  | { type: 'action.done'; at: string; action: PendingAction }
  | { type: 'action.failed'; at: string; action: PendingAction; error: string; final: boolean };

/** The `type` of every event. */
export type CoreEventType = CoreEvent['type'];

/** Narrow an event by type. */
export type EventOf<T extends CoreEventType> = Extract<CoreEvent, { type: T }>;
