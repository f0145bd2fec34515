/**
 * Who owns what is cached with the on-call refresh, not read per poll: against the real simulator
 * (its request log is the count), polls send no `GET /services`; a search and "who else is on call"
 * are answered from the one cache; the cache is read again on the on-call cadence (5 minutes) or
 * when forced; a failed refresh keeps the last answer and says how old it is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCompanion } from '../../../src-main/core/companion.js';
import type { Companion } from '../../../src-main/core/companion-types.js';
import { createPagerDutyClient } from '../../../src-main/core/pagerduty/client.js';
import { silentLogger, systemTimers } from '../../../src-main/core/ports.js';
import { defaultCoreSettings } from '../../../src-main/core/settings.js';
import { createMemoryStore } from '../../../src-main/core/storage/memory-store.js';
import { startSimulator, SIM_ME, type Simulator } from '../../../src-main/core/simulator/index.js';
import { ONCALL_REFRESH_MS } from '../../../src-main/core/sync/fetch.js';
import { MIN_FORCED_REFRESH_MS } from '../../../src-main/core/actions/ownership.js';

let sim: Simulator;
let companion: Companion;
let t = Date.now();

const count = (method: string, path: string): number =>
  sim.requests().filter((r) => r.method === method && r.path === path).length;

async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, scenario: 'demo' });
  t = Date.now();
  const clock = { now: () => t };
  const api = createPagerDutyClient({
    baseUrl: sim.url,
    token: 'ownership-test-token',
    fetch: globalThis.fetch.bind(globalThis),
    logger: silentLogger,
    timeoutMs: 2000,
  });
  companion = createCompanion({
    api,
    // Polls only when the test asks (syncNow): the scheduler's own interval never comes in a test.
    settings: { ...defaultCoreSettings(), pollIntervalSeconds: 3600 },
    store: createMemoryStore(),
    clock,
    timers: systemTimers,
    logger: silentLogger,
    source: { kind: 'pagerduty', apiUrl: sim.url },
    work: api,
    schedules: api,
  });
  await companion.start();
  await until(() => companion.snapshot().sync.state === 'live', 'the first poll');
});

afterEach(async () => {
  await companion.stop();
  await sim.close();
});

async function polls(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    t += 5_000;
    await companion.syncNow();
  }
}

describe('the ownership cache', () => {
  it('costs no request per poll, then one read that every search and incident shares', async () => {
    await polls(10);
    expect(count('GET', '/incidents')).toBeGreaterThanOrEqual(10);
    // Nobody asked yet: the polls read no service.
    expect(count('GET', '/services')).toBe(0);

    const all = await companion.services('');
    expect(all.services.length).toBeGreaterThan(2);
    expect(all.stale).toBeNull();
    expect(count('GET', '/services')).toBe(1);
    const oncallsAfterRead = count('GET', '/oncalls');

    // A search by part of a name in any case, from the cache.
    const first = all.services[0]!.service.name;
    const part = first.slice(1, 4).toUpperCase();
    const some = await companion.services(part);
    expect(some.services.map((o) => o.service.name)).toContain(first);
    for (const o of some.services) expect(o.service.name.toLowerCase()).toContain(part.toLowerCase());
    expect((await companion.services('no service is called this')).services).toEqual([]);

    // Who else is on call for an incident: the same cache.
    const inc = companion.snapshot().incidents[0]!;
    const who = await companion.oncallFor(inc.id);
    expect(who.service?.service.id).toBe(inc.service.id);
    expect(who.policy?.id).toBe(inc.escalationPolicy?.id);
    expect(who.policy!.levels.length).toBeGreaterThan(0);

    // More polls within the on-call cadence: still one read.
    await polls(20);
    expect(count('GET', '/services')).toBe(1);
    expect(count('GET', '/oncalls')).toBeLessThanOrEqual(oncallsAfterRead + 1);
  });

  it('is read again on the on-call cadence, or at once when forced', async () => {
    await companion.services('');
    expect(count('GET', '/services')).toBe(1);
    t += ONCALL_REFRESH_MS - 10_000;
    await companion.syncNow();
    expect(count('GET', '/services')).toBe(1);
    t += 20_000;
    await companion.syncNow();
    // After a good poll, in the background.
    await until(() => count('GET', '/services') === 2, 'the refresh after 5 minutes');
    // Forced (the view's Refresh): not again within 5 s of the last read, then at once.
    await companion.services('', { refresh: true });
    expect(count('GET', '/services')).toBe(2);
    // Three polls (15 s) later, past the bound, a forced read goes out at once.
    t += Math.max(0, MIN_FORCED_REFRESH_MS - 15_000);
    await polls(3);
    expect(count('GET', '/services')).toBe(2);
    await companion.services('', { refresh: true });
    expect(count('GET', '/services')).toBe(3);
  });

  it('keeps the last answer when a refresh fails and says how old it is', async () => {
    const before = await companion.services('');
    t += 12 * 60_000;
    sim.setFault({ mode: 'error', status: 500 });
    const after = await companion.services('', { refresh: true });
    sim.setFault({ mode: 'none' });
    expect(after.services.map((o) => o.service.id)).toEqual(before.services.map((o) => o.service.id));
    expect(after.fetchedAt).toBe(before.fetchedAt);
    expect(after.stale).toMatch(/12 min ago/);
    // The next good read clears it.
    const again = await companion.services('', { refresh: true });
    expect(again.stale).toBeNull();
    expect(Date.parse(again.fetchedAt!)).toBe(t);
  });

  it('counts my open incidents per service from the feed', async () => {
    const all = await companion.services('');
    const open = companion.snapshot().incidents;
    for (const o of all.services)
      expect(o.openIncidents).toBe(open.filter((i) => i.service.id === o.service.id).length);
    expect(all.services.some((o) => o.levels.some((l) => l.users.some((u) => u.id === SIM_ME.id)))).toBe(
      true,
    );
  });
});
