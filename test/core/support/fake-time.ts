/**
 * A fake clock and timers for tests: time moves only when the test says so, timers fire in order,
 * and promise chains settle between firings. `sleep` moves the clock without firing timers (a
 * laptop lid closed), so overdue timers then fire late, as after a real suspend.
 */
import type { Clock, TimerHandle, Timers } from '../../../src-main/core/ports.js';

interface Pending {
  id: number;
  due: number;
  fn: () => void;
}

/** Settles pending promise chains (several macrotask turns). */
export async function flush(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Fake time: a Clock and Timers driven by the test. */
export class FakeTime implements Clock, Timers {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = Date.parse('2026-01-05T12:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.pending.push({ id, due: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Number of timers waiting. */
  get timerCount(): number {
    return this.pending.length;
  }

  /** Moves time forward by `ms`, firing each timer at its due time. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      let next: Pending | undefined;
      for (const p of this.pending) if (p.due <= end && (!next || p.due < next.due)) next = p;
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.t = Math.max(this.t, next.due);
      next.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }

  /** Moves the clock without firing timers (suspend), then fires whatever is overdue. */
  async sleep(ms: number): Promise<void> {
    this.t += ms;
    await this.advance(0);
  }
}
