/**
 * A manual clock and timers for simulator tests: time moves only when a test advances it.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Clock, TimerHandle, Timers } from '../../../src-main/core/ports.js';
import { startSimulator, type Simulator } from '../../../src-main/core/simulator/index.js';

/** Fake clock + timers; `advance` fires due timers in time order. */
export class FakeTime implements Clock, Timers {
  private t: number;
  private seq = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.parse('2026-03-02T09:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    this.seq += 1;
    this.queue.set(this.seq, { at: this.t + Math.max(0, ms), fn });
    return this.seq;
  }

  clearTimeout(handle: TimerHandle): void {
    this.queue.delete(handle as number);
  }

  /** Moves time forward, running every timer that falls due (including ones they schedule). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.queue) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.queue.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }

  /** Number of pending timers. */
  pending(): number {
    return this.queue.size;
  }
}

/** Headers of a well-formed read. */
export const READ = {
  Authorization: 'Token token=test-token-123',
  Accept: 'application/vnd.pagerduty+json;version=2',
};

/** Headers of a well-formed write by me. */
export const WRITE = { ...READ, 'Content-Type': 'application/json', From: 'me@demo.oncall-companion.dev' };

/** fetch + JSON, returning status, headers and the parsed body. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep JSON
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? READ,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* leave text */
  }
  return { status: res.status, headers: res.headers, body };
}

/**
 * Registers the hooks of a test file whose tests talk to one simulator (no scenario) on a FakeTime:
 * started before each test (or once, with `'all'`) and closed after; `use` receives the new pair so
 * the file keeps its own `sim` and `time` variables.
 */
export function simulatorOnFakeTime(
  use: (started: { sim: Simulator; time: FakeTime }) => void,
  scope: 'each' | 'all' = 'each',
): void {
  let sim: Simulator | null = null;
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    const time = new FakeTime();
    sim = await startSimulator({ scenario: 'none', clock: time, timers: time });
    use({ sim, time });
  });
  after(async () => {
    await sim?.close();
    sim = null;
  });
}
