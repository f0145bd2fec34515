/**
 * The Companion facade: wires the sync engine, the poll scheduler, the notification policy and the
 * durable action queue around injected ports (api, store, clock, timers, logger, random). Hosts (CLI,
 * Electron main, preview bridge) create one, subscribe, then `start()`.
 */
import type {
  ActionAccepted,
  ActionHeld,
  Companion,
  CompanionSnapshot,
  Delivery,
  EventListener,
} from './companion-types.js';
import { isAssignedTo, type Incident, type LogEntry, type UserRef } from './domain.js';
import type { CoreEvent, PendingAction } from './events.js';
import type { PagerDutyApi } from './pagerduty/api.js';
import type { Clock, DeliveryJournal, DocumentStore, Logger, Timers } from './ports.js';
import type { CoreSettings } from './settings.js';
import { applyActions, sortIncidents } from './actions/optimistic.js';
import { createActionQueue, type ActionInput } from './actions/queue.js';
import { createUndoWindow, heldAsPending, type HeldAction } from './actions/undo.js';
import { createSyncEngine } from './sync/engine.js';
import type { BackoffOptions } from './sync/backoff.js';
import { createScheduler } from './sync/scheduler.js';
import { SNOOZE_MAX_S, SNOOZE_MIN_S, UNDO_MAX_S } from '../shared/limits.js';
import type { ScheduleApi } from './pagerduty/schedules.js';
import { companionShifts } from './shifts/companion-shifts.js';
import { companionWork } from './actions/companion-work.js';
import type { IncidentWorkApi } from './pagerduty/incident-work.js';
import type { DirectoryApi } from './pagerduty/directory.js';
import { companionNames, createNameDirectory } from './names/directory.js';
import type { RequestRate } from './sync/request-meter.js';

