/**
 * How the engine reads a failure: its kind, a user-facing message, and how long to wait. Duck-typed on
 * the client's `PagerDutyError` fields (`kind`, `status`, `retryAfterMs`, `alreadyDone`) so the core
 * does not depend on one client implementation.
 */
import type { ErrorKind } from '../events.js';
import { stripControl } from '../text.js';

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  'auth',
  'forbidden',
  'from_required',
  'rate_limited',
  'server',
  'unreachable',
  'timeout',
  'invalid_response',
  'not_found',
  'bad_request',
  'unknown',
]);

/** Kinds that need the user (token, scope, From email): shown as `auth_error`. */
export const AUTH_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['auth', 'forbidden', 'from_required']);

/** Kinds worth retrying an action for; the rest are final. */
export const RETRYABLE_ACTION_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limited',
  'server',
  'unreachable',
  'timeout',
  'invalid_response',
  'unknown',
]);

/** A failure as the engine acts on it. */
export interface ClassifiedError {
  kind: ErrorKind;
  message: string;
  status: number | null;
  retryAfterMs: number | null;
  /** The API said the incident is already in the wanted state. */
  alreadyDone: boolean;
}

/** An error the core raises itself (deadline passed, stopped) with a kind. */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    message: string,
    readonly kind: ErrorKind,
  ) {
    super(message);
  }
}

const TOKEN_LIKE = /(token=|Bearer\s+)[^\s"',;]+/gi;

/** Never let something token-shaped, or a terminal escape from the server, through into a message. */
export function scrub(message: string): string {
  return stripControl(message).replace(TOKEN_LIKE, '$1[redacted]').slice(0, 500);
}

function statusKind(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

/** Reads any thrown value as a `ClassifiedError`. */
export function classifyError(e: unknown): ClassifiedError {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const status = typeof o.status === 'number' ? o.status : null;
  let kind: ErrorKind = 'unknown';
  if (typeof o.kind === 'string' && KINDS.has(o.kind)) kind = o.kind as ErrorKind;
  else if (status !== null) kind = statusKind(status);
  else if (o.name === 'AbortError' || o.name === 'TimeoutError') kind = 'timeout';
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  const retry = typeof o.retryAfterMs === 'number' && o.retryAfterMs >= 0 ? o.retryAfterMs : null;
  let alreadyDone = false;
  try {
    alreadyDone = o.alreadyDone === true;
  } catch {
    alreadyDone = false;
  }
  return { kind, message: scrub(raw || kind), status, retryAfterMs: retry, alreadyDone };
}
