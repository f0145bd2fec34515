/** The request meter counts what the client really sends: the last minute, the average, the busiest minute. */
import { describe, expect, it } from 'vitest';
import { meterFetch } from '../../../src-main/core/sync/request-meter.js';
import { pollBudget } from '../../../src-main/shared/accounts.js';

describe('meterFetch', () => {
  it('counts each request and slides its minute', async () => {
    let t = 1_000_000;
    const seen: string[] = [];
    const m = meterFetch(
      async (url) => {
        seen.push(url);
        return new Response('{}');
      },
      { now: () => t },
    );
    expect(m.rate()).toEqual({ lastMinute: 0, perMinute: 0, peakMinute: 0, total: 0 });
    // 12 polls a minute for 3 minutes.
    for (let i = 0; i < 36; i++) {
      t += 5_000;
      await m.fetch(`https://api.example/incidents?i=${i}`);
    }
    expect(seen).toHaveLength(36);
    const r = m.rate();
    expect(r.total).toBe(36);
    expect(r.lastMinute).toBe(12);
    expect(r.perMinute).toBeCloseTo(12, 0);
    expect(r.peakMinute).toBe(12);
    // A burst raises the busiest minute, and leaves the last minute once it is over.
    for (let i = 0; i < 30; i++) await m.fetch('https://api.example/services');
    expect(m.rate().peakMinute).toBe(42);
    t += 61_000;
    expect(m.rate().lastMinute).toBe(0);
    expect(m.rate().peakMinute).toBe(42);
    // Older than 10 minutes leaves the average.
    t += 10 * 60_000;
    expect(m.rate().perMinute).toBe(0);
  });

  it('the estimate includes the on-call and ownership refreshes', () => {
    const b = pollBudget(5);
    expect(b.polls).toBe(12);
    expect(b.oncall + b.ownership).toBeGreaterThan(0);
    expect(b.perMinute).toBe(13);
    expect(pollBudget(60).perMinute).toBe(2);
  });
});
