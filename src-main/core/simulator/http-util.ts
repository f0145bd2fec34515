/**
 * Small HTTP helpers for the simulator: JSON answers, PagerDuty error bodies, query and paging parsing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answered to the caller with a status and PagerDuty's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    const err = (body as { error?: { message?: string; errors?: string[] } } | null)?.error;
    super(`HTTP ${status}: ${[err?.message, ...(err?.errors ?? [])].filter(Boolean).join('; ')}`);
  }
}

/** `{error:{message, code, errors}}` as PagerDuty answers. */
export function pdError(status: number, message: string, code: number, errors: string[] = []): HttpError {
  return new HttpError(status, { error: { message, code, errors } });
}

/** 400 Invalid Input Provided with details. */
export function invalid(...errors: string[]): HttpError {
  return pdError(400, 'Invalid Input Provided', 2001, errors);
}

/** 404 Not Found. */
export function notFound(): HttpError {
  return pdError(404, 'Not Found', 2100);
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads a request body as text, at most `max` bytes. */
export function readBody(req: IncomingMessage, max = 5_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(pdError(413, 'Request Entity Too Large', 2001));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body; an empty body is undefined; bad JSON is a 400. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('Request body is not valid JSON');
  }
}

/** Query helper reading repeated keys with or without the `[]` suffix. */
export class Query {
  constructor(readonly params: URLSearchParams) {}

  /** Every value of `key` and `key[]` (comma lists are not split). */
  list(key: string): string[] {
    return [...this.params.getAll(`${key}[]`), ...this.params.getAll(key)].filter((v) => v !== '');
  }

  /** One value or undefined. */
  one(key: string): string | undefined {
    return this.params.get(key) ?? undefined;
  }

  /** A boolean flag (`true`). */
  flag(key: string): boolean {
    return this.params.get(key) === 'true';
  }

  /** An ISO time in ms, or undefined; a bad value is a 400. */
  time(key: string): number | undefined {
    const v = this.params.get(key);
    if (v === null || v === '') return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw invalid(`${key} is not a valid date`);
    return ms;
  }

  /** Plain object for the request log (arrays for repeated keys). */
  toRecord(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(this.params.keys())) {
      const all = this.params.getAll(key);
      out[key] = all.length === 1 ? all[0]! : all;
    }
    return out;
  }
}

/** Offset paging: `limit` (1..max, default 25), `offset`, `total`. */
export interface Paging {
  limit: number;
  offset: number;
  total: boolean;
}

/** Parses paging parameters; offset+limit beyond 10,000 is a 400 as in PagerDuty. */
export function parsePaging(q: Query, maxLimit = 100): Paging {
  const intOf = (key: string, dflt: number): number => {
    const v = q.one(key);
    if (v === undefined || v === '') return dflt;
    if (!/^\d+$/.test(v)) throw invalid(`${key} must be a non-negative integer`);
    return Number(v);
  };
  const limit = Math.min(Math.max(intOf('limit', 25), 1), maxLimit);
  const offset = intOf('offset', 0);
  if (offset + limit > 10_000) {
    throw invalid('Offset must be less than 10000 (offset + limit may not exceed 10000)');
  }
  return { limit, offset, total: q.flag('total') };
}

/** Slices a list into one page with PagerDuty's paging fields. */
export function page<T>(
  items: readonly T[],
  p: Paging,
): { items: T[]; limit: number; offset: number; more: boolean; total: number | null } {
  return {
    items: items.slice(p.offset, p.offset + p.limit),
    limit: p.limit,
    offset: p.offset,
    more: p.offset + p.limit < items.length,
    total: p.total ? items.length : null,
  };
}
