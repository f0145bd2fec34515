/**
 * requests_per_minute and rss_mb_after_10000_polls: the real engine and client against a real
 * in-process simulator, both on fake time, so an hour of demo shift or 10,000 polls take seconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCompanion } from '../../src-main/core/companion.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { defaultCoreSettings, POLL_INTERVAL_DEFAULT_S } from '../../src-main/core/settings.js';
import { SIM_ME, startSimulator, type ScenarioName } from '../../src-main/core/simulator/index.js';
import { createMemoryStore } from '../../src-main/core/storage/memory-store.js';
import { FakeTime } from './fake-time.js';
import type { BenchSection, Metrics } from './sections.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Start simulator + companion on one fake clock; the companion is started and has synced. */
async function rig(scenario: ScenarioName) {
  const time = new FakeTime(Date.now());
  const sim = await startSimulator({ scenario, seed: 7, clock: time, timers: time });
  let polls = 0;
  const api = createPagerDutyClient({
    baseUrl: sim.url,
    token: 'bench',
    fetch: time.wrapFetch((input, init) => {
      // A poll is one listing of my open incidents (first page).
      const u = new URL(input);
      if (
        (init?.method ?? 'GET') === 'GET' &&
        u.pathname === '/incidents' &&
        (u.searchParams.get('offset') ?? '0') === '0'
      ) {
        polls += 1;
      }
      return fetch(input, init);
    }),
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
  });
  await companion.start();
  await time.advance(1000);
  if (companion.snapshot().sync.state !== 'live') throw new Error('bench rig: the companion did not go live');
  return {
    time,
    sim,
    companion,
    polls: () => polls,
    async close() {
      await companion.stop();
      await sim.close();
    },
  };
}

