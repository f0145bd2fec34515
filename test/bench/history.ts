/**
 * History benchmark: computeMetrics over 100,000 synthetic pages (a year of a busy team), median of
 * several runs, plus how long reopening a 100,000-page history log takes.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeMetrics } from '../../src-main/core/history/metrics.js';
import { classify } from '../../src-main/core/history/local-time.js';
import { openHistoryStore } from '../../src-main/core/history/store.js';
import { openFileAppendLog } from '../../src-main/node/append-log.js';
import type { PageRecord } from '../../src-main/core/history/types.js';
import { silentLogger } from '../../src-main/core/ports.js';
import type { BenchSection } from './sections.js';

const DAY = 86_400_000;

/** Deterministic synthetic history: `n` pages spread over the year before `end`. */
export function syntheticHistory(n: number, end = Date.UTC(2026, 10, 30), seed = 42): PageRecord[] {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out: PageRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = end - Math.floor(rnd() * 365 * DAY);
    const acked = rnd() < 0.9;
    const svc = Math.floor(rnd() * rnd() * 40);
    const ack = acked ? t + Math.floor(rnd() * 20 * 60_000) : null;
    out.push({
      incidentId: `Q${i.toString(36).toUpperCase()}`,
      number: i + 1,
      title: `Synthetic page ${i}`,
      serviceId: `PSVC${svc}`,
      serviceName: `Service ${svc}`,
      urgency: rnd() < 0.4 ? 'high' : 'low',
      triggeredAt: t,
      acknowledgedAt: ack,
      acknowledgedBy: acked ? 'Someone' : null,
      acknowledgedByMe: acked ? rnd() < 0.5 : null,
      resolvedAt: rnd() < 0.95 ? (ack ?? t) + Math.floor(rnd() * 3 * 3_600_000) : null,
      resolvedBy: null,
      ...classify(t, undefined, 'Europe/Berlin'),
    });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Runs the benchmark; times in ms. */
export async function benchHistory(): Promise<{
  metrics_query_ms_100k: number;
  history_load_ms_100k: number;
}> {
  const end = Date.UTC(2026, 10, 30);
  const records = syntheticHistory(100_000, end);
  const year = { since: end - 365 * DAY, until: end + 1 };
  computeMetrics(records, year, { timeZone: 'Europe/Berlin' }); // warm-up (JIT, time-zone cache)
  const runs: number[] = [];
  let pages = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    pages = computeMetrics(records, year, { timeZone: 'Europe/Berlin' }).pages;
    runs.push(performance.now() - t0);
  }
  if (pages !== records.length) throw new Error(`bench: expected ${records.length} pages, got ${pages}`);

  const dir = await fs.mkdtemp(join(tmpdir(), 'oncall-bench-'));
  let loadMs = NaN;
  try {
    const path = join(dir, 'history.jsonl');
    const log = await openFileAppendLog(path);
    await log.append(records.map((page) => JSON.stringify({ k: 'page', page })));
    await log.close();
    const t0 = performance.now();
    const again = await openFileAppendLog(path);
    const store = await openHistoryStore(again, silentLogger);
    loadMs = performance.now() - t0;
    if (store.pages().length !== records.length) throw new Error('bench: the reloaded history is incomplete');
    await store.close();
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return {
    metrics_query_ms_100k: Math.round(median(runs) * 100) / 100,
    history_load_ms_100k: Math.round(loadMs),
  };
}

/** The history section of `npm run bench` (add it to `BENCH_SECTIONS`). */
export const historySection: BenchSection = {
  name: 'history',
  async run(ctx) {
    const r = await benchHistory();
    ctx.log(
      `history: metrics over 100,000 pages ${r.metrics_query_ms_100k} ms, reload ${r.history_load_ms_100k} ms`,
    );
    return r;
  },
  checks: [
    { metric: 'metrics_query_ms_100k', rule: '<= 100 (well under: a year of a busy team)', limit: () => 100 },
  ],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchHistory()));
}
