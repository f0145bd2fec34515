/**
 * The face the core shows to its hosts (CLI, browser preview bridge, Electron main): one object that
 * runs the feed and takes actions. The IPC contract mirrors these operations one for one.
 */
import type { Incident, LogEntry, OncallEntry, User } from './domain.js';
import type { CoreEvent, PendingAction, SyncStatus } from './events.js';
import type { CoreSettings } from './settings.js';
import type { Roster } from './shifts/roster.js';
import type { TradeRequest } from './shifts/trade.js';
import type { CreatedOverride } from './pagerduty/schedules.js';
import type { CompanionWork } from './actions/companion-work.js';
import type { CompanionNames } from './names/directory.js';
import type { RequestRate } from './sync/request-meter.js';

/** What a trade returns: the override made and the roster read again after it. */
export interface TradeResult {
  override: CreatedOverride;
  /** True when PagerDuty has not answered yet: the override is queued and will be sent. */
  queued: boolean;
  roster: Roster;
}

/** The current shift and the next one, computed from on-call entries. */
export interface ShiftView {
  /** Entries where I am on call now (several policies or levels may overlap). */
  current: OncallEntry[];
  /** The next entry that starts after now, if any in the look-ahead window. */
  next: OncallEntry | null;
  /** When the on-call data was last fetched. */
  fetchedAt: string | null;
}

/** Everything a view needs to draw itself at once; events then keep it up to date. */
export interface CompanionSnapshot {
  source: { kind: 'demo' | 'pagerduty'; apiUrl: string };
  me: User | null;
  sync: SyncStatus;
  /** Open incidents that match the filters, with pending actions applied optimistically. */
  incidents: Incident[];
  shifts: ShiftView;
  pendingActions: PendingAction[];
  /** Actions in their undo window (not queued yet). */
  heldActions?: ActionHeld[];
  /** Epoch ms until which low-urgency notifications are paused, or null. */
  lowUrgencyPausedUntil: number | null;
  /** ISO time the snapshot was taken. */
  at: string;
  /** The requests this account's client really sent (when the host meters its fetch). */
  requests?: RequestRate;
}

/** What an action request returns at once (the outcome follows as action.done / action.failed). */
export interface ActionAccepted {
  actionId: string;
  incidentIds: string[];
}

/** An action held in its undo window (see `core/actions/undo.ts`); queued at `releaseAt`. */
export interface ActionHeld {
  /** The id the action keeps once queued (`action.done` / `action.failed` name it). */
  actionId: string;
  kind: 'resolve' | 'acknowledge_all_mine';
  incidentIds: string[];
  /** Epoch ms the window ends. */
  releaseAt: number;
}

/**
 * How an event reached a listener: `id` is its outbox entry's id when the engine saved it before
 * telling anyone (pages, notifications, shifts). The same id comes again if a kill landed between a
 * host showing it and the mark, so a consumer can drop the repeat (at-least-once, idempotent by id).
 */
export interface Delivery {
  id: string;
}

/** A companion event listener (see `subscribe`). */
export type EventListener = (event: CoreEvent, delivery?: Delivery) => unknown;

/** Operations every host offers. */
export interface CompanionApi extends CompanionWork {
  snapshot(): CompanionSnapshot;
  /**
   * Subscribe to events; returns the unsubscribe function. A listener that is still showing a page
   * when it returns (a desktop notification being handed over) returns a promise: the page's outbox
   * entry is marked shown only once it settles, so a kill before then shows it again on the next start.
   */
  subscribe(listener: EventListener): () => void;
  /** Poll now (a user's refresh, a wake from sleep). */
  syncNow(): Promise<void>;
  acknowledge(incidentIds: string[]): Promise<ActionAccepted>;
  resolve(incidentIds: string[]): Promise<ActionAccepted>;
  snooze(incidentId: string, durationSeconds: number): Promise<ActionAccepted>;
  /** Acknowledge every triggered incident assigned to me. */
  acknowledgeAllMine(): Promise<ActionAccepted>;
  addNote(incidentId: string, content: string): Promise<ActionAccepted>;
  /**
   * Hold a resolve (or an acknowledge-all-mine, whose ids the core picks) for `seconds` before it is
   * queued, so it can be undone; a quit during the window queues it at once.
   */
  hold(kind: ActionHeld['kind'], incidentIds: string[], seconds: number): Promise<ActionHeld>;
  /** Take back a held action; false when its window is over (it was queued) or it is unknown. */
  undo(actionId: string): Promise<boolean>;
  logEntries(incidentId: string): Promise<LogEntry[]>;
  /** Pause low-urgency notifications until the given epoch ms (null resumes). */
  pauseLowUrgency(untilMs: number | null): void;
  /** My shifts for the next days with the schedules I am on (reads PagerDuty). */
  roster(days: number): Promise<Roster>;
  /**
   * "Cover me" / "Take this shift" / a plain override: checks it against the schedule, queues it
   * (durable), waits for PagerDuty's answer; throws a sentence when refused or failed.
   */
  trade(request: TradeRequest): Promise<TradeResult>;
}

/** A running companion as its host holds it. */
export interface Companion extends CompanionApi, CompanionNames {
  /** Load persisted state, resume queued actions and start polling. */
  start(): Promise<void>;
  /** Stop polling and timers; flush state to the store. */
  stop(): Promise<void>;
  /** Apply new settings (poll interval, filters, notifications) without a restart. */
  updateSettings(settings: CoreSettings): void;
}
