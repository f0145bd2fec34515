/**
 * The durable action queue: user actions are written to the store before they are sent, retried
 * with backoff, and reported done exactly once ("already acknowledged/resolved" counts as done). A
 * queue loaded from the store after a crash delivers what the previous process could not.
 */
import type { PagerDutyApi, UpdateResult } from '../pagerduty/api.js';
import { WORK_ACTION_KINDS, type ActionKind, type CoreEvent, type PendingAction } from '../events.js';
import type { Clock, DocumentStore, Logger, TimerHandle, Timers } from '../ports.js';
import { backoffDelay, boundedRetryAfter, type BackoffOptions } from '../sync/backoff.js';
import { withDeadline } from '../sync/deadline.js';
import { classifyError, RETRYABLE_ACTION_KINDS } from '../sync/errors.js';
import { parsePendingActions } from '../storage/documents.js';
import type { ScheduleApi } from '../pagerduty/schedules.js';
import { isPagerDutyError, PagerDutyError } from '../pagerduty/errors.js';
import { forbiddenOverrideText } from '../shifts/trade.js';
import type { OverrideAction, WorkPayload } from '../events.js';
import type { IncidentWorkApi } from '../pagerduty/incident-work.js';
import { sendWork } from './work-send.js';

/** Store key of the pending actions. */
export const ACTIONS_KEY = 'actions';

/** What a caller asks for. */
export interface ActionInput {
  kind: ActionKind;
  incidentIds: string[];
  durationSeconds?: number;
  note?: string;
  override?: OverrideAction;
  /** What a work action (reassign, escalate, ...) asks for. */
  work?: WorkPayload;
  /** Keep this id (an action released from its undo window keeps the id its caller was given). */
  id?: string;
}

/** How an action ended. */
export type ActionOutcome = { action: PendingAction; result: 'done' | 'failed' };

/** Queue dependencies and limits. */
export interface ActionQueueOptions {
  api: PagerDutyApi;
  /** Schedules, for `override` actions (without it they fail saying so). */
  schedules?: ScheduleApi;
  /** Incident work (reassign, escalate, ...), for those action kinds (without it they fail saying so). */
  work?: IncidentWorkApi;
  store: DocumentStore;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  random: () => number;
  emit: (event: CoreEvent) => void;
  /** Called once per final outcome (done, or failed for good). */
  onSettled?: (outcome: ActionOutcome) => void;
  /** Sends before giving up (default 10). */
  maxAttempts?: number;
  /** Abandon a call that has not answered after this long (default 30 s). */
  callTimeoutMs?: number;
  /** Retry delays (default `DEFAULT_BACKOFF`). */
  backoff?: BackoffOptions;
}

