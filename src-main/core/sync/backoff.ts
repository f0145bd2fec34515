/**
 * Retry delays: exponential backoff with a cap and jitter, and the poll interval's small jitter.
 */

/** Backoff shape: first delay, cap, and +/- jitter fraction. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  jitter: number;
}

/** 2 s doubling to 60 s, +/-20 %. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2000, capMs: 60_000, jitter: 0.2 };

/** Delay before retry number `attempt` (1 = first retry); `random` in [0, 1). Never above the cap. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  const factor = 1 + (random() * 2 - 1) * opts.jitter;
  return Math.max(0, Math.min(opts.capMs, Math.round(raw * factor)));
}

/** Maximum jitter of the poll interval: +/-5 %, so the mean stays at the interval. */
export const POLL_JITTER = 0.05;

/** One poll interval with jitter; `random` in [0, 1). */
export function jitteredInterval(intervalMs: number, random: () => number): number {
  return Math.round(intervalMs * (1 + (random() * 2 - 1) * POLL_JITTER));
}

/** The shortest wait a server's `ratelimit-reset` can ask for: never a tight loop. */
export const RETRY_AFTER_MIN_MS = 1000;
/** The longest: paging never stops for longer than the backoff cap, whatever the server says. */
export const RETRY_AFTER_MAX_MS = 60_000;

/** A server-given wait clamped to 1 s..60 s (null when there is none or it is not a number). */
export function boundedRetryAfter(ms: number | null | undefined): number | null {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) return null;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, Math.ceil(ms)));
}
