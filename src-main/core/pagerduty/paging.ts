/**
 * Reads PagerDuty listings: checks each answer's envelope (an invalid one is an `invalid_response`
 * error), follows classic `more`/`offset` paging up to PagerDuty's 10,000 window, validates items one
 * by one and drops items seen twice (they move between pages while we page).
 */
import type { z } from 'zod';
import type { Logger } from '../ports.js';
import type { Listing } from './api.js';
import { PagerDutyError, messages } from './errors.js';
import type { HttpAnswer, QueryValue, RequestSpec } from './http.js';
import { parseListing } from './listing.js';
import { redactSecrets } from './redact.js';
import { formatIssues } from './schemas.js';

/** Largest page PagerDuty serves. */
export const MAX_PAGE_SIZE = 100;
/** `offset + limit` may not pass this on classic pagination. */
export const MAX_OFFSET_WINDOW = 10_000;

/** One listing to read. */
export interface PageSpec<S extends z.ZodType, T> {
  path: string;
  key:
    | 'incidents'
    | 'oncalls'
    | 'log_entries'
    | 'users'
    | 'teams'
    | 'alerts'
    | 'escalation_policies'
    | 'priorities'
    | 'services';
  envelope: z.ZodType<Record<string, unknown> & { more?: boolean | null }>;
  query: Record<string, QueryValue>;
  item: S;
  map: (w: z.output<S>) => T;
  /** What an item is, for logs and 404s ("incident"). */
  what: string;
  /** Page size (clamped to 1..100, default 100). */
  limit?: number;
  /** Identity for dropping duplicates across pages. */
  keyOf?: (t: T) => string;
  signal?: AbortSignal;
  maxPages?: number;
  /** Fast validate-and-map path for the common item shape (see `parseListing`). */
  fast?: (item: unknown) => T | null;
  /**
   * Remember each page's bytes and parsed items, and reuse them when the next answer to the same
   * page is byte-identical (the steady state of a poll): no decode, no parse, no validation.
   */
  reuseUnchangedPages?: boolean;
}

/** A page as last read: its bytes and what they parsed to. */
interface CachedPage {
  raw: Uint8Array;
  items: unknown[];
  skipped: Array<{ index: number; id: string | null; reason: string }>;
  count: number;
  more: boolean;
  /** How far the next page's offset moves: the `limit` the server answered, not the one asked. */
  step: number;
}

/** Request identity without the offset: pages of one listing share it. */
function listingKey(path: string, query: Record<string, QueryValue>): string {
  return `${path}?${JSON.stringify(query)}`;
}

/** The offset step after one page: the answered limit when usable, else the items served, else the asked. */
export function pageStep(answered: unknown, served: number, asked: number): number {
  if (typeof answered === 'number' && Number.isInteger(answered) && answered >= 1 && answered <= asked)
    return answered;
  return served >= 1 && served <= asked ? served : asked;
}

/** What the pager needs from the client. */
export interface PagerDeps {
  request(spec: RequestSpec): Promise<HttpAnswer>;
  logger: Logger;
  secrets: readonly string[];
  host: string;
}

/** Creates `envelope` (check one answer) and `paginate` (read a whole listing). */
export function createPager(deps: PagerDeps): {
  envelope<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S>;
  paginate<S extends z.ZodType, T>(p: PageSpec<S, T>): Promise<Listing<T>>;
} {
  const { logger, secrets, host } = deps;
  /** Per listing (path + query), the pages of its last read, by offset. */
  const pageCache = new Map<string, Map<number, CachedPage>>();

  function envelope<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const reason = redactSecrets(formatIssues(parsed.error), secrets);
    logger.warn('Invalid PagerDuty answer', { what, reason });
    throw new PagerDutyError(messages.invalidResponse(host, `${what}: ${reason}`), {
      kind: 'invalid_response',
    });
  }

  async function paginate<S extends z.ZodType, T>(p: PageSpec<S, T>): Promise<Listing<T>> {
    const limit = Math.min(Math.max(Math.trunc(p.limit ?? MAX_PAGE_SIZE), 1), MAX_PAGE_SIZE);
    const out: Listing<T> = { items: [], skipped: [] };
    const seen = new Set<string>();
    let offset = 0;
    let index = 0;
    const cacheKey = p.reuseUnchangedPages ? listingKey(p.path, p.query) : null;
    const lastPages = cacheKey ? pageCache.get(cacheKey) : undefined;
    const thesePages = new Map<number, CachedPage>();
    for (let page = 1; ; page++) {
      const cached = lastPages?.get(offset);
      const answer = await deps.request({
        method: 'GET',
        path: p.path,
        query: { ...p.query, limit, offset },
        signal: p.signal,
        what: p.what,
        ...(cacheKey ? { keepRaw: true } : {}),
        ...(cached ? { sameAs: cached.raw } : {}),
      });
      let view: CachedPage;
      if (answer.unchanged && cached) {
        view = cached;
      } else {
        const env = envelope(p.envelope, answer.body, p.path);
        const items = env[p.key] as unknown[];
        const parsed = parseListing(items, p.item, p.map, {
          logger,
          what: p.what,
          indexOffset: index,
          ...(p.fast ? { fast: p.fast } : {}),
        });
        view = {
          raw: answer.raw ?? new Uint8Array(0),
          items: parsed.items,
          skipped: parsed.skipped,
          count: items.length,
          more: Boolean(env.more),
          step: pageStep(env.limit, items.length, limit),
        };
      }
      if (cacheKey) thesePages.set(offset, view);
      for (const item of view.items as T[]) {
        const k = p.keyOf?.(item);
        if (k !== undefined) {
          if (seen.has(k)) continue;
          seen.add(k);
        }
        out.items.push(item);
      }
      for (const s of view.skipped) {
        out.skipped.push({
          index: s.index,
          id: s.id === null ? null : redactSecrets(s.id, secrets),
          reason: redactSecrets(s.reason, secrets),
        });
      }
      const itemsCount = view.count;
      const more = view.more;
      index += itemsCount;
      if (!more || itemsCount === 0 || (p.maxPages !== undefined && page >= p.maxPages)) break;
      // A server that serves fewer than asked (limit 25 for 100) would make `offset + limit` skip
      // incidents, which then look resolved: move by what it said it served.
      const next = offset + view.step;
      if (next + limit > MAX_OFFSET_WINDOW) {
        logger.warn('PagerDuty listing truncated at the paging limit', { path: p.path, items: index });
        break;
      }
      offset = next;
    }
    // Only the pages of the latest read are kept: memory stays bounded by one listing per query.
    if (cacheKey) {
      if (pageCache.size > 8 && !pageCache.has(cacheKey)) pageCache.clear();
      pageCache.set(cacheKey, thesePages);
    }
    return out;
  }

  return { envelope, paginate };
}
