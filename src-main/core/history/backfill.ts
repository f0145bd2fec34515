/**
 * Backfills history from PagerDuty for a past range: incidents listed in windows (PagerDuty limits a
 * since/until span to 6 months and paging to 10,000 results, so a full window is split in two), then
 * each incident's log entries for acknowledge and resolve times and who acted. Rate-limit errors wait
 * `retryAfterMs` (else an exponential backoff); calls are paced; progress is reported throughout.
 *
 * `user_ids[]` only matches incidents currently assigned, which resolved ones never are; so open
 * incidents are listed with `userIds: [me]` and resolved ones without it (narrowed by teams or
 * services when given) and kept when their log shows they involved me.
 */
import type { Incident, LogEntry } from '../domain.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { Clock, Logger, Timers } from '../ports.js';
import { silentLogger } from '../ports.js';
import { classify, type OffHoursWindow } from './local-time.js';
import { pageRecord } from './recorder.js';
import type { PageRecord, TimeRange } from './types.js';

/** Progress of a backfill. */
export interface BackfillProgress {
  phase: 'incidents' | 'log_entries' | 'done';
  done: number;
  total: number;
}

/** Options of a backfill. */
export interface BackfillOptions {
  me: { id: string; name: string };
  clock: Clock;
  timers: Timers;
  onProgress?: (p: BackfillProgress) => void;
  logger?: Logger;
  offHours?: OffHoursWindow;
  timeZone?: string;
  /** Narrow the resolved-incident listing (recommended on large accounts). */
  teamIds?: string[];
  serviceIds?: string[];
  /** Window length (default 30 days; PagerDuty allows up to 6 months). */
  windowMs?: number;
  /** Minimum time between API calls (default 250 ms: at most 240 a minute, a quarter of the limit). */
  minIntervalMs?: number;
  /** Attempts per call on rate limits and transient errors (default 6). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;
const PAGING_CAP = 10_000;
const TRANSIENT = new Set(['rate_limited', 'server', 'unreachable', 'timeout']);

function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}

function errorKind(e: unknown): { kind: string | null; retryAfterMs: number | null } {
  const o = (typeof e === 'object' && e !== null ? e : {}) as { kind?: unknown; retryAfterMs?: unknown };
  return {
    kind: typeof o.kind === 'string' ? o.kind : null,
    retryAfterMs: typeof o.retryAfterMs === 'number' && o.retryAfterMs >= 0 ? o.retryAfterMs : null,
  };
}

/** What paces a run of API calls. */
export interface PacingOptions {
  clock: Clock;
  timers: Timers;
  logger?: Logger;
  /** Minimum time between API calls (default 250 ms: at most 240 a minute, a quarter of the limit). */
  minIntervalMs?: number;
  /** Attempts per call on rate limits and transient errors (default 6). */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Names the run in log lines and the cancel error (default `backfill`). */
  what?: string;
}

/**
 * A caller that spaces API calls at least `minIntervalMs` apart and retries rate limits (waiting
 * `retryAfterMs`, else an exponential backoff) and transient errors; shared by every backfill.
 */
export function createPacedCaller(
  opts: PacingOptions,
): <T>(what: string, fn: () => Promise<T>) => Promise<T> {
  const logger = opts.logger ?? silentLogger;
  const minInterval = opts.minIntervalMs ?? 250;
  const maxAttempts = opts.maxAttempts ?? 6;
  const name = opts.what ?? 'backfill';
  let lastCall = -Infinity;
  return async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      if (opts.signal?.aborted) throw new Error(`${name} cancelled`);
      const wait = lastCall + minInterval - opts.clock.now();
      if (wait > 0) await sleep(opts.timers, wait);
      lastCall = opts.clock.now();
      try {
        return await fn();
      } catch (e) {
        const { kind, retryAfterMs } = errorKind(e);
        if (!kind || !TRANSIENT.has(kind) || attempt >= maxAttempts) throw e;
        const backoff = retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (attempt - 1));
        logger.warn(`${name}: waiting before retrying`, { what, kind, waitMs: backoff, attempt });
        await sleep(opts.timers, backoff);
      }
    }
  };
}

