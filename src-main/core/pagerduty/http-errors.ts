/**
 * Classifies failed PagerDuty answers and network failures into error kinds and user-facing
 * messages (see `errors.ts` for the texts). Pure functions; redaction is done by the caller's `fail`.
 */
import type { ErrorKind } from '../events.js';
import { type PagerDutyError, type PagerDutyErrorInit, isAlreadyDone, messages } from './errors.js';
import { parseErrorBody } from './schemas.js';
import { boundedRetryAfter } from '../sync/backoff.js';
import { stripControl } from '../text.js';

/** Builds the (redacted) error; supplied by the transport. */
export type FailFn = (message: string, init: PagerDutyErrorInit) => PagerDutyError;

/** A non-2xx answer. */
export interface FailedAnswer {
  status: number;
  headers: Headers;
  text: string;
  path: string;
  /** What the request was about, for 404s. */
  what: string;
  host: string;
}

/** Milliseconds to wait from `ratelimit-reset` (seconds), else `retry-after` (seconds), else null. */
export function retryAfterFromHeaders(headers: Headers): number | null {
  for (const name of ['ratelimit-reset', 'retry-after']) {
    const raw = headers.get(name);
    if (raw === null || raw.trim() === '') continue;
    const seconds = Number(raw.trim());
    // Advice, not an order: bounded to 1..60 s, so neither 0 (a tight loop) nor an hour (no paging).
    if (Number.isFinite(seconds) && seconds >= 0) return boundedRetryAfter(seconds * 1000);
  }
  return null;
}

/** PagerDuty's own words: the message and its details, shortened. */
function pagerDutyText(message: string | null, errors: string[]): string {
  const parts = [message, ...errors].filter((s): s is string => !!s && s.trim() !== '');
  const text = parts.join(': ').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** True when PagerDuty complains about the `From` header or an account-level key. */
function mentionsFrom(texts: string[]): boolean {
  return texts.some((t) => /\bfrom\b[^.]*\bheader\b|account[- ]level/i.test(t));
}

/** The typed error of a non-2xx answer. */
export function errorFromResponse(a: FailedAnswer, fail: FailFn): PagerDutyError {
  let json: unknown = null;
  try {
    json = a.text.trim() ? JSON.parse(a.text) : null;
  } catch {
    json = null;
  }
  const body = parseErrorBody(json);
  const code = body?.code ?? null;
  const errors = body?.errors ?? [];
  const texts = [body?.message ?? '', ...errors];
  const extra = pagerDutyText(body?.message ?? null, errors);
  const base = { status: a.status, code, details: errors };
  const make = (kind: ErrorKind, message: string, retryAfterMs: number | null = null): PagerDutyError =>
    // The server's words and the ids in `what` may carry terminal escapes: out, before any host prints it.
    fail(stripControl(message), { ...base, kind, retryAfterMs });

  if (isAlreadyDone(code, texts)) {
    const state = code === 1002 || /acknowledged/i.test(extra) ? 'acknowledged' : 'resolved';
    return make(
      'bad_request',
      `PagerDuty says ${a.what} is already ${state}${code ? ` (code ${code})` : ''}.`,
    );
  }
  if (a.status === 401) return make('auth', messages.auth());
  if (a.status === 402) return make('forbidden', messages.paymentRequired(extra));
  if (a.status === 403) return make('forbidden', messages.forbidden(extra));
  if (a.status === 404) return make('not_found', messages.notFound(a.what));
  if (a.status === 429) {
    const wait = retryAfterFromHeaders(a.headers);
    return make('rate_limited', messages.rateLimited(wait), wait);
  }
  if (a.status === 400 && body?.shape === 'string' && (a.path === '/users/me' || mentionsFrom(texts))) {
    return make('from_required', messages.fromRequired());
  }
  if (a.status === 400 && mentionsFrom(texts)) return make('from_required', messages.fromRequired());
  if (a.status === 408 || a.status >= 500) return make('server', messages.server(a.status, a.host));
  if (a.status >= 400 && a.status < 500) return make('bad_request', messages.badRequest(a.status, extra));
  return make('unknown', messages.unexpectedStatus(a.status, extra));
}

/** Network error codes and what they mean to a user. */
const NETWORK_REASONS: Array<[RegExp, (host: string) => string]> = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, (h) => `the name ${h} does not resolve`],
  [/^ECONNREFUSED$/, () => 'the connection was refused'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED)$/, () => 'the connection was reset'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ENETUNREACH|EHOSTUNREACH)$/, () => 'the network is unreachable'],
  [/CERT|TLS|SSL|SELF_SIGNED/, () => 'its TLS certificate is not trusted'],
];

/** The error code of a fetch failure (`err.cause.code`, `err.code`, or the first of an AggregateError). */
function failureCode(e: unknown, depth = 0): string | null {
  if (depth > 3 || typeof e !== 'object' || e === null) return null;
  const rec = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof rec.code === 'string' && rec.code) return rec.code;
  const fromCause = failureCode(rec.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(rec.errors)) return failureCode(rec.errors[0], depth + 1);
  return null;
}

/** Why a request could not be made, with a sanitized cause (never the raw error, which may hold headers). */
export function networkFailureReason(
  e: unknown,
  hostname: string,
): { code: string | null; reason: string; cause: NonNullable<PagerDutyErrorInit['cause']> } {
  const code = failureCode(e);
  const match = code ? NETWORK_REASONS.find(([re]) => re.test(code)) : undefined;
  const reason = match ? `${match[1](hostname)}, ${code}` : `network error${code ? `, ${code}` : ''}`;
  const name = e instanceof Error ? e.name : 'Error';
  const message = e instanceof Error ? e.message : String(e);
  return { code, reason, cause: { name, code, message: message.slice(0, 500) } };
}
