/**
 * One poll, start to end: who am I, my open incidents (plus a catch-up query after a gap and a cheap
 * confirmation of vanished ones), the diff, shifts, the notification policy, persistence, then the
 * events. Holds the feed state; the scheduler decides when to run it.
 */
import type { ShiftView } from '../companion-types.js';
import type { Incident, OncallEntry, User } from '../domain.js';
import type { CoreEvent, SyncStatus } from '../events.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { Clock, DeliveryJournal, DocumentStore, Logger, Timers } from '../ports.js';
import type { CoreSettings } from '../settings.js';
import { decideNotifications, dueReminders, pruneLedger, type NotifiedLedger } from '../policy/notify.js';
import {
  FEED_KEY,
  FEED_VERSION,
  SYNC_META_KEY,
  parseFeed,
  parseSyncMeta,
  type FeedDocument,
  type OutboxEntry,
} from '../storage/documents.js';
import { catchUpQuery, missedPages } from './catch-up.js';
import { withDeadline } from './deadline.js';
import { AUTH_KINDS, classifyError, type ClassifiedError } from './errors.js';
import * as q from './fetch.js';
import type { CycleResult } from './scheduler.js';
import { jsonEqual } from './diff.js';
import { pollStep } from './step.js';
import { currentShifts, diffShifts, nextBoundary, shiftKey, shiftView } from './shifts.js';
import { createShiftWarner } from '../shifts/warnings.js';

/** What the engine needs. */
export interface SyncEngineOptions {
  api: PagerDutyApi;
  store: DocumentStore;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  settings: () => CoreSettings;
  fromEmail: string | null;
  emit: (event: CoreEvent) => void;
  /**
   * Shows one outbox event to the host's listeners; returns a promise when some listener is still
   * showing it (a desktop notification being handed over), null when all of them are done.
   */
  deliver?: (event: CoreEvent, id: string) => Promise<void> | null;
  /** Where shown outbox ids are marked at once (a file appended synchronously); else the feed save. */
  journal?: DeliveryJournal;
  /** Open incidents as the user sees them (queued actions applied). */
  overlay: (base: Iterable<Incident>) => Incident[];
  /** Incidents I resolved through the app (queued or just delivered). */
  resolvedByMe: () => ReadonlySet<string>;
  minutesOfDay: (epochMs: number) => number;
  /** `me` is known and `From` is set: writes may go out. */
  onReady: (me: User) => void;
  /** The key now belongs to another user than the saved state's: what they queued must not go out. */
  onUserChanged?: (previous: User, now: User) => void;
  /** A poll that started at `startedAt` succeeded. */
  afterGoodPoll: (startedAt: number) => void;
  callTimeoutMs?: number;
}

/** The feed state and one poll. */
export interface SyncEngine {
  load(): Promise<void>;
  /** Shows what the last run saved but had not shown (call once, after `load`, listeners attached). */
  replay(): void;
  cycle(): Promise<CycleResult>;
  /** A poll failed; the next try is due at `retryAt`. */
  failed(error: ClassifiedError, retryAt: number): void;
  clockJumped(): void;
  /** I changed the roster myself (an override): read it at the next poll, and its new shifts are no surprise. */
  rosterChangedByMe(): void;
  me(): User | null;
  status(): SyncStatus;
  incidents(): ReadonlyMap<string, Incident>;
  shifts(now: number): ShiftView;
  stop(): Promise<void>;
}

