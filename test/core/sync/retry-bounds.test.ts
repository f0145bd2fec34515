/**
 * The server's rate-limit wait is advice, not an order: whatever `ratelimit-reset` says (0, an hour,
 * a number past setTimeout's range), polls and actions wait between 1 s and 60 s.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  boundedRetryAfter,
  RETRY_AFTER_MAX_MS,
  RETRY_AFTER_MIN_MS,
} from '../../../src-main/core/sync/backoff.js';
import { retryAfterFromHeaders } from '../../../src-main/core/pagerduty/http-errors.js';
import { FakeApiError } from '../support/fake-api.js';
import { rig, type Rig } from '../support/harness.js';

let r: Rig | null = null;
afterEach(async () => {
  await r?.companion.stop();
  r = null;
});

const limited = (ms: number): FakeApiError => new FakeApiError('rate limited', 'rate_limited', 429, ms);

describe('rate-limit waits are bounded', () => {
  it('polls again within 60 s when the server says to wait an hour', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    r.api.failNext(limited(3_600_000), 1, ['listIncidents']);
    await r.time.advance(5000);
    const n = r.api.callsOf('listIncidents').length;
    await r.time.advance(61_000);
    expect(r.api.callsOf('listIncidents').length).toBeGreaterThan(n);
    expect(r.companion.snapshot().sync.state).toBe('live');
  });

  it('makes no tight loop when the server keeps saying to wait 0 s (or past the timer range)', async () => {
    for (const ms of [0, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      r = rig();
      await r.companion.start();
      await r.time.advance(0);
      r.api.failNext(limited(ms), 1000, ['listIncidents']);
      const before = r.api.calls.length;
      await r.time.advance(10_000);
      // At most one try a second (plus the getMe/oncall calls of a poll), never hundreds.
      expect(r.api.calls.length - before).toBeLessThanOrEqual(12);
      const s = r.companion.snapshot().sync;
      expect(s.state).toBe('stale');
      const wait = s.state === 'stale' ? Date.parse(s.retryAt) - r.time.now() : NaN;
      expect(wait).toBeLessThanOrEqual(RETRY_AFTER_MAX_MS);
      await r.companion.stop();
      r = null;
    }
  });

  it('retries an action no sooner than 1 s and no later than 60 s', async () => {
    for (const ms of [0, 3_600_000]) {
      r = rig();
      r.api.create({ id: 'P1' });
      await r.companion.start();
      await r.time.advance(0);
      r.api.failNext(limited(ms), 1000, ['updateIncident']);
      await r.companion.acknowledge(['P1']);
      await r.time.advance(5000);
      const sends = r.api.callsOf('updateIncident').length;
      expect(sends).toBeGreaterThanOrEqual(1);
      expect(sends).toBeLessThanOrEqual(6);
      r.api.clearFailures();
      await r.time.advance(60_000);
      expect(r.api.incidents.get('P1')!.status).toBe('acknowledged');
      await r.companion.stop();
      r = null;
    }
  });

  it('bounds every wait, and the header parse, to 1..60 s', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constant(Infinity)), (ms) => {
        const b = boundedRetryAfter(ms);
        if (b === null) return !Number.isFinite(ms) || Number.isNaN(ms) || ms < 0;
        return b >= RETRY_AFTER_MIN_MS && b <= RETRY_AFTER_MAX_MS;
      }),
    );
    for (const raw of ['0', '3600', '1e300', '0.001']) {
      const ms = retryAfterFromHeaders(new Headers({ 'ratelimit-reset': raw }))!;
      expect(ms).toBeGreaterThanOrEqual(RETRY_AFTER_MIN_MS);
      expect(ms).toBeLessThanOrEqual(RETRY_AFTER_MAX_MS);
    }
  });
});