/** The queue as the companion drives it. */
export interface ActionQueue {
  /** Reads pending actions left by a previous run. */
  load(): Promise<void>;
  /** Persists, emits `action.queued`, then sends when allowed. */
  enqueue(input: ActionInput): Promise<PendingAction>;
  pending(): PendingAction[];
  /** Allows sending (once the `From` email is known). */
  resume(): void;
  /** Stops sending; in-flight calls are abandoned (they stay queued on disk). */
  stop(): Promise<void>;
  /** Drops every queued action unsent, each reported as a final failure with `reason`. */
  discardAll(reason: string): void;
  /** A fresh action id (the undo window hands it out before the action is queued). */
  newId(): string;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** A note logged this long before its action was queued still counts as that note (clock skew). */
const NOTE_CLOCK_SKEW_MS = 5 * 60_000;
/** The log entry that shows an action went through. */
const LOG_TYPE: Partial<Record<PendingAction['kind'], string>> = {
  acknowledge: 'acknowledge_log_entry',
  resolve: 'resolve_log_entry',
  snooze: 'snooze_log_entry',
};

const WORK_KINDS: ReadonlySet<ActionKind> = new Set(WORK_ACTION_KINDS);

/** Creates a durable action queue. */
export function createActionQueue(opts: ActionQueueOptions): ActionQueue {
  const { api, store, clock, timers, logger, random, emit } = opts;
  const maxAttempts = opts.maxAttempts ?? 10;
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  let actions: PendingAction[] = [];
  let running = false;
  let busy = false;
  let timer: TimerHandle | null = null;
  let stopper = new AbortController();
  let writes: Promise<void> = Promise.resolve();
  let seq = 0;
  /** Actions not yet on disk: never sent before they are. */
  const staging = new Set<string>();
  /** Actions queued by this process (the others may have been sent by a previous run). */
  const fresh = new Set<string>();

  const persist = (): Promise<void> => {
    const snapshot = actions.map((a) => ({ ...a, incidentIds: [...a.incidentIds] }));
    writes = writes
      .then(() => store.write(ACTIONS_KEY, snapshot))
      .catch((e: unknown) =>
        logger.error('could not save the action queue', { error: classifyError(e).message }),
      );
    return writes;
  };

  const newId = (): string =>
    `act-${clock.now().toString(36)}-${(seq++).toString(36)}-${Math.floor(random() * 2 ** 32).toString(36)}`;

  async function send(a: PendingAction, signal: AbortSignal): Promise<UpdateResult[] | void> {
    const status = a.kind === 'resolve' ? 'resolved' : 'acknowledged';
    const one = a.incidentIds[0] ?? '';
    if (a.work !== undefined || WORK_KINDS.has(a.kind)) {
      const resend = a.attempts > 1 || !fresh.has(a.id);
      return sendWork(a, {
        api: opts.work,
        resend,
        logger,
        signal,
        // Every entry, not the overview: a status update must be found if it is there at all.
        logEntries: (id, s) => api.listLogEntries(id, { signal: s, overview: false }).then((l) => l.items),
      });
    }
    if (a.kind !== 'note' && a.incidentIds.length === 1 && (await alreadyInLog(a, one, signal))) {
      return [{ id: one, ok: true, alreadyDone: true, error: null }];
    }
    switch (a.kind) {
      case 'acknowledge':
      case 'resolve':
        if (a.incidentIds.length === 1) return api.updateIncident(one, status, { signal }).then((r) => [r]);
        return api.updateIncidents(a.incidentIds, status, { signal });
      case 'acknowledge_all_mine':
        return api.updateIncidents(a.incidentIds, 'acknowledged', { signal });
      case 'snooze':
        return api.snooze(one, a.durationSeconds ?? 3600, { signal }).then((r) => [r]);
      case 'note':
        return noteOnce(a, one, signal);
      case 'override':
        return overrideOnce(a, signal);
      default:
        throw new PagerDutyError(`Unknown action ${a.kind}.`, { kind: 'bad_request' });
    }
  }

  /**
   * Creates an override exactly once: a POST is not idempotent, so before a retry (or the first send
   * of an action left by a previous run) the schedule is read and the same override, already there,
   * counts as done. A 403 names who may edit the schedule.
   */
  async function overrideOnce(a: PendingAction, signal: AbortSignal): Promise<void> {
    const o = a.override;
    const schedules = opts.schedules;
    if (!o || !schedules) {
      throw new PagerDutyError('This source cannot create schedule overrides.', { kind: 'bad_request' });
    }
    const range = { since: o.start, until: o.end };
    if (a.attempts > 1 || !fresh.has(a.id)) {
      const s = await schedules.getSchedule(o.scheduleId, range, { signal });
      const same = (x: string, y: string): boolean => Math.abs(Date.parse(x) - Date.parse(y)) < 1000;
      if (s.overrides.some((x) => x.user.id === o.userId && same(x.start, o.start) && same(x.end, o.end))) {
        logger.info('the override was already made by an earlier attempt; not making it twice', {
          actionId: a.id,
        });
        return;
      }
    }
    try {
      await schedules.createOverride(
        o.scheduleId,
        { userId: o.userId, start: o.start, end: o.end },
        { signal },
      );
    } catch (e) {
      if (!isPagerDutyError(e) || e.kind !== 'forbidden') throw e;
      const s = await schedules.getSchedule(o.scheduleId, range, { signal }).catch(() => null);
      throw new PagerDutyError(forbiddenOverrideText(s ?? { name: o.scheduleId, teams: [] }, e.details), {
        kind: 'forbidden',
        status: 403,
      });
    }
  }

  /**
   * Before re-sending a one-incident acknowledge, resolve or snooze (a retry, or an action left by a
   * previous run, which may have reached PagerDuty before the kill): the incident's log is read, and
   * the matching entry added since shortly before the action was queued counts as done. So a snooze
   * is not restarted, and an incident re-triggered meanwhile is not acknowledged a second time.
   * Bulk actions rely on PagerDuty's "already acknowledged/resolved" answer instead.
   */
  async function alreadyInLog(a: PendingAction, id: string, signal: AbortSignal): Promise<boolean> {
    if (a.attempts <= 1 && fresh.has(a.id)) return false;
    const type = LOG_TYPE[a.kind];
    if (!type) return false;
    const log = await api.listLogEntries(id, { signal });
    const since = Date.parse(a.createdAt) - NOTE_CLOCK_SKEW_MS;
    const there = log.items.some((e) => e.type === type && !(Date.parse(e.createdAt) < since));
    if (there)
      logger.info('the action reached PagerDuty in an earlier attempt; not sending it again', {
        actionId: a.id,
        kind: a.kind,
      });
    return there;
  }

  /**
   * Adds a note exactly once: a note is not idempotent, and an attempt that timed out (or a process
   * killed mid-send) may have reached PagerDuty. So before any retry, and before the first send of an
   * action left by a previous run, the incident's log is read and a note with the same text, added
   * since shortly before the action was queued, counts as done.
   */
  async function noteOnce(a: PendingAction, id: string, signal: AbortSignal): Promise<void> {
    const content = a.note ?? '';
    if (a.attempts > 1 || !fresh.has(a.id)) {
      const log = await api.listLogEntries(id, { signal });
      const since = Date.parse(a.createdAt) - NOTE_CLOCK_SKEW_MS;
      const there = log.items.some(
        (e) =>
          e.type === 'annotate_log_entry' &&
          (e.content ?? '').trim() === content.trim() &&
          !(Date.parse(e.createdAt) < since),
      );
      if (there) {
        logger.info('the note was already added by an earlier attempt; not adding it twice', {
          actionId: a.id,
        });
        return;
      }
    }
    await api.addNote(id, content, { signal });
  }

  function schedule(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const waiting = running && !busy ? candidates() : [];
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((a) => Date.parse(a.nextAttemptAt)));
    timer = timers.setTimeout(
      () => {
        timer = null;
        void pump();
      },
      Math.max(0, next - clock.now()),
    );
  }