/** Fetches the pages of `range` that involved me, as history records. */
export async function backfill(
  api: PagerDutyApi,
  range: TimeRange,
  opts: BackfillOptions,
): Promise<PageRecord[]> {
  const logger = opts.logger ?? silentLogger;
  const windowMs = Math.min(opts.windowMs ?? 30 * DAY_MS, 180 * DAY_MS);
  const call = createPacedCaller({ ...opts, logger, what: 'backfill' });

  const windows: TimeRange[] = [];
  for (let s = range.since; s < range.until; s += windowMs)
    windows.push({ since: s, until: Math.min(range.until, s + windowMs) });

  const found = new Map<string, { incident: Incident; needsLog: boolean }>();
  let doneWindows = 0;
  const progress = (p: BackfillProgress) => opts.onProgress?.(p);
  progress({ phase: 'incidents', done: 0, total: windows.length });

  const list = async (w: TimeRange, open: boolean): Promise<void> => {
    const res = await call('list incidents', () =>
      api.listIncidents(
        open
          ? {
              since: iso(w.since),
              until: iso(w.until),
              statuses: ['triggered', 'acknowledged'],
              userIds: [opts.me.id],
              limit: 100,
            }
          : {
              since: iso(w.since),
              until: iso(w.until),
              statuses: ['resolved'],
              ...(opts.teamIds?.length ? { teamIds: opts.teamIds } : {}),
              ...(opts.serviceIds?.length ? { serviceIds: opts.serviceIds } : {}),
              limit: 100,
            },
        opts.signal ? { signal: opts.signal } : undefined,
      ),
    );
    if (res.items.length + res.skipped.length >= PAGING_CAP && w.until - w.since > 60_000) {
      const mid = w.since + Math.floor((w.until - w.since) / 2);
      logger.info('backfill: window hit the paging cap, splitting it', {
        since: iso(w.since),
        until: iso(w.until),
      });
      await list({ since: w.since, until: mid }, open);
      await list({ since: mid, until: w.until }, open);
      return;
    }
    for (const inc of res.items) {
      const t = Date.parse(inc.createdAt);
      if (!(t >= range.since && t < range.until)) continue;
      if (!found.has(inc.id))
        found.set(inc.id, { incident: inc, needsLog: inc.status !== 'triggered' || !open });
    }
  };

  for (const w of windows) {
    await list(w, true);
    await list(w, false);
    progress({ phase: 'incidents', done: ++doneWindows, total: windows.length });
  }

  const records: PageRecord[] = [];
  const todo = [...found.values()];
  let done = 0;
  progress({ phase: 'log_entries', done: 0, total: todo.length });
  for (const { incident, needsLog } of todo) {
    let entries: LogEntry[] = [];
    if (needsLog) {
      try {
        entries = (
          await call('log entries', () =>
            api.listLogEntries(incident.id, opts.signal ? { signal: opts.signal } : undefined),
          )
        ).items;
      } catch (e) {
        if (opts.signal?.aborted) throw e;
        logger.warn('backfill: no log entries for an incident; keeping what the listing says', {
          incidentId: incident.id,
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    const rec = toRecord(incident, entries, opts);
    if (rec) records.push(rec);
    progress({ phase: 'log_entries', done: ++done, total: todo.length });
  }
  progress({ phase: 'done', done: records.length, total: records.length });
  return records;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function involvesMe(incident: Incident, entries: LogEntry[], me: { id: string; name: string }): boolean {
  if (incident.assignees.some((a) => a.id === me.id) || incident.acknowledgers.some((a) => a.id === me.id))
    return true;
  const name = me.name.trim().toLowerCase();
  return entries.some(
    (e) =>
      e.agent?.id === me.id ||
      (name !== '' && /^(assign|notify|escalate)/.test(e.type) && e.summary.toLowerCase().includes(name)),
  );
}

/** A history record from an incident and its log entries, or null when it did not involve me. */
export function toRecord(
  incident: Incident,
  entries: LogEntry[],
  opts: Pick<BackfillOptions, 'me' | 'offHours' | 'timeZone'>,
): PageRecord | null {
  if (!involvesMe(incident, entries, opts.me)) return null;
  const triggeredAt = Date.parse(incident.createdAt);
  if (!Number.isFinite(triggeredAt)) return null;
  const sorted = [...entries].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const ack = sorted.find((e) => e.type.startsWith('acknowledge'));
  const res = sorted.find((e) => e.type.startsWith('resolve'));
  let acknowledgedAt = ack ? Date.parse(ack.createdAt) : null;
  if (acknowledgedAt === null && incident.status === 'acknowledged')
    acknowledgedAt = Date.parse(incident.lastStatusChangeAt);
  const acker = ack?.agent ?? incident.acknowledgers[0] ?? null;
  let resolvedAt = res ? Date.parse(res.createdAt) : null;
  if (resolvedAt === null && incident.status === 'resolved')
    resolvedAt = Date.parse(incident.lastStatusChangeAt);
  const fin = (t: number | null) => (t !== null && Number.isFinite(t) ? Math.max(t, triggeredAt) : null);
  const ackAt = fin(acknowledgedAt);
  return pageRecord(
    incident,
    triggeredAt,
    {
      acknowledgedAt: ackAt,
      acknowledgedBy: ackAt === null ? null : (acker?.summary ?? null),
      acknowledgedByMe: ackAt === null ? null : acker ? acker.id === opts.me.id : null,
      resolvedAt: fin(resolvedAt),
      resolvedBy: res?.agent ? (res.agent.id === opts.me.id ? 'me' : res.agent.summary) : null,
    },
    classify(triggeredAt, opts.offHours, opts.timeZone),
  );
}

/** A known record with the fields it lacks filled from a backfilled one (the same object when nothing changes). */
export function mergeBackfilled(prev: PageRecord | undefined, incoming: PageRecord): PageRecord {
  if (!prev) return incoming;
  const merged: PageRecord = { ...prev };
  let changed = false;
  if (merged.acknowledgedAt === null && incoming.acknowledgedAt !== null) {
    merged.acknowledgedAt = incoming.acknowledgedAt;
    merged.acknowledgedBy = incoming.acknowledgedBy;
    merged.acknowledgedByMe = incoming.acknowledgedByMe;
    changed = true;
  }
  if (merged.resolvedAt === null && incoming.resolvedAt !== null) {
    merged.resolvedAt = incoming.resolvedAt;
    merged.resolvedBy = incoming.resolvedBy;
    changed = true;
  }
  return changed ? merged : prev;
}