/** Requests a minute at the default settings over an hour of the demo scenario. */
async function requestsPerMinute(minutes: number): Promise<{ rpm: number; requests: number }> {
  const r = await rig('demo');
  try {
    const before = r.sim.requests().length;
    await r.time.advance(minutes * 60_000);
    const requests = r.sim.requests().length - before;
    return { rpm: requests / minutes, requests };
  } finally {
    await r.close();
  }
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/**
 * A PagerDuty stand-in for the memory run, as a fetch: raw JSON captured from the simulator (me,
 * on-call entries, one incident used as a template), serving a small rotating open set, so the
 * server side holds constant memory and only the engine and client could grow.
 */
async function fakePagerDuty(clock: { now(): number }) {
  const sim = await startSimulator({ scenario: 'none' });
  const tpl = sim.createIncident({ title: 'TEMPLATE-TITLE', urgency: 'high' });
  const get = async (path: string): Promise<string> =>
    (await fetch(`${sim.url}${path}`, { headers: { Authorization: 'Token token=bench' } })).text();
  const meText = await get('/users/me');
  const oncallsText = await get(`/oncalls?user_ids[]=${encodeURIComponent(SIM_ME.id)}&limit=100&offset=0`);
  const listed = JSON.parse(
    await get(`/incidents?include[]=first_trigger_log_entries&limit=100&offset=0`),
  ) as {
    incidents: Array<Record<string, unknown>>;
  };
  await sim.close();
  const template = JSON.stringify(listed.incidents.find((i) => i.id === tpl.id));
  const tplTime = String((listed.incidents[0] as { created_at: string }).created_at);
  let next = 1;
  const open: Array<{ json: string; at: number }> = [];
  let resolved: string[] = [];
  const make = (at: number): string => {
    const n = next++;
    const id = `QB${String(n).padStart(7, '0')}`;
    return template
      .split(tpl.id)
      .join(id)
      .split(`"incident_number":${tpl.incident_number}`)
      .join(`"incident_number":${n}`)
      .split('TEMPLATE-TITLE')
      .join(`Churn page ${n}: queue depth above threshold`)
      .split(tplTime)
      .join(new Date(at).toISOString());
  };
  const fetchFn = async (input: string): Promise<Response> => {
    const u = new URL(input);
    let body: string;
    if (u.pathname === '/users/me') body = meText;
    else if (u.pathname === '/oncalls') body = oncallsText;
    else if (u.pathname === '/incidents') {
      const statuses = u.searchParams.getAll('statuses[]');
      const items = open.map((o) => o.json);
      if (statuses.length === 0 || statuses.includes('resolved')) items.push(...resolved);
      body = `{"incidents":[${items.join(',')}],"limit":100,"offset":0,"more":false,"total":null}`;
    } else {
      return new Response('{"error":{"message":"Not Found","code":2100}}', { status: 404 });
    }
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return {
    fetch: fetchFn,
    /** A new page every minute, resolved five minutes later; the last 10 resolved stay listable. */
    churn(lastAt: { v: number }) {
      const now = clock.now();
      if (now - lastAt.v >= 60_000) {
        lastAt.v = now;
        open.push({ json: make(now), at: now });
      }
      while (open.length > 0 && now - (open[0] as { at: number }).at >= 300_000) {
        const o = open.shift() as { json: string };
        resolved = [...resolved.slice(-9), o.json.replace('"status":"triggered"', '"status":"resolved"')];
      }
    },
  };
}

/** Memory of the engine and client across `polls` polls with realistic churn. */
async function memory(polls: number): Promise<Metrics> {
  const time = new FakeTime(Date.now());
  const pd = await fakePagerDuty(time);
  let count = 0;
  const api = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.invalid',
    token: 'bench',
    fetch: time.wrapFetch(async (input) => {
      if (new URL(input).pathname === '/incidents') count += 1;
      return pd.fetch(input);
    }),
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
    source: { kind: 'pagerduty', apiUrl: 'https://api.pagerduty.invalid' },
  });
  const lastAt = { v: time.now() };
  const churn = (): void => pd.churn(lastAt);
  await companion.start();
  try {
    const step = POLL_INTERVAL_DEFAULT_S * 1000;
    while (count < 200) await time.advance(step, churn);
    if (companion.snapshot().sync.state !== 'live')
      throw new Error('memory bench: the companion is not live');
    gc();
    const start = process.memoryUsage();
    const from = count;
    while (count - from < polls) await time.advance(step * 20, churn);
    gc();
    const end = process.memoryUsage();
    return {
      rss_mb_start: mb(start.rss),
      rss_mb_after_10000_polls: mb(end.rss),
      rss_growth_mb: mb(end.rss - start.rss),
      heap_mb_start: mb(start.heapUsed),
      heap_mb_after_10000_polls: mb(end.heapUsed),
      polls_measured: count - from,
    };
  } finally {
    await companion.stop();
  }
}

/** The steady-state section. */
export const steadyStateSection: BenchSection = {
  name: 'steady state',
  async run(ctx) {
    const minutes = ctx.quick ? 15 : 60;
    const { rpm, requests } = await requestsPerMinute(minutes);
    ctx.log(
      `requests: ${requests} in ${minutes} simulated minutes of the demo shift = ${rpm.toFixed(2)}/min`,
    );
    const polls = ctx.quick ? 1000 : 10_000;
    const t0 = Date.now();
    const mem = await memory(polls);
    ctx.log(
      `memory: rss ${mem.rss_mb_start} -> ${mem.rss_mb_after_10000_polls} MB, heap ${mem.heap_mb_start} -> ` +
        `${mem.heap_mb_after_10000_polls} MB over ${mem.polls_measured} polls (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
    return {
      poll_interval_ms: POLL_INTERVAL_DEFAULT_S * 1000,
      requests_per_minute: Math.round(rpm * 100) / 100,
      ...mem,
    };
  },
  checks: [
    { metric: 'requests_per_minute', rule: '<= 15', limit: () => 15 },
    // Flat memory: the heap after 10,000 polls within 5 MB of where it started.
    {
      metric: 'heap_mb_after_10000_polls',
      rule: '<= heap_mb_start + 5 (flat)',
      limit: (m) => (m.heap_mb_start == null ? null : m.heap_mb_start + 5),
    },
  ],
};