  /** Actions that may go now or later: not staging, and no earlier action holds one of their incidents. */
  function candidates(): PendingAction[] {
    const held = new Set<string>();
    const out: PendingAction[] = [];
    for (const a of actions) {
      // A merge holds its sources too: nothing else goes out on them before it.
      const ids = [...a.incidentIds, ...(a.work?.sourceIds ?? [])];
      if (!staging.has(a.id) && !ids.some((id) => held.has(id))) out.push(a);
      ids.forEach((id) => held.add(id));
    }
    return out;
  }

  /** The first due candidate. */
  function pick(now: number): PendingAction | undefined {
    return candidates().find((a) => Date.parse(a.nextAttemptAt) <= now);
  }

  function settle(a: PendingAction, result: 'done' | 'failed', error?: string): void {
    actions = actions.filter((x) => x.id !== a.id);
    fresh.delete(a.id);
    void persist();
    if (result === 'done') emit({ type: 'action.done', at: iso(clock.now()), action: a });
    else
      emit({ type: 'action.failed', at: iso(clock.now()), action: a, error: error ?? 'failed', final: true });
    opts.onSettled?.({ action: a, result });
  }

  async function attempt(a: PendingAction): Promise<void> {
    const signal = stopper.signal;
    a.attempts += 1;
    // What a resend looks for in PagerDuty (a status update, a responder request) is what came after.
    a.firstSentAt ??= iso(clock.now());
    let results: UpdateResult[] | void;
    try {
      results = await withDeadline(timers, callTimeoutMs, (s) => send(a, s), signal);
    } catch (e) {
      if (signal.aborted || !running) return;
      const c = classifyError(e);
      if (c.alreadyDone) return settle(a, 'done');
      a.lastError = c.message;
      if (!RETRYABLE_ACTION_KINDS.has(c.kind) || a.attempts >= maxAttempts) {
        logger.warn('action failed for good', { actionId: a.id, kind: c.kind });
        return settle(a, 'failed', c.message);
      }
      const wait = boundedRetryAfter(c.retryAfterMs) ?? backoffDelay(a.attempts, random, opts.backoff);
      a.nextAttemptAt = iso(clock.now() + wait);
      await persist();
      emit({ type: 'action.failed', at: iso(clock.now()), action: { ...a }, error: c.message, final: false });
      return;
    }
    const failed = (results ?? []).filter((r) => !r.ok && !r.alreadyDone);
    if (failed.length === 0) return settle(a, 'done');
    const failedIds = new Set(failed.map((r) => r.id));
    const doneIds = a.incidentIds.filter((id) => !failedIds.has(id));
    const error = failed.map((r) => `${r.id}: ${r.error ?? 'not changed'}`).join('; ');
    if (doneIds.length > 0) {
      // Part of a bulk action went through: report that part done, the rest failed.
      const part = { ...a, incidentIds: doneIds };
      emit({ type: 'action.done', at: iso(clock.now()), action: part });
      opts.onSettled?.({ action: part, result: 'done' });
    }
    a.lastError = error;
    settle({ ...a, incidentIds: [...failedIds] }, 'failed', error);
  }

