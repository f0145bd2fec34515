/**
 * The requests an account's client really sends: a fetch that notes the time of each request
 * (polls, on-call and ownership refreshes, actions, reads for the views), and the rate over the
 * last minute and the last ten, to show beside the estimate (`pollBudget`) in Settings and to
 * check in the bench against PagerDuty's limit.
 */
import type { Clock, FetchLike } from '../ports.js';

/** Measured requests of one client. */
export interface RequestRate {
  /** Requests sent in the last 60 s. */
  lastMinute: number;
  /** The average a minute over the window (up to 10 minutes, or since the first request). */
  perMinute: number;
  /** The busiest single minute seen since the start (a sliding 60 s), for checks against the limit. */
  peakMinute: number;
  /** Requests since the start. */
  total: number;
}

/** A metered fetch and its rate. */
export interface RequestMeter {
  fetch: FetchLike;
  rate(): RequestRate;
}

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;

/** Wraps `inner` so each request it sends is counted. */
export function meterFetch(inner: FetchLike, clock: Clock): RequestMeter {
  /** Times of the requests in the window, oldest first. */
  const times: number[] = [];
  let first: number | null = null;
  let total = 0;
  let peak = 0;
  /** Index into `times` of the oldest request of the last minute (sliding). */
  const prune = (now: number): void => {
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - WINDOW) drop += 1;
    if (drop) times.splice(0, drop);
  };
  const inLastMinute = (now: number): number => {
    let n = 0;
    for (let i = times.length - 1; i >= 0 && times[i]! > now - MINUTE; i--) n += 1;
    return n;
  };
  return {
    fetch(input, init) {
      const now = clock.now();
      first ??= now;
      total += 1;
      times.push(now);
      prune(now);
      peak = Math.max(peak, inLastMinute(now));
      return inner(input, init);
    },
    rate() {
      const now = clock.now();
      prune(now);
      const span = first === null ? MINUTE : Math.min(WINDOW, Math.max(MINUTE, now - first));
      return {
        lastMinute: inLastMinute(now),
        perMinute: Math.round((times.length / span) * MINUTE * 10) / 10,
        peakMinute: peak,
        total,
      };
    },
  };
}
