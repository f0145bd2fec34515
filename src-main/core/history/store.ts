/**
 * The history store: an in-memory index (pages by incident id, notes, ended shifts) rebuilt from an
 * append-only log on open. Every change is appended as one JSON line (an upsert of the whole page),
 * batched per tick; the log is compacted when it holds more than twice the live records.
 */
import { z } from 'zod';
import type { Logger } from '../ports.js';
import { createLogWriter, type AppendLog } from './append-log.js';
import type { PageRecord } from './types.js';

/** A note written on an incident. */
export interface HistoryNote {
  incidentId: string;
  content: string;
  at: number;
}

/** A shift that ended (epoch ms). */
export interface ShiftSpan {
  start: number;
  end: number;
}

const pageSchema = z.object({
  incidentId: z.string().min(1),
  number: z.number(),
  title: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  urgency: z.enum(['high', 'low']),
  triggeredAt: z.number(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedByMe: z.boolean().nullable(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  offHours: z.boolean(),
  weekend: z.boolean(),
});
const lineSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('page'), page: pageSchema }),
  z.object({
    k: z.literal('note'),
    note: z.object({ incidentId: z.string(), content: z.string(), at: z.number() }),
  }),
  z.object({ k: z.literal('shift'), shift: z.object({ start: z.number(), end: z.number() }) }),
]);
type Line = z.infer<typeof lineSchema>;

/** Field checks of the fast line checks (here and in the team store). */
export const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
export const numOrNull = (v: unknown): boolean => v === null || isNum(v);
export const strOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

/** A fast exact check of a page line (the common case on load); anything else goes through zod. */
function isPageLine(v: unknown): v is { k: 'page'; page: PageRecord } {
  if (typeof v !== 'object' || v === null || (v as { k?: unknown }).k !== 'page') return false;
  const p = (v as { page?: unknown }).page as Record<string, unknown> | null | undefined;
  if (typeof p !== 'object' || p === null || Object.keys(p).length !== 14) return false;
  return (
    typeof p.incidentId === 'string' &&
    p.incidentId.length > 0 &&
    isNum(p.number) &&
    typeof p.title === 'string' &&
    typeof p.serviceId === 'string' &&
    typeof p.serviceName === 'string' &&
    (p.urgency === 'high' || p.urgency === 'low') &&
    isNum(p.triggeredAt) &&
    numOrNull(p.acknowledgedAt) &&
    strOrNull(p.acknowledgedBy) &&
    (p.acknowledgedByMe === null || typeof p.acknowledgedByMe === 'boolean') &&
    numOrNull(p.resolvedAt) &&
    strOrNull(p.resolvedBy) &&
    typeof p.offHours === 'boolean' &&
    typeof p.weekend === 'boolean'
  );
}

/** Notes and shifts kept at most (oldest dropped at compaction). */
const MAX_NOTES = 20_000;
const MAX_SHIFTS = 2_000;

/** The history store's operations. */
export interface HistoryStore {
  /** Every page, in no particular order (a live array: do not mutate). */
  pages(): readonly PageRecord[];
  page(incidentId: string): PageRecord | undefined;
  /** Inserts or replaces a page (keyed by incident id). */
  upsert(page: PageRecord): void;
  addNote(note: HistoryNote): void;
  notes(): readonly HistoryNote[];
  addShift(shift: ShiftSpan): void;
  shifts(): readonly ShiftSpan[];
  /** Resolves when every change so far is durable. */
  flush(): Promise<void>;
  /** Rewrites the log with only the live records. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store over a log, rebuilding the index; bad lines are skipped with a warning. */
export async function openHistoryStore(log: AppendLog, logger: Logger): Promise<HistoryStore> {
  const list: PageRecord[] = [];
  const index = new Map<string, number>();
  const notes: HistoryNote[] = [];
  const shifts: ShiftSpan[] = [];
  let bad = 0;

  const applyPage = (p: PageRecord) => {
    const i = index.get(p.incidentId);
    if (i === undefined) {
      index.set(p.incidentId, list.length);
      list.push(p);
    } else list[i] = p;
  };
  const apply = (l: Line) => {
    if (l.k === 'page') applyPage(l.page);
    else if (l.k === 'note') notes.push(l.note);
    else shifts.push(l.shift);
  };

  const raws = await log.readAll();
  // One JSON.parse of the whole log is much faster than one per line; a bad line sends us line by line.
  let values: unknown[] | null = null;
  try {
    values = JSON.parse(`[${raws.join(',')}]`) as unknown[];
    if (values.length !== raws.length) values = null;
  } catch {
    values = null;
  }
  for (let i = 0; i < raws.length; i++) {
    let parsed: unknown;
    if (values) parsed = values[i];
    else {
      try {
        parsed = JSON.parse(raws[i] as string);
      } catch {
        bad++;
        continue;
      }
    }
    if (isPageLine(parsed)) applyPage(parsed.page);
    else {
      const res = lineSchema.safeParse(parsed);
      if (res.success) apply(res.data);
      else bad++;
    }
  }
  if (bad) logger.warn('history log: skipped unreadable records', { count: bad });

  const live = () => list.length + Math.min(notes.length, MAX_NOTES) + Math.min(shifts.length, MAX_SHIFTS);
  const writer = createLogWriter(log, {
    lineCount: raws.length,
    live,
    snapshot: () => [
      ...shifts.slice(-MAX_SHIFTS).map((shift) => JSON.stringify({ k: 'shift', shift })),
      ...list.map((page) => JSON.stringify({ k: 'page', page })),
      ...notes.slice(-MAX_NOTES).map((note) => JSON.stringify({ k: 'note', note })),
    ],
    logger,
    name: 'history log',
  });
  const enqueue = (l: Line) => writer.enqueue(JSON.stringify(l));

  if (writer.oversized() || bad > 0) await writer.compact();

  return {
    pages: () => list,
    page: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : list[i];
    },
    upsert(page) {
      applyPage(page);
      enqueue({ k: 'page', page });
    },
    addNote(note) {
      notes.push(note);
      enqueue({ k: 'note', note });
    },
    notes: () => notes,
    addShift(shift) {
      shifts.push(shift);
      enqueue({ k: 'shift', shift });
    },
    shifts: () => shifts,
    flush: () => writer.flush(),
    compact: () => writer.compact(),
    close: () => writer.close(),
  };
}
