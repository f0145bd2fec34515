/**
 * A fake `fetch` for the PagerDuty client tests: records every request and answers from a handler
 * (canned PagerDuty JSON, errors, hangs that honour the abort signal).
 */
import type { FetchLike } from '../../../src-main/core/ports.js';

/** One request the client made. */
export interface RecordedRequest {
  url: string;
  method: string;
  /** Headers exactly as the client passed them (names as written). */
  rawHeaders: Record<string, string>;
  headers: Headers;
  path: string;
  query: URLSearchParams;
  /** Raw query string, to check encoding (`statuses[]=a&statuses[]=b`). */
  search: string;
  body: unknown;
  signal: AbortSignal | undefined;
}

/** Answers one request; throwing simulates a network failure, `'hang'` never answers (until aborted). */
export type Handler = (req: RecordedRequest, n: number) => Response | 'hang' | Promise<Response | 'hang'>;

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A fake fetch and the requests it saw. */
export function fakeFetch(handler: Handler): { fetch: FetchLike; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const rawHeaders = { ...(init?.headers as Record<string, string> | undefined) };
    const req: RecordedRequest = {
      url: input,
      method: init?.method ?? 'GET',
      rawHeaders,
      headers: new Headers(rawHeaders),
      path: url.pathname,
      query: url.searchParams,
      search: url.search.replace(/^\?/, ''),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init?.signal ?? undefined,
    };
    requests.push(req);
    const answer = await handler(req, requests.length - 1);
    if (answer !== 'hang') return answer;
    return new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal;
      if (!signal) return;
      const abort = (): void => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    });
  };
  return { fetch, requests };
}

/** An Error shaped like undici's `fetch failed` with a system error cause. */
export function networkError(code: string, message = `connect ${code}`): Error {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause });
}
