/**
 * request_budget: the requests one account's client really sends (counted by the runtime's meter,
 * `core/sync/request-meter.ts`) over a simulated hour of the demo shift at the default poll, with
 * the Services view in use (its ownership cache refreshed on the on-call cadence) and a few reads of
 * the views: the measured rate a minute, the busiest minute, the estimate Settings shows, and how
 * many `GET /services` the hour cost. Real engine and client, in-process simulator, fake time.
 */
import { createCompanion } from '../../src-main/core/companion.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { defaultCoreSettings, POLL_INTERVAL_DEFAULT_S } from '../../src-main/core/settings.js';
import { startSimulator } from '../../src-main/core/simulator/index.js';
import { createMemoryStore } from '../../src-main/core/storage/memory-store.js';
import { meterFetch } from '../../src-main/core/sync/request-meter.js';
import { pollBudget, REQUESTS_PER_MINUTE_LIMIT } from '../../src-main/shared/accounts.js';
import { FakeTime } from './fake-time.js';
import type { BenchSection } from './sections.js';

async function measure(minutes: number) {
  const time = new FakeTime(Date.now());
  const sim = await startSimulator({ scenario: 'demo', seed: 7, clock: time, timers: time });
  const meter = meterFetch(
    time.wrapFetch((input, init) => fetch(input, init)),
    time,
  );
  const api = createPagerDutyClient({
    baseUrl: sim.url,
    token: 'bench',
    fetch: meter.fetch,
    logger: silentLogger,
    timers: time,
  });
  const companion = createCompanion({
    api,
    settings: defaultCoreSettings(),
    store: createMemoryStore(),
    clock: time,
    timers: time,
    logger: silentLogger,
    source: { kind: 'pagerduty', apiUrl: sim.url },
    schedules: api,
    work: api,
    requestRate: meter.rate,
  });
  try {
    await companion.start();
    await time.advance(1000);
    if (companion.snapshot().sync.state !== 'live') throw new Error('request budget: not live');
    // The Services view is opened, and searched again now and then: the cache answers.
    await companion.services('');
    let perMinuteMax = 0;
    for (let m = 0; m < minutes; m++) {
      await time.advance(60_000);
      if (m % 10 === 0) {
        await companion.services('api');
        const first = companion.snapshot().incidents[0];
        if (first) await companion.oncallFor(first.id);
      }
      perMinuteMax = Math.max(perMinuteMax, meter.rate().lastMinute);
    }
    const rate = meter.rate();
    const services = sim.requests().filter((r) => r.path === '/services').length;
    return { rate, services, perMinuteMax };
  } finally {
    await companion.stop();
    await sim.close();
  }
}

export const requestBudgetSection: BenchSection = {
  name: 'request budget',
  async run(ctx) {
    const minutes = ctx.quick ? 20 : 60;
    const { rate, services, perMinuteMax } = await measure(minutes);
    const estimate = pollBudget(POLL_INTERVAL_DEFAULT_S).perMinute;
    const avg = Math.round((rate.total / (minutes + 1 / 60)) * 100) / 100;
    ctx.log(
      `request budget: ${rate.total} requests in ${minutes} simulated minutes = ${avg}/min ` +
        `(busiest minute ${rate.peakMinute}, estimate ${estimate}/min, limit ${REQUESTS_PER_MINUTE_LIMIT}/min); ` +
        `GET /services: ${services}`,
    );
    return {
      budget_requests_per_minute: avg,
      budget_busiest_minute: Math.max(rate.peakMinute, perMinuteMax),
      budget_estimate_per_minute: estimate,
      budget_services_reads_per_hour: Math.round((services / minutes) * 60 * 10) / 10,
    };
  },
  checks: [
    // The estimate holds within a request or two a minute (actions and view reads come on top).
    {
      metric: 'budget_requests_per_minute',
      rule: '<= budget_estimate_per_minute + 2',
      limit: (m) => (m.budget_estimate_per_minute == null ? null : m.budget_estimate_per_minute + 2),
    },
    // Far inside PagerDuty's limit even in the busiest minute: at most a tenth of 960.
    {
      metric: 'budget_busiest_minute',
      rule: `<= ${REQUESTS_PER_MINUTE_LIMIT / 10} (a tenth of PagerDuty's limit)`,
      limit: () => REQUESTS_PER_MINUTE_LIMIT / 10,
    },
    // Cached with the on-call refresh: about 12 reads an hour (every 5 minutes), never one per poll.
    { metric: 'budget_services_reads_per_hour', rule: '<= 15', limit: () => 15 },
  ],
};
