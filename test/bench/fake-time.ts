/**
 * A fake clock and timers for driving the real engine through hours of polls in seconds, while its
 * HTTP requests still go to a real (in-process) simulator. After each timer fires, `settle` waits
 * for the I/O that timer started (tracked by the wrapped fetch) to finish.
 */
import type { Clock, FetchLike, TimerHandle, Timers } from '../../src-main/core/ports.js';

interface Entry {
  id: number;
  at: number;
  fn: () => void;
}

/** Fake time with a tracked fetch. */
export class FakeTime implements Clock, Timers {
  private nowMs: number;
  private seq = 0;
  private queue: Entry[] = [];
  private inflight = 0;

  constructor(start: number) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const e: Entry = { id: ++this.seq, at: this.nowMs + Math.max(0, ms), fn };
    this.queue.push(e);
    return e.id;
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.queue.findIndex((e) => e.id === handle);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** A fetch whose requests are counted, so `settle` knows when they are done. */
  wrapFetch(inner: FetchLike): FetchLike {
    return async (input, init) => {
      this.inflight += 1;
      try {
        const res = await inner(input, init);
        const body = await res.arrayBuffer();
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } finally {
        this.inflight -= 1;
      }
    };
  }

  /** Wait (in real time) until no request is in flight and the event loop has gone quiet. */
  async settle(): Promise<void> {
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((r) => setImmediate(r));
      quiet = this.inflight === 0 ? quiet + 1 : 0;
    }
  }

  /** Run timers in time order until `ms` of fake time passed; `each` runs after every timer. */
  async advance(ms: number, each?: () => Promise<void> | void): Promise<void> {
    const end = this.nowMs + ms;
    await this.settle();
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fn();
      await this.settle();
      if (each) await each();
    }
    this.nowMs = end;
  }
}
