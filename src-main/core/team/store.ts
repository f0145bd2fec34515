/**
 * The team history store: team pages and on-call spans in memory (arrays plus an index by account and
 * id), rebuilt from an append-only JSON-lines log on open, like the shift history. Every change is one
 * appended line (an upsert), batched per tick; the log is compacted when it holds more than twice the
 * live records. Records carry their account, so several accounts share one store.
 */
import { z } from 'zod';
import { createLogWriter, type AppendLog } from '../history/append-log.js';
import { isNum, numOrNull, strOrNull } from '../history/store.js';
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

/** A fast exact check of a page line (the common case on open); anything else goes through zod. */
function isPageLine(v: unknown): v is { k: 'tp'; p: TeamPage } {
  if (typeof v !== 'object' || v === null || (v as { k?: unknown }).k !== 'tp') return false;
  const p = (v as { p?: unknown }).p as Record<string, unknown> | null | undefined;
  if (typeof p !== 'object' || p === null || Object.keys(p).length !== 19) return false;
  return (
    typeof p.account === 'string' &&
    typeof p.incidentId === 'string' &&
    p.incidentId.length > 0 &&
    isNum(p.number) &&
    typeof p.title === 'string' &&
    strOrNull(p.alertKey) &&
    typeof p.serviceId === 'string' &&
    typeof p.serviceName === 'string' &&
    strOrNull(p.policyId) &&
    Array.isArray(p.teamIds) &&
    p.teamIds.every((t) => typeof t === 'string') &&
    (p.urgency === 'high' || p.urgency === 'low') &&
    isNum(p.triggeredAt) &&
    numOrNull(p.acknowledgedAt) &&
    strOrNull(p.acknowledgedBy) &&
    numOrNull(p.resolvedAt) &&
    strOrNull(p.resolvedBy) &&
    typeof p.escalated === 'boolean' &&
    Number.isInteger(p.notes) &&
    (p.notes as number) >= 0 &&
    strOrNull(p.responderId) &&
    strOrNull(p.responderName)
  );
}

/** The team store's operations. */
export interface TeamStore {
  /** Every page (a live array: do not mutate). */
  pages(): readonly TeamPage[];
  spans(): readonly OncallSpan[];
  /** The stored page of an incident in an account, or null. */
  page(account: string, incidentId: string): TeamPage | null;
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
  // Ids, names and team lists repeat across hundreds of thousands of records: one copy of each.
  const strings = new Map<string, string>();
  const teamLists = new Map<string, string[]>();
  const str = <T extends string | null>(v: T): T => {
    if (v === null) return v;
    const hit = strings.get(v);
    if (hit !== undefined) return hit as T;
    strings.set(v, v);
    return v;
  };
  const intern = (p: TeamPage): TeamPage => {
    const tk = p.teamIds.join('\u0000');
    let teams = teamLists.get(tk);
    if (!teams) teamLists.set(tk, (teams = p.teamIds.map(str)));
    return {
      account: str(p.account),
      incidentId: p.incidentId,
      number: p.number,
      title: p.title,
      alertKey: p.alertKey,
      serviceId: str(p.serviceId),
      serviceName: str(p.serviceName),
      policyId: str(p.policyId),
      teamIds: teams,
      urgency: p.urgency,
      triggeredAt: p.triggeredAt,
      acknowledgedAt: p.acknowledgedAt,
      acknowledgedBy: str(p.acknowledgedBy),
      resolvedAt: p.resolvedAt,
      resolvedBy: str(p.resolvedBy),
      escalated: p.escalated,
      notes: p.notes,
      responderId: str(p.responderId),
      responderName: str(p.responderName),
    };
  };
  const putPage = (raw: TeamPage): boolean => {
    const p = intern(raw);
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
  let bad = 0;
  for (let i = 0; i < raws.length; i++) {
    let v: unknown;
    try {
      v = JSON.parse(raws[i] as string);
    } catch {
      bad++;
      continue;
    }
    raws[i] = '';
    if (isPageLine(v)) {
      putPage(v.p);
      continue;
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
  const writer = createLogWriter(log, {
    lineCount: raws.length,
    live: () => pages.length + spans.length,
    snapshot: () => [
      ...spans.map((o) => JSON.stringify({ k: 'oc', o })),
      ...pages.map((p) => JSON.stringify({ k: 'tp', p })),
    ],
    logger,
    name: 'team history log',
  });
  const enqueue = (line: string) => writer.enqueue(line);
  if (bad > 0 || writer.oversized()) await writer.compact();

  return {
    pages: () => pages,
    spans: () => spans,
    page(account, incidentId) {
      const i = pageIndex.get(`${account}\u0000${incidentId}`);
      return i === undefined ? null : (pages[i] ?? null);
    },
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
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
}
