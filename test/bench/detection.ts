/**
 * detection_p50_ms / detection_p99_ms: from an incident created through the simulator's control API
 * (`POST /__sim/incidents`) to the engine's `notification` event for it, in real time at the default
 * poll interval. Incidents are created at random moments over a window, so many detections overlap.
 */
import { createCompanion } from '../../src-main/core/companion.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { silentLogger, systemClock, systemTimers } from '../../src-main/core/ports.js';
import { defaultCoreSettings } from '../../src-main/core/settings.js';
import { startSimulator } from '../../src-main/core/simulator/index.js';
import { createMemoryStore } from '../../src-main/core/storage/memory-store.js';
import type { BenchSection } from './sections.js';

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}

/** Measure `count` detections created at uniformly random moments over `windowMs`. */
async function detection(count: number, windowMs: number, log: (m: string) => void) {
  const sim = await startSimulator({ scenario: 'none' });
  const api = createPagerDutyClient({
    baseUrl: sim.url,
    token: 'bench',
    fetch: (i, n) => fetch(i, n),
    logger: silentLogger,
  });
  const companion = createCompanion({
    api,
    settings: defaultCoreSettings(),
    store: createMemoryStore(),
    clock: systemClock,
    timers: systemTimers,
    logger: silentLogger,
    source: { kind: 'pagerduty', apiUrl: sim.url },
  });
  const createdAt = new Map<string, number>();
  const latencies = new Map<string, number>();
  let live!: () => void;
  const isLive = new Promise<void>((r) => (live = r));
  let allDone!: () => void;
  const done = new Promise<void>((r) => (allDone = r));
  companion.subscribe((e) => {
    if (e.type === 'sync' && e.status.state === 'live') live();
    if (e.type !== 'notification') return;
    const t = performance.now();
    for (const id of e.notification.incidentIds) {
      const c = createdAt.get(id);
      if (c !== undefined && !latencies.has(id)) latencies.set(id, t - c);
    }
    if (latencies.size === count) allDone();
  });
  try {
    await companion.start();
    await isLive;
    const moments = Array.from({ length: count }, () => Math.random() * windowMs).sort((a, b) => a - b);
    const t0 = performance.now();
    for (const [k, at] of moments.entries()) {
      const wait = t0 + at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sent = performance.now();
      const res = await fetch(`${sim.url}/__sim/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Bench page ${k}: p99 latency above SLO`, urgency: 'high' }),
      });
      const { incident } = (await res.json()) as { incident: { id: string } };
      // Timed from the moment the request was sent: the incident may exist before the answer arrives.
      createdAt.set(incident.id, sent);
      if ((k + 1) % 50 === 0) log(`detection: ${k + 1}/${count} created, ${latencies.size} detected`);
    }
    await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
    const sorted = [...latencies.values()].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? NaN,
      missed: count - latencies.size,
    };
  } finally {
    await companion.stop();
    await sim.close();
  }
}

/** The detection section. */
export const detectionSection: BenchSection = {
  name: 'detection',
  async run(ctx) {
    const count = ctx.quick ? 40 : 200;
    const windowMs = ctx.quick ? 15_000 : 60_000;
    const r = await detection(count, windowMs, ctx.log);
    ctx.log(
      `detection of ${count} pages: p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, missed ${r.missed}`,
    );
    return {
      poll_interval_ms: defaultCoreSettings().pollIntervalSeconds * 1000,
      detection_p50_ms: Math.round(r.p50),
      detection_p99_ms: Math.round(r.p99),
      detection_count: count,
      detection_missed: r.missed,
    };
  },
  checks: [
    {
      metric: 'detection_p99_ms',
      rule: '<= 1.1 x poll_interval_ms + 300',
      limit: (m) => (m.poll_interval_ms == null ? null : 1.1 * m.poll_interval_ms + 300),
    },
    { metric: 'detection_missed', rule: '== 0', limit: () => 0 },
  ],
};
