/**
 * When to poll: every interval (with small jitter, fixed rate so the mean stays at the interval),
 * exponential backoff after failures (or the server's rate-limit wait), never two polls in flight,
 * and a clock-jump check: a timer that fires far too late (laptop sleep) reports a jump first.
 */
import type { Clock, TimerHandle, Timers } from '../ports.js';
import { backoffDelay, boundedRetryAfter, jitteredInterval, type BackoffOptions } from './backoff.js';
import { classifyError, type ClassifiedError } from './errors.js';

/** Outcome of one poll. */
export type CycleResult = { ok: true } | { ok: false; error: ClassifiedError };

/** What the scheduler drives. */
export interface SchedulerOptions {
  clock: Clock;
  timers: Timers;
  random: () => number;
  intervalMs: () => number;
  /** One poll; must not throw. */
  run: () => Promise<CycleResult>;
  /** A failed poll and when the next try is due (epoch ms). */
  onRetry: (error: ClassifiedError, retryAt: number, failures: number) => void;
  /** The timer fired more than twice the interval late. */
  onClockJump: (lateMs: number) => void;
  /** Retry delays after failures (default `DEFAULT_BACKOFF`: 2 s doubling to 60 s). */
  backoff?: BackoffOptions;
}

/** The poll loop. */
export interface PollScheduler {
  start(): void;
  stop(): void;
  /** Polls at once (or waits for the poll in flight). */
  pollNow(): Promise<void>;
  /** Re-plans the next poll after an interval change. */
  reschedule(): void;
}

/** Creates the poll loop. */
export function createScheduler(opts: SchedulerOptions): PollScheduler {
  const { clock, timers, random } = opts;
  let timer: TimerHandle | null = null;
  let dueAt = 0;
  let inFlight: Promise<void> | null = null;
  let lastStart: number | null = null;
  let failures = 0;
  let running = false;

  function arm(delay: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    if (!running) return;
    dueAt = clock.now() + delay;
    const planned = dueAt;
    timer = timers.setTimeout(() => {
      timer = null;
      const late = clock.now() - planned;
      if (late > 2 * opts.intervalMs()) opts.onClockJump(late);
      void pollNow();
    }, delay);
  }

  function pollNow(): Promise<void> {
    if (inFlight) return inFlight;
    if (!running) return Promise.resolve();
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const started = clock.now();
    lastStart = started;
    inFlight = Promise.resolve()
      .then(opts.run)
      .catch((e: unknown): CycleResult => ({ ok: false, error: classifyError(e) }))
      .then((r) => {
        if (r.ok) {
          failures = 0;
          return Math.max(0, started + jitteredInterval(opts.intervalMs(), random) - clock.now());
        }
        failures += 1;
        const delay = boundedRetryAfter(r.error.retryAfterMs) ?? backoffDelay(failures, random, opts.backoff);
        if (running) opts.onRetry(r.error, clock.now() + delay, failures);
        return delay;
      })
      .then((delay) => {
        inFlight = null;
        arm(delay);
      });
    return inFlight;
  }

  return {
    start() {
      if (running) return;
      running = true;
      void pollNow();
    },
    stop() {
      running = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    pollNow,
    reschedule() {
      if (!running || inFlight || timer === null || failures > 0 || lastStart === null) return;
      const want = lastStart + opts.intervalMs();
      if (want < dueAt) arm(Math.max(0, want - clock.now()));
    },
  };
}