/** Everything a companion is made of. */
export interface CompanionOptions {
  api: PagerDutyApi;
  settings: CoreSettings;
  store: DocumentStore;
  /** Marks shown events at once (so a kill after a page was shown does not show it again). */
  journal?: DeliveryJournal;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  source: { kind: 'demo' | 'pagerduty'; apiUrl: string };
  /** Jitter source in [0, 1); Math.random by default. */
  random?: () => number;
  /** `From` email for writes; required with an account-level key. */
  fromEmail?: string | null;
  /** Minutes since local midnight of an instant, for quiet hours (system time zone by default). */
  minutesOfDay?: (epochMs: number) => number;
  /** Abandon an API call after this long (default 20 s for polls, 30 s for actions). */
  callTimeoutMs?: number;
  /** Sends of one action before it fails for good (default 10). */
  maxActionAttempts?: number;
  /** Retry delays of polls and actions after failures (default 2 s doubling to 60 s, +/-20 %). */
  backoff?: BackoffOptions;
  /** Schedules and overrides (the roster and trades); without it they answer that the source has none. */
  schedules?: ScheduleApi;
  /** Incident work (reassign, escalate, responders...); without it those answer that the source has none. */
  work?: IncidentWorkApi;
  /** The account's service and team names (the Settings pickers); without it they answer that the source has none. */
  directory?: DirectoryApi;
  /** The measured request rate of the client's fetch (`sync/request-meter.ts`), shown in the snapshot. */
  requestRate?: () => RequestRate;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Local minutes of the day in the system time zone. */
export function systemMinutesOfDay(epochMs: number): number {
  const d = new Date(epochMs);
  return d.getHours() * 60 + d.getMinutes();
}

/** Creates a companion (not started). */
export function createCompanion(opts: CompanionOptions): Companion {
  const { api, store, clock, timers, logger } = opts;
  const random = opts.random ?? Math.random;
  let settings = opts.settings;
  let pausedUntil: number | null = settings.notifications.lowUrgencyPausedUntil;
  const listeners = new Set<EventListener>();
  /** Delivered actions kept in the view until a poll that started after them confirms them. */
  let delivered: Array<{ action: PendingAction; at: number }> = [];
  let started = false;

  /** Tells every listener; the promises of listeners still showing it (a desktop notification). */
  const tell = (event: CoreEvent, delivery?: Delivery): Array<PromiseLike<unknown>> => {
    const waits: Array<PromiseLike<unknown>> = [];
    for (const l of [...listeners]) {
      try {
        const r: unknown = l(event, delivery);
        if (typeof (r as PromiseLike<unknown> | undefined)?.then === 'function')
          waits.push(r as PromiseLike<unknown>);
      } catch (e) {
        logger.warn('an event listener threw', {
          type: event.type,
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    return waits;
  };
  const emit = (event: CoreEvent): void => void tell(event);
  const deliver = (event: CoreEvent, id: string): Promise<void> | null => {
    const waits = tell(event, { id });
    return waits.length === 0 ? null : Promise.allSettled(waits).then(() => undefined);
  };

  const effectiveSettings = (): CoreSettings => ({
    ...settings,
    notifications: { ...settings.notifications, lowUrgencyPausedUntil: pausedUntil },
  });

  const meRef = (): UserRef | null => {
    const me = engine.me();
    return me ? { id: me.id, summary: me.name, email: me.email } : null;
  };

  const overlayActions = (): PendingAction[] => [
    ...delivered.map((d) => d.action),
    ...queue.pending(),
    ...heldAsPending(undoWindow.held()),
  ];
  const overlay = (base: Iterable<Incident>): Incident[] =>
    applyActions(base, overlayActions(), meRef(), iso(clock.now()));

  const queue = createActionQueue({
    api,
    ...(opts.schedules ? { schedules: opts.schedules } : {}),
    ...(opts.work ? { work: opts.work } : {}),
    store,
    clock,
    timers,
    logger,
    random,
    emit,
    maxAttempts: opts.maxActionAttempts ?? 10,
    callTimeoutMs: opts.callTimeoutMs ?? 30_000,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    onSettled: ({ action, result }) => {
      if (result === 'done' && action.kind === 'override') {
        // My own trade: read the roster again now, and do not announce its shifts as a surprise.
        engine.rosterChangedByMe();
        void scheduler.pollNow();
      }
      if (result === 'done') {
        delivered.push({ action, at: clock.now() });
        return;
      }
      // Rolled back: show the polled state of the incidents again.
      const base = engine.incidents();
      for (const id of action.incidentIds) {
        const i = base.get(id);
        if (i) emit({ type: 'incident.updated', at: iso(clock.now()), incident: i });
      }
    },
  });

  const undoWindow = createUndoWindow({
    store,
    clock,
    timers,
    logger,
    newId: () => queue.newId(),
    release: (input) => queue.enqueue(input),
  });

  const heldView = (h: HeldAction): ActionHeld => ({
    actionId: h.id,
    kind: h.kind,
    incidentIds: h.incidentIds,
    releaseAt: Date.parse(h.releaseAt),
  });

  const engine = createSyncEngine({
    api,
    store,
    clock,
    timers,
    logger,
    settings: effectiveSettings,
    fromEmail: opts.fromEmail ?? null,
    emit,
    deliver,
    ...(opts.journal ? { journal: opts.journal } : {}),
    overlay,
    resolvedByMe: () => {
      const ids = new Set<string>();
      for (const a of overlayActions()) if (a.kind === 'resolve') a.incidentIds.forEach((id) => ids.add(id));
      return ids;
    },
    minutesOfDay: opts.minutesOfDay ?? systemMinutesOfDay,
    onReady: () => queue.resume(),
    // Actions queued by another PagerDuty user must never be sent as this one.
    onUserChanged: (previous) =>
      queue.discardAll(
        `not sent: it was asked for as ${previous.name}, and the API key now belongs to another PagerDuty user`,
      ),
    afterGoodPoll: (startedAt) => {
      delivered = delivered.filter((d) => d.at > startedAt);
      // Who owns what is read again on the on-call cadence (in the background, never per poll).
      ownershipTick();
    },
    ...(opts.callTimeoutMs !== undefined ? { callTimeoutMs: opts.callTimeoutMs } : {}),
  });

  const scheduler = createScheduler({
    clock,
    timers,
    random,
    intervalMs: () => settings.pollIntervalSeconds * 1000,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    run: () => engine.cycle(),
    onRetry: (error, retryAt) => engine.failed(error, retryAt),
    onClockJump: (lateMs) => {
      logger.info('clock jump detected (sleep or suspend); catching up', { lateMs });
      engine.clockJumped();
    },
  });

  async function enqueue(input: ActionInput): Promise<ActionAccepted> {
    const action = await queue.enqueue(input);
    return { actionId: action.id, incidentIds: action.incidentIds };
  }

  function checkIds(ids: readonly string[]): string[] {
    const clean = [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0))];
    if (clean.length === 0) throw new RangeError('Give at least one incident id.');
    return clean;
  }

  const shiftOps = companionShifts({
    api,
    schedules: opts.schedules ?? null,
    clock,
    timers,
    me: () => engine.me(),
    logger,
    enqueue: (input) => queue.enqueue(input),
    pending: () => queue.pending(),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });

  const { ownershipTick, ...workOps } = companionWork({
    api: opts.work ?? null,
    me: () => engine.me(),
    shown: (id) => {
      const i = engine.incidents().get(id);
      return i ? overlay([i])[0] : undefined;
    },
    enqueue: (input) => queue.enqueue(input),
    oncallsNow: async (policyIds) => {
      return (await api.listOncalls({ escalationPolicyIds: policyIds })).items;
    },
    openIncidents: () => overlay(engine.incidents().values()),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    clock,
    logger,
  });

  const nameOps = companionNames(createNameDirectory({ api: opts.directory ?? null, clock, logger }));

  return {
    ...shiftOps,
    ...workOps,
    ...nameOps,
    async start() {
      if (started) return;
      started = true;
      await engine.load();
      await queue.load();
      engine.replay();
      // Holds a previous run left (a crash in the window) are released when their window is over.
      await undoWindow.load();
      emit({ type: 'sync', at: iso(clock.now()), status: engine.status() });
      scheduler.start();
    },
    async stop() {
      scheduler.stop();
      // A quit ends every undo window now: the held actions go into the durable queue, which
      // sends them (after a restart if not before).
      await undoWindow.flush().catch((e: unknown) =>
        logger.error('could not queue the actions held for undo', {
          error: e instanceof Error ? e.message : String(e),
        }),
      );
      await queue.stop();
      await engine.stop();
    },
    updateSettings(next) {
      const intervalChanged = next.pollIntervalSeconds !== settings.pollIntervalSeconds;
      const filtersChanged = JSON.stringify(next.filters) !== JSON.stringify(settings.filters);
      if (next.notifications.lowUrgencyPausedUntil !== settings.notifications.lowUrgencyPausedUntil) {
        pausedUntil = next.notifications.lowUrgencyPausedUntil;
      }
      settings = next;
      if (filtersChanged && started) void scheduler.pollNow();
      else if (intervalChanged) scheduler.reschedule();
    },
    snapshot(): CompanionSnapshot {
      const now = clock.now();
      return {
        source: { ...opts.source },
        me: engine.me(),
        sync: engine.status(),
        incidents: sortIncidents(overlay(engine.incidents().values())),
        shifts: engine.shifts(now),
        pendingActions: queue.pending(),
        heldActions: undoWindow.held().map(heldView),
        lowUrgencyPausedUntil: pausedUntil,
        at: iso(now),
        ...(opts.requestRate ? { requests: opts.requestRate() } : {}),
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    syncNow: () => scheduler.pollNow(),
    acknowledge: async (ids) => enqueue({ kind: 'acknowledge', incidentIds: checkIds(ids) }),
    resolve: async (ids) => enqueue({ kind: 'resolve', incidentIds: checkIds(ids) }),
    async snooze(id, durationSeconds) {
      if (
        !Number.isInteger(durationSeconds) ||
        durationSeconds < SNOOZE_MIN_S ||
        durationSeconds > SNOOZE_MAX_S
      ) {
        throw new RangeError('Snooze for a whole number of seconds from 1 to 604800 (7 days).');
      }
      const [checked] = checkIds([id]);
      // PagerDuty snoozes acknowledged incidents only: a triggered one is acknowledged first (the
      // queue sends actions on one incident in order), so snooze works from every host in one step.
      const current = overlay(engine.incidents().values()).find((i) => i.id === checked);
      if (current?.status === 'triggered') await enqueue({ kind: 'acknowledge', incidentIds: [checked!] });
      return enqueue({ kind: 'snooze', incidentIds: [checked!], durationSeconds });
    },
    async acknowledgeAllMine() {
      const me = engine.me();
      if (!me)
        throw new Error('Not connected to PagerDuty yet: who you are is not known, so "mine" is unknown.');
      const ids = overlay(engine.incidents().values())
        .filter((i) => i.status === 'triggered' && isAssignedTo(i, me.id))
        .map((i) => i.id);
      if (ids.length === 0) return { actionId: '', incidentIds: [] };
      return enqueue({ kind: 'acknowledge_all_mine', incidentIds: ids });
    },
    async addNote(id, content) {
      const note = content.trim();
      if (note.length === 0) throw new RangeError('A note needs some text.');
      return enqueue({ kind: 'note', incidentIds: checkIds([id]), note });
    },
    async hold(kind, ids, seconds) {
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > UNDO_MAX_S) {
        throw new RangeError(`Hold an action for a whole number of seconds from 1 to ${UNDO_MAX_S}.`);
      }
      let chosen: string[];
      if (kind === 'acknowledge_all_mine') {
        const me = engine.me();
        if (!me)
          throw new Error('Not connected to PagerDuty yet: who you are is not known, so "mine" is unknown.');
        chosen = overlay(engine.incidents().values())
          .filter((i) => i.status === 'triggered' && isAssignedTo(i, me.id))
          .map((i) => i.id);
        if (chosen.length === 0) return { actionId: '', kind, incidentIds: [], releaseAt: clock.now() };
      } else chosen = checkIds(ids);
      return heldView(await undoWindow.hold(kind, chosen, seconds * 1000));
    },
    async undo(actionId) {
      const held = undoWindow.held().find((h) => h.id === actionId);
      if (!held || !(await undoWindow.undo(actionId))) return false;
      // The rows come back as they really are.
      const base = engine.incidents();
      for (const id of held.incidentIds) {
        const i = base.get(id);
        const shown = i ? overlay([i])[0] : undefined;
        if (shown) emit({ type: 'incident.updated', at: iso(clock.now()), incident: shown });
      }
      return true;
    },
    async logEntries(id): Promise<LogEntry[]> {
      const listing = await api.listLogEntries(id);
      return listing.items;
    },
    pauseLowUrgency(untilMs) {
      pausedUntil = untilMs;
    },
  };
}
