/**
 * The team history store: team pages and on-call spans in memory (arrays plus an index by account and
 * id), rebuilt from an append-only JSON-lines log on open, like the shift history. Every change is one
 * appended line (an upsert), batched per tick; the log is compacted when it holds more than twice the
 * live records. Records carry their account, so several accounts share one store.
 */
import { z } from 'zod';
import type { AppendLog } from '../history/append-log.js';
import type { Logger } from '../ports.js';
import type { OncallSpan, TeamPage } from './types.js';

const pageSchema = z.object({
  account: z.string(),
  incidentId: z.string().min(1),
  number: z.number(),
  title: z.string(),
  alertKey: z.string().nullable(),
  serviceId: z.string(),
  serviceName: z.string(),
  policyId: z.string().nullable(),
  teamIds: z.array(z.string()),
  urgency: z.enum(['high', 'low']),
  triggeredAt: z.number(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  escalated: z.boolean(),
  notes: z.number().int().min(0),
  responderId: z.string().nullable(),
  responderName: z.string().nullable(),
});
const spanSchema = z.object({
  account: z.string(),
  teamIds: z.array(z.string()),
  policyId: z.string(),
  userId: z.string(),
  userName: z.string(),
  start: z.number(),
  end: z.number(),
});
const lineSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('tp'), p: pageSchema }),
  z.object({ k: z.literal('oc'), o: spanSchema }),
]);

/** The team store's operations. */
export interface TeamStore {
  /** Every page (a live array: do not mutate). */
  pages(): readonly TeamPage[];
  spans(): readonly OncallSpan[];
  /** Inserts or replaces pages (by account and incident id); returns how many were new. */
  upsertPages(pages: readonly TeamPage[]): number;
  /** Inserts or replaces spans (by account, policy, person and start). */
  upsertSpans(spans: readonly OncallSpan[]): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const pageKey = (p: TeamPage) => `${p.account}\u0000${p.incidentId}`;
const spanKey = (s: OncallSpan) => `${s.account}\u0000${s.policyId}\u0000${s.userId}\u0000${s.start}`;

/** Opens the store over a log; bad lines are skipped with a warning. */
export async function openTeamStore(log: AppendLog, logger: Logger): Promise<TeamStore> {
  const pages: TeamPage[] = [];
  const pageIndex = new Map<string, number>();
  const spans: OncallSpan[] = [];
  const spanIndex = new Map<string, number>();
  const putPage = (p: TeamPage): boolean => {
    const k = pageKey(p);
    const i = pageIndex.get(k);
    if (i === undefined) {
      pageIndex.set(k, pages.length);
      pages.push(p);
      return true;
    }
    pages[i] = p;
    return false;
  };
  const putSpan = (s: OncallSpan): void => {
    const k = spanKey(s);
    const i = spanIndex.get(k);
    if (i === undefined) {
      spanIndex.set(k, spans.length);
      spans.push(s);
    } else spans[i] = s;
  };

  const raws = await log.readAll();
  let values: unknown[] | null = null;
  try {
    values = JSON.parse(`[${raws.join(',')}]`) as unknown[];
    if (values.length !== raws.length) values = null;
  } catch {
    values = null;
  }
  let bad = 0;
  for (let i = 0; i < raws.length; i++) {
    let v: unknown;
    if (values) v = values[i];
    else {
      try {
        v = JSON.parse(raws[i] as string);
      } catch {
        bad++;
        continue;
      }
    }
    const r = lineSchema.safeParse(v);
    if (!r.success) {
      bad++;
      continue;
    }
    if (r.data.k === 'tp') putPage(r.data.p);
    else putSpan(r.data.o);
  }
  if (bad) logger.warn('team history log: skipped unreadable records', { count: bad });
  let lineCount = raws.length;

  let pending: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;
  const compact = (): Promise<void> => {
    writing = writing
      .then(async () => {
        const lines = [
          ...spans.map((o) => JSON.stringify({ k: 'oc', o })),
          ...pages.map((p) => JSON.stringify({ k: 'tp', p })),
        ];
        await log.replaceAll(lines);
        lineCount = lines.length;
      })
      .catch((e: unknown) => logger.error('team history log: compaction failed', { error: String(e) }));
    return writing;
  };
  const drain = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    writing = writing
      .then(() => log.append(batch))
      .then(() => {
        lineCount += batch.length;
        if (lineCount > 2 * (pages.length + spans.length) + 1000) void compact();
      })
      .catch((e: unknown) => logger.error('team history log: write failed', { error: String(e) }));
  };
  const enqueue = (line: string) => {
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(drain);
    }
  };
  if (bad > 0 || lineCount > 2 * (pages.length + spans.length) + 1000) await compact();

  return {
    pages: () => pages,
    spans: () => spans,
    upsertPages(list) {
      let added = 0;
      for (const p of list) {
        if (putPage(p)) added++;
        enqueue(JSON.stringify({ k: 'tp', p }));
      }
      return added;
    },
    upsertSpans(list) {
      for (const o of list) {
        putSpan(o);
        enqueue(JSON.stringify({ k: 'oc', o }));
      }
    },
    async flush() {
      drain();
      await writing;
    },
    async close() {
      drain();
      await writing;
      await log.close();
    },
  };
}