  async function pump(): Promise<void> {
    if (!running || busy) return;
    const a = pick(clock.now());
    if (!a) return schedule();
    busy = true;
    try {
      await attempt(a);
    } finally {
      busy = false;
    }
    if (running) void pump();
  }

  return {
    discardAll(reason) {
      for (const a of [...actions]) if (!staging.has(a.id)) settle(a, 'failed', reason);
    },
    async load() {
      let raw: unknown;
      try {
        raw = await store.read<unknown>(ACTIONS_KEY);
      } catch (e) {
        logger.error('could not read the saved action queue', { error: classifyError(e).message });
      }
      for (const d of store.damaged?.() ?? [])
        if (d.key === ACTIONS_KEY)
          logger.error(
            'the saved action queue was damaged: actions queued before may not have been sent; check those incidents in PagerDuty',
            { keptAt: d.movedTo },
          );
      const loaded = parsePendingActions(raw, logger);
      const known = new Set(actions.map((a) => a.id));
      actions = [...loaded.filter((a) => !known.has(a.id)), ...actions];
    },
    async enqueue(input) {
      const now = clock.now();
      const action: PendingAction = {
        id: input.id && !actions.some((a) => a.id === input.id) ? input.id : newId(),
        kind: input.kind,
        incidentIds: [...input.incidentIds],
        ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.override !== undefined ? { override: { ...input.override } } : {}),
        ...(input.work !== undefined ? { work: structuredClone(input.work) } : {}),
        createdAt: iso(now),
        attempts: 0,
        nextAttemptAt: iso(now),
        lastError: null,
      };
      staging.add(action.id);
      fresh.add(action.id);
      actions.push(action);
      try {
        await persist();
      } finally {
        staging.delete(action.id);
      }
      emit({ type: 'action.queued', at: iso(clock.now()), action: { ...action } });
      void pump();
      return action;
    },
    pending: () => actions.map((a) => ({ ...a, incidentIds: [...a.incidentIds] })),
    newId,
    resume() {
      if (running) return;
      running = true;
      stopper = new AbortController();
      void pump();
    },
    async stop() {
      running = false;
      stopper.abort();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await persist();
    },
  };
}
