/**
 * Typed errors of the PagerDuty client. Every failure becomes a `PagerDutyError` with a kind the
 * engine can act on (retry, back off, ask for a new token) and a message the user can act on.
 * Messages never contain the token (see `redact.ts`; the client redacts before constructing).
 */
import type { ErrorKind } from '../events.js';

/** PagerDuty error code: the incident is already resolved. */
export const CODE_ALREADY_RESOLVED = 1001;
/** PagerDuty error code: the incident is already acknowledged. */
export const CODE_ALREADY_ACKNOWLEDGED = 1002;

/** Error kinds worth retrying later with backoff (the others need the user or will not change). */
export const RETRYABLE_KINDS: readonly ErrorKind[] = [
  'rate_limited',
  'server',
  'unreachable',
  'timeout',
  'invalid_response',
  'unknown',
];

/** Fields of a `PagerDutyError` besides its message. */
export interface PagerDutyErrorInit {
  kind: ErrorKind;
  status?: number | null;
  code?: number | null;
  retryAfterMs?: number | null;
  /** Details PagerDuty gave (`error.errors[]`), already redacted. */
  details?: string[];
  /** A sanitized description of the underlying failure (never the raw error object). */
  cause?: { name: string; code: string | null; message: string };
}

/** True for PagerDuty's "already resolved/acknowledged" code or message. */
export function isAlreadyDone(code: number | null | undefined, texts: readonly string[] = []): boolean {
  if (code === CODE_ALREADY_RESOLVED || code === CODE_ALREADY_ACKNOWLEDGED) return true;
  return texts.some((t) => /\balready (been )?(resolved|acknowledged)\b/i.test(t));
}

/** A failed PagerDuty call: what kind of failure, the HTTP status and PagerDuty code when known. */
export class PagerDutyError extends Error {
  override readonly name = 'PagerDutyError';
  readonly kind: ErrorKind;
  readonly status: number | null;
  readonly code: number | null;
  /** How long to wait before retrying, from `ratelimit-reset`; null = caller's own backoff. */
  readonly retryAfterMs: number | null;
  readonly details: string[];

  constructor(message: string, init: PagerDutyErrorInit) {
    super(message, init.cause ? { cause: init.cause } : undefined);
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.details = init.details ?? [];
  }

  /** True when PagerDuty said the incident is already in the wanted state (codes 1001/1002). */
  get alreadyDone(): boolean {
    return isAlreadyDone(this.code, [this.message, ...this.details]);
  }

  /** True when trying again later may succeed. */
  get retryable(): boolean {
    return RETRYABLE_KINDS.includes(this.kind);
  }

  /** JSON-safe form (for logs and events). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
      details: this.details,
    };
  }
}

/** Type guard for `PagerDutyError`. */
export function isPagerDutyError(e: unknown): e is PagerDutyError {
  return e instanceof PagerDutyError;
}

/** True for the rejection of a call cancelled through the caller's `signal`. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === 'AbortError';
}

/** Human duration: "750 ms", "10 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** Messages a user can act on, by situation. `host` names the server, `extra` is PagerDuty's own text. */
export const messages = {
  auth: () =>
    'PagerDuty rejected the API token (401). Create a new one under My Profile > User Settings > API Access ' +
    'and enter it in Settings (or PAGERDUTY_TOKEN).',
  forbidden: (extra: string) =>
    'PagerDuty refused this request (403): the API key is read-only or lacks the write scope' +
    `${extra ? ` (${extra})` : ''}. Use a full-access user API key (My Profile > User Settings > API Access) ` +
    'or an OAuth token with the write scope.',
  paymentRequired: (extra: string) =>
    `Your PagerDuty plan does not include this feature (402)${extra ? `: ${extra}` : ''}.`,
  fromRequired: () =>
    'This PagerDuty key is an account-level key, so PagerDuty cannot tell who you are: ' +
    'set your PagerDuty email as From (--from EMAIL or Settings).',
  fromMissingForWrite: () =>
    'Changing incidents needs the email of your PagerDuty user as From, and none is known yet: ' +
    'set your PagerDuty email as From (--from EMAIL or Settings).',
  fromUserUnknown: (email: string) =>
    `No PagerDuty user has the From email ${email}: set your PagerDuty email as From (--from EMAIL or Settings).`,
  rateLimited: (retryAfterMs: number | null) =>
    'PagerDuty rate limit reached (429): this user made too many requests across all apps and keys. ' +
    (retryAfterMs === null ? 'Backing off before retrying.' : `Retrying in ${formatDuration(retryAfterMs)}.`),
  server: (status: number, host: string) =>
    `PagerDuty at ${host} had a server error (HTTP ${status}). The app will retry with backoff.`,
  notFound: (what: string) => `PagerDuty could not find ${what} (404). It may have been deleted or merged.`,
  badRequest: (status: number, extra: string) =>
    `PagerDuty rejected the request (HTTP ${status})${extra ? `: ${extra}` : ''}.`,
  unreachable: (host: string, reason: string) =>
    `Cannot reach PagerDuty at ${host} (${reason}). Check your network connection and the API URL setting.`,
  timeout: (host: string, timeoutMs: number) =>
    `PagerDuty at ${host} did not answer within ${formatDuration(timeoutMs)} (the request timeout). ` +
    'The app will retry; check your network if this continues.',
  invalidResponse: (host: string, what: string) =>
    `PagerDuty at ${host} sent an answer the app cannot read (${what}). Check the API URL setting; the app will retry.`,
  unexpectedStatus: (status: number, extra: string) =>
    `PagerDuty answered with unexpected HTTP ${status}${extra ? `: ${extra}` : ''}.`,
  badSnooze: (value: number) =>
    `Snooze duration must be a whole number of seconds from 1 to 604800 (7 days); got ${value}.`,
  badUrl: (url: string) =>
    `The PagerDuty API URL "${url}" is not a valid http(s) URL (e.g. https://api.pagerduty.com).`,
} as const;

/** Any thrown value as a kind and a user-facing message (non-PagerDuty errors become `unknown`). */
export function describeError(e: unknown): { kind: ErrorKind; message: string; retryAfterMs: number | null } {
  if (isPagerDutyError(e)) return { kind: e.kind, message: e.message, retryAfterMs: e.retryAfterMs };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'unknown', message: `Unexpected error: ${message}`, retryAfterMs: null };
}