const { ONCALL_REFRESH_MS, ONCALL_RETRY_MS } = q;
const META_EVERY_MS = 15_000;
const LIVE_HEARTBEAT_MS = 60_000;
const LEDGER_MAX_AGE_MS = 14 * 86_400_000;
const SEEN_MAX_AGE_MS = 30 * 86_400_000;
/** A listener still showing an event after this long is taken as done (logged), so the outbox stays bounded. */
export const DELIVERY_WAIT_MS = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Creates the engine (call `load` before the first cycle). */
export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const { api, store, clock, timers, logger } = o;
  const callTimeoutMs = o.callTimeoutMs ?? 20_000;
  let me: User | null = null;
  let meVerified = false;
  let open: ReadonlyMap<string, Incident> = new Map();
  let seen: ReadonlyMap<string, number> = new Map();
  let ledger: NotifiedLedger = new Map();
  let oncall: q.OncallState = { entries: [], fetchedAt: null };
  let oncallDueAt = 0;
  let shifts: Map<string, OncallEntry> | null = null;
  let lastGoodPollAt: number | null = null;
  let gap = false;
  let status: SyncStatus = { state: 'starting' };
  let staleSince: number | null = null;
  let lastLiveEmit = -Infinity;
  let lastMetaWrite = -Infinity;
  const stopper = new AbortController();
  /** Events saved with the feed and not yet shown (see `deliver`). */
  let outbox: OutboxEntry[] = [];
  /** Saved entries the previous run had not shown: shown by `replay`. */
  let toReplay: OutboxEntry[] = [];
  /** Ids in the journal (shown, maybe still listed in the saved outbox). */
  const journaled = new Set<string>();
  const runId = clock.now().toString(36);
  let outboxSeq = 0;
  const deliverOne = o.deliver ?? ((e: CoreEvent): null => (o.emit(e), null));
  /** The roster before the last change (for "an override put you on call"), used once. */
  let rosterBefore: { entries: OncallEntry[]; until: number } | null = null;
  let changedByMe = false;

  const call = <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    withDeadline(timers, callTimeoutMs, fn, stopper.signal);
  const warnShifts = createShiftWarner({ api, call, logger, minutesOfDay: o.minutesOfDay });

  function feedDoc(): FeedDocument {
    return {
      version: FEED_VERSION,
      me,
      incidents: [...open.values()],
      seen: [...seen],
      ledger: [...ledger],
      oncall,
      shifts: shifts ? [...shifts.values()] : null,
      lastGoodPollAt,
      outbox: outbox.map((e) => ({ ...e })),
    };
  }

  /** The last save failure, so it is logged once rather than every poll. */
  let saveProblem: string | null = null;

  async function save(feed: boolean): Promise<void> {
    let wrote = false;
    try {
      if (feed) {
        const now = clock.now();
        ledger = pruneLedger(ledger, now, LEDGER_MAX_AGE_MS, new Set(open.keys()));
        const doc = feedDoc();
        await store.write(FEED_KEY, doc);
        wrote = true;
        forgetJournaled(doc.outbox ?? []);
      }
      if (feed || clock.now() - lastMetaWrite >= META_EVERY_MS) {
        lastMetaWrite = clock.now();
        await store.write(SYNC_META_KEY, { lastGoodPollAt });
        wrote = true;
      }
      if (wrote && saveProblem !== null) {
        logger.info('the feed state is being saved again');
        saveProblem = null;
      }
    } catch (e) {
      const message = classifyError(e).message;
      // Once per distinct problem, not once per poll: paging goes on, but a restart may repeat some.
      if (message !== saveProblem) {
        logger.error('could not save the feed state; a restart may repeat notifications', { error: message });
      }
      saveProblem = message;
    }
  }

  async function ensureMe(): Promise<User> {
    if (me && meVerified) return me;
    if (o.fromEmail) api.setFromEmail(o.fromEmail);
    const fresh = await call((signal) => api.getMe({ signal }));
    if (me && me.id !== fresh.id) {
      logger.info('the API key belongs to another user than the saved state; starting afresh');
      o.onUserChanged?.(me, fresh);
      open = new Map();
      seen = new Map();
      shifts = null;
      oncall = { entries: [], fetchedAt: null };
      lastGoodPollAt = null;
      gap = false;
    }
    me = fresh;
    meVerified = true;
    api.setFromEmail(fresh.email || o.fromEmail || null);
    oncallDueAt = 0;
    o.onReady(fresh);
    return fresh;
  }

  async function refreshOncall(meId: string, now: number): Promise<boolean> {
    if (now < oncallDueAt) return false;
    try {
      const listing = await call((signal) => api.listOncalls(q.oncallQuery(meId, now), { signal }));
      const after = clock.now();
      // Only a real change is worth rewriting the feed file for (this runs every 5 minutes).
      const changed = !jsonEqual(oncall.entries, listing.items);
      if (changed && oncall.fetchedAt !== null && !changedByMe) {
        rosterBefore = { entries: oncall.entries, until: Date.parse(oncall.fetchedAt) + q.ONCALL_WINDOW_MS };
      }
      changedByMe = false;
      oncall = { entries: listing.items, fetchedAt: iso(after) };
      const boundary = nextBoundary(oncall.entries, after);
      oncallDueAt = Math.min(after + ONCALL_REFRESH_MS, boundary === null ? Infinity : boundary + 1000);
      return changed;
    } catch (e) {
      if (stopper.signal.aborted) throw e;
      logger.warn('could not refresh on-call shifts', { error: classifyError(e).message });
      oncallDueAt = clock.now() + ONCALL_RETRY_MS;
      return false;
    }
  }

  /** Shift events and reminders due at `now`, on whatever state is known. */
  function housekeeping(now: number, meId: string): { events: CoreEvent[]; ledgerChanged: boolean } {
    const at = iso(now);
    const events: CoreEvent[] = [];
    if (shifts === null) shifts = currentShifts(oncall.entries, now);
    else {
      const d = diffShifts(shifts, oncall.entries, now, at);
      shifts = d.current;
      events.push(...d.events);
    }
    const settings = o.settings().notifications;
    const p = decideNotifications({ events, now, settings, ledger, meId, minutesOfDay: o.minutesOfDay });
    const r = dueReminders(now, o.overlay(open.values()), p.ledger, settings, meId);
    const ledgerChanged = r.ledger !== ledger;
    ledger = r.ledger;
    for (const n of [...p.notifications, ...r.notifications])
      events.push({ type: 'notification', at, notification: n });
    return { events, ledgerChanged };
  }

  /** After a feed save: ids no longer in the saved outbox need no journal mark any more. */
  function forgetJournaled(saved: readonly OutboxEntry[]): void {
    if (!o.journal || journaled.size === 0) return;
    const keep = new Set(saved.map((e) => e.id));
    let stale = false;
    for (const id of journaled) if (!keep.has(id)) stale = true;
    if (!stale) return;
    try {
      o.journal.retain(keep);
      for (const id of [...journaled]) if (!keep.has(id)) journaled.delete(id);
    } catch (e) {
      logger.warn('could not trim the delivery journal', { error: classifyError(e).message });
    }
  }

  /** Puts events in the outbox (saved with the next feed write); call before that write. */
  function toOutbox(events: readonly CoreEvent[]): OutboxEntry[] {
    const entries = events.map((event) => ({ id: `${runId}.${(outboxSeq++).toString(36)}`, event }));
    outbox.push(...entries);
    return entries;
  }

  /** One entry was shown: mark it in the journal (at once) or in the feed (next save). */
  function shown(id: string): void {
    outbox = outbox.filter((e) => e.id !== id);
    if (!o.journal) return;
    try {
      o.journal.add(id);
      journaled.add(id);
    } catch (e) {
      // The mark then rides on the next feed save: a kill before it shows the event again.
      logger.warn('could not mark an event shown; a restart may show it again', {
        error: classifyError(e).message,
      });
    }
  }

  /**
   * Shows saved outbox entries, in order, each marked done once every listener is done with it
   * (a listener's promise settled, or DELIVERY_WAIT_MS passed). Without a journal, the marks are saved
   * with a feed write after the batch (and after each late one).
   */
  function deliver(entries: readonly OutboxEntry[]): void {
    let sync = 0;
    for (const entry of entries) {
      const wait = deliverOne(entry.event, entry.id);
      if (wait === null) {
        shown(entry.id);
        sync += 1;
        continue;
      }
      let finished = false;
      const finish = (timedOut: boolean): void => {
        if (finished) return;
        finished = true;
        timers.clearTimeout(timer);
        if (timedOut)
          logger.warn('a listener did not finish showing an event in time; taking it as shown', {
            type: entry.event.type,
          });
        shown(entry.id);
        if (!o.journal && !stopper.signal.aborted) void save(true);
      };
      const timer = timers.setTimeout(() => finish(true), DELIVERY_WAIT_MS);
      void wait.then(
        () => finish(false),
        () => finish(false),
      );
    }
    if (sync > 0 && !o.journal) void save(true);
  }

  /** The sync status with what was found damaged at start, so the UI says so as long as it matters. */
  function noted(s: SyncStatus): SyncStatus {
    const d = store.damaged?.() ?? [];
    if (d.length === 0 || (s.state !== 'live' && s.state !== 'stale')) return s;
    const what = d.map((x) => `${x.key} (kept as ${x.movedTo})`).join(', ');
    return { ...s, damaged: `saved state was damaged and started afresh: ${what}` };
  }

  function setStatus(s: SyncStatus): void {
    status = noted(s);
    o.emit({ type: 'sync', at: iso(clock.now()), status });
  }

  /** When each incident's log last said "still open" (see `confirmVanished`). */
  const checkedAt = new Map<string, number>();

  /**
   * What became of incidents missing from the poll, never guessed: an item the client skipped as
   * invalid is still there; the cheap listing by service (recent ones), else the incident's log (at
   * most CONFIRM_LOG_BUDGET reads a poll, least recently checked first) says resolved or handed
   * over. Fills `confirmed`; returns the ones found still in view (the poll missed them) and the ids
   * nothing confirmed yet, which stay open and silent until a later poll does.
   */
  async function confirmVanished(
    vanished: readonly Incident[],
    skipped: ReadonlyArray<{ id: string | null }>,
    confirmed: Map<string, Incident>,
    meId: string,
    filters: CoreSettings['filters'],
    now: number,
  ): Promise<{ keep: Set<string>; missed: Incident[] }> {
    const keep = new Set<string>();
    const missed: Incident[] = [];
    if (vanished.length === 0) {
      if (checkedAt.size > 0) checkedAt.clear();
      return { keep, missed };
    }
    const invalid = new Set(skipped.flatMap((s) => (s.id === null ? [] : [s.id])));
    const ask: Incident[] = [];
    for (const v of vanished) {
      if (invalid.has(v.id)) keep.add(v.id);
      else ask.push(v);
    }
    const cq = q.confirmQuery(ask, now);
    if (cq) {
      try {
        const found = await call((s) => api.listIncidents(cq, { signal: s }));
        const asked = new Set(ask.map((v) => v.id));
        for (const c of found.items) if (asked.has(c.id)) confirmed.set(c.id, c);
      } catch (e) {
        if (stopper.signal.aborted) throw e;
        logger.debug('could not list vanished incidents; reading their logs instead');
      }
    }
    const byAssignee = !(filters.includeMyTeams && filters.teamIds.length > 0);
    const unknown = ask
      .filter((v) => !confirmed.has(v.id))
      .sort((a, b) => (checkedAt.get(a.id) ?? -Infinity) - (checkedAt.get(b.id) ?? -Infinity));
    let budget = q.CONFIRM_LOG_BUDGET;
    for (const v of unknown) {
      const last = checkedAt.get(v.id);
      if (budget === 0 || (last !== undefined && now - last < q.CONFIRM_RECHECK_MS)) {
        keep.add(v.id);
        continue;
      }
      budget -= 1;
      try {
        const log = await call((s) => api.listLogEntries(v.id, { signal: s }));
        const fate = q.stateFromLog(v, log.items, meId, byAssignee);
        if (fate) confirmed.set(v.id, fate);
        else {
          checkedAt.set(v.id, now);
          keep.add(v.id);
        }
      } catch (e) {
        if (stopper.signal.aborted) throw e;
        keep.add(v.id);
      }
    }
    // Found open and in view: the poll missed it (paging drift), it did not leave.
    for (const v of vanished) {
      const c = confirmed.get(v.id);
      if (c && q.inView(c, meId, filters)) {
        confirmed.delete(v.id);
        missed.push(c);
      }
    }
    for (const id of checkedAt.keys()) if (!keep.has(id)) checkedAt.delete(id);
    if (keep.size > 0) logger.debug('vanished incidents kept open until confirmed', { count: keep.size });
    return { keep, missed };
  }

  async function cycle(): Promise<CycleResult> {
    const started = clock.now();
    try {
      const user = await ensureMe();
      const settings = o.settings();
      const intervalMs = settings.pollIntervalSeconds * 1000;
      if (lastGoodPollAt !== null && started - lastGoodPollAt > 3 * intervalMs) gap = true;
      const query = q.incidentQuery(user.id, settings.filters);
      // Invalid items were skipped and logged by the client when their page was parsed.
      const listing = await call((s) => api.listIncidents(query, { signal: s }));
      const next = listing.items;
      const mineResolved = o.resolvedByMe();
      const confirmed = new Map<string, Incident>();
      let catchUp: Incident[] = [];
      if (gap && lastGoodPollAt !== null) {
        const cq = catchUpQuery(settings.filters, lastGoodPollAt, started);
        const resolved = (await call((s) => api.listIncidents(cq, { signal: s }))).items;
        const listed = new Set(next.map((i) => i.id));
        const unknown: Incident[] = [];
        for (const c of resolved) {
          if (open.has(c.id)) confirmed.set(c.id, c);
          else if (!seen.has(c.id) && !listed.has(c.id)) unknown.push(c);
        }
        const myPolicyIds = new Set(oncall.entries.map((e) => e.escalationPolicy.id));
        for (const e of shifts?.values() ?? []) myPolicyIds.add(e.escalationPolicy.id);
        catchUp = await missedPages(unknown, { api, call, logger, me: user, myPolicyIds });
      }
      const { keep, missed } = await confirmVanished(
        q.vanishedFrom(open, next, mineResolved).filter((v) => !confirmed.has(v.id)),
        listing.skipped,
        confirmed,
        user.id,
        settings.filters,
        started,
      );
      const now = clock.now();
      const at = iso(now);
      const step = pollStep(
        { open, seen, ledger },
        {
          incidents: missed.length > 0 ? [...next, ...missed] : next,
          keep,
          meId: user.id,
          now,
          at,
          confirmed,
          catchUp,
          resolvedByMe: mineResolved,
          notifications: settings.notifications,
          minutesOfDay: o.minutesOfDay,
        },
      );
      open = step.state.open;
      seen = step.state.seen;
      ledger = step.state.ledger;
      lastGoodPollAt = started;
      gap = false;
      // Into the outbox and onto disk with the feed before telling anyone: a kill after the save
      // shows them on the next start, a kill before it finds them again on the next poll.
      const entries = toOutbox([
        ...step.events,
        ...step.notifications.map((n): CoreEvent => ({ type: 'notification', at, notification: n })),
      ]);
      await save(step.changed || entries.length > 0);
      deliver(entries);
      // Shifts after the incident events, so an on-call refresh never delays a page.
      const oncallChanged = await refreshOncall(user.id, clock.now());
      const house = housekeeping(clock.now(), user.id);
      const before = rosterBefore;
      rosterBefore = null;
      const warned = await warnShifts({
        now: clock.now(),
        meId: user.id,
        entries: oncall.entries,
        previous: before?.entries ?? null,
        previousUntil: before?.until ?? null,
        settings: o.settings().notifications,
        ledger,
      });
      const warnedChanged = warned.ledger !== ledger;
      ledger = warned.ledger;
      // Shift warnings go through the outbox like every other event, so a kill cannot lose one.
      const later = toOutbox([
        ...house.events,
        ...warned.notifications.map((n): CoreEvent => ({
          type: 'notification',
          at: iso(clock.now()),
          notification: n,
        })),
      ]);
      if (oncallChanged || later.length > 0 || warnedChanged) await save(true);
      deliver(later);
      staleSince = null;
      if (status.state !== 'live' || now - lastLiveEmit >= LIVE_HEARTBEAT_MS) {
        lastLiveEmit = now;
        setStatus({ state: 'live', lastSyncAt: iso(now) });
      } else status = noted({ state: 'live', lastSyncAt: iso(now) });
      o.afterGoodPoll(started);
      return { ok: true };
    } catch (e) {
      gap = true;
      const error = classifyError(e);
      if (!stopper.signal.aborted && me && meVerified) {
        const house = housekeeping(clock.now(), me.id);
        const later = toOutbox(house.events);
        if (house.ledgerChanged || later.length > 0) await save(true);
        deliver(later);
      }
      return { ok: false, error };
    }
  }

  return {
    async load() {
      const read = async (key: string): Promise<unknown> => {
        try {
          return await store.read<unknown>(key);
        } catch (e) {
          logger.error('could not read the saved feed state; starting afresh', {
            key,
            error: classifyError(e).message,
          });
          return undefined;
        }
      };
      const feed = parseFeed(await read(FEED_KEY), logger);
      if (feed) {
        me = feed.me;
        open = new Map(feed.incidents.filter((i) => i.status !== 'resolved').map((i) => [i.id, i]));
        const now = clock.now();
        seen = new Map(feed.seen.filter(([id, t]) => open.has(id) || now - t <= SEEN_MAX_AGE_MS));
        ledger = new Map(feed.ledger);
        oncall = feed.oncall;
        shifts = feed.shifts ? new Map(feed.shifts.map((e) => [shiftKey(e), e])) : null;
        lastGoodPollAt = feed.lastGoodPollAt;
        outbox = (feed.outbox ?? []).map((e) => ({ ...e }));
      }
      if (outbox.length > 0 && o.journal) {
        try {
          for (const id of await o.journal.read()) journaled.add(id);
        } catch (e) {
          logger.warn('could not read the delivery journal; unshown events may show twice', {
            error: classifyError(e).message,
          });
        }
      }
      outbox = outbox.filter((e) => !journaled.has(e.id));
      toReplay = [...outbox];
      const meta = parseSyncMeta(await read(SYNC_META_KEY));
      if (meta?.lastGoodPollAt != null && (lastGoodPollAt === null || meta.lastGoodPollAt > lastGoodPollAt)) {
        lastGoodPollAt = meta.lastGoodPollAt;
      }
      gap = lastGoodPollAt !== null;
    },
    replay() {
      const entries = toReplay;
      toReplay = [];
      if (entries.length > 0)
        logger.info('showing events saved before the last stop', { count: entries.length });
      deliver(entries);
    },
    cycle,
    failed(error, retryAt) {
      const now = clock.now();
      staleSince ??= now;
      const base = {
        since: iso(staleSince),
        errorKind: error.kind,
        reason: error.message,
        retryAt: iso(retryAt),
      };
      if (AUTH_KINDS.has(error.kind)) setStatus({ state: 'auth_error', ...base });
      else
        setStatus({
          state: 'stale',
          ...base,
          lastSyncAt: lastGoodPollAt === null ? null : iso(lastGoodPollAt),
        });
    },
    clockJumped() {
      gap = true;
      oncallDueAt = 0;
    },
    rosterChangedByMe() {
      changedByMe = true;
      oncallDueAt = 0;
    },
    me: () => me,
    status: () => status,
    incidents: () => open,
    shifts: (now) => shiftView(oncall.entries, now, oncall.fetchedAt),
    async stop() {
      stopper.abort();
      await save(true);
    },
  };
}
