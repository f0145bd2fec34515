/**
 * The documents the engine keeps in the data folder and their schemas: the feed (last known open
 * incidents, reported ids, notified ledger, shifts) and the pending actions. Whatever is read back is
 * validated; a document that does not fit is ignored with a warning rather than trusted.
 */
import { z } from 'zod';
import type { Incident, OncallEntry, User } from '../domain.js';
import { WORK_ACTION_KINDS, type CoreEvent, type PendingAction } from '../events.js';
import type { Logger } from '../ports.js';

/** Store key of the feed document. */
export const FEED_KEY = 'feed';
/** Store key of the small sync metadata document (written often). */
export const SYNC_META_KEY = 'sync-meta';

/** Schema version of the feed document. */
export const FEED_VERSION = 1;

/** What survives a restart of the feed. */
export interface FeedDocument {
  version: number;
  me: User | null;
  incidents: Incident[];
  /** [incident id, epoch ms] of every reported incident. */
  seen: Array<[string, number]>;
  /** [dedupe key, epoch ms] of every notification decided. */
  ledger: Array<[string, number]>;
  oncall: { entries: OncallEntry[]; fetchedAt: string | null };
  /** Shifts current at the last check (null = never checked, so the first check is silent). */
  shifts: OncallEntry[] | null;
  lastGoodPollAt: number | null;
  /**
   * Events decided by a poll and saved with it, not yet shown by the host (the outbox). Replayed on
   * start, minus the ids the delivery journal marks shown. Missing in files written before it existed.
   */
  outbox?: OutboxEntry[];
}

/** One event waiting to be shown, under an id unique across runs. */
export interface OutboxEntry {
  id: string;
  event: CoreEvent;
}

/** Small, often-written sync facts. */
export interface SyncMetaDocument {
  lastGoodPollAt: number | null;
}

const ref = z.object({ id: z.string(), summary: z.string() }).passthrough();
const incident = z
  .object({
    id: z.string().min(1),
    number: z.number(),
    title: z.string(),
    status: z.enum(['triggered', 'acknowledged', 'resolved']),
    urgency: z.enum(['high', 'low']),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastStatusChangeAt: z.string(),
    service: ref,
    assignees: z.array(ref),
    assignedAt: z.record(z.string(), z.string()),
    acknowledgers: z.array(ref),
  })
  .passthrough();
const entry = z
  .object({
    user: ref,
    escalationPolicy: ref,
    escalationLevel: z.number(),
    start: z.string().nullable(),
    end: z.string().nullable(),
  })
  .passthrough();
const feedSchema = z.object({
  version: z.literal(FEED_VERSION),
  me: z.object({ id: z.string(), name: z.string(), email: z.string() }).passthrough().nullable(),
  incidents: z.array(incident),
  seen: z.array(z.tuple([z.string(), z.number()])),
  ledger: z.array(z.tuple([z.string(), z.number()])),
  oncall: z.object({ entries: z.array(entry), fetchedAt: z.string().nullable() }),
  shifts: z.array(entry).nullable(),
  lastGoodPollAt: z.number().nullable(),
  // Written by this app: only the envelope is checked, the event is what the engine itself decided.
  outbox: z
    .array(
      z.object({
        id: z.string().min(1),
        event: z.object({ type: z.string(), at: z.string() }).passthrough(),
      }),
    )
    .optional(),
});
const actionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum([
    'acknowledge',
    'resolve',
    'snooze',
    'acknowledge_all_mine',
    'note',
    'override',
    ...WORK_ACTION_KINDS,
  ]),
  incidentIds: z.array(z.string()),
  durationSeconds: z.number().optional(),
  note: z.string().optional(),
  override: z
    .object({
      trade: z.enum(['cover', 'take', 'override']),
      scheduleId: z.string().min(1),
      userId: z.string().min(1),
      start: z.string(),
      end: z.string(),
      scheduleName: z.string().optional(),
      userName: z.string().optional(),
    })
    .optional(),
  work: z
    .object({
      users: z.array(z.object({ id: z.string().min(1), summary: z.string() })).optional(),
      policy: z.object({ id: z.string().min(1), summary: z.string() }).optional(),
      level: z.number().int().min(1).optional(),
      urgency: z.enum(['high', 'low']).optional(),
      priority: z.object({ id: z.string().nullable(), name: z.string().nullable() }).optional(),
      message: z.string().optional(),
      requesterId: z.string().min(1).optional(),
      sourceIds: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  createdAt: z.string(),
  firstSentAt: z.string().optional(),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
});

/** The feed document read back, or null when missing or unusable. */
export function parseFeed(raw: unknown, logger: Logger): FeedDocument | null {
  if (raw === undefined || raw === null) return null;
  const r = feedSchema.safeParse(raw);
  if (!r.success) {
    logger.warn('ignoring the saved feed state: it does not have the expected shape', {
      issue: r.error.issues[0]?.message ?? 'invalid',
    });
    return null;
  }
  return r.data as unknown as FeedDocument;
}

/** Pending actions read back; unusable items are dropped with a warning. */
export function parsePendingActions(raw: unknown, logger: Logger): PendingAction[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    logger.warn('ignoring the saved action queue: not a list');
    return [];
  }
  const out: PendingAction[] = [];
  for (const item of raw) {
    const r = actionSchema.safeParse(item);
    if (r.success) out.push(r.data as PendingAction);
    else
      logger.warn('dropping an unreadable saved action', { issue: r.error.issues[0]?.message ?? 'invalid' });
  }
  return out;
}

/** Sync metadata read back. */
export function parseSyncMeta(raw: unknown): SyncMetaDocument | null {
  const r = z.object({ lastGoodPollAt: z.number().nullable() }).safeParse(raw);
  return r.success ? r.data : null;
}
