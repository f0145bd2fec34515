/**
 * Team load benchmark: a year of a 50-service organisation (500,000 incidents, 10 teams of 5
 * services, titles from a few dozen alerts with numbers in them), in the team store's JSON-lines log.
 * Measures reopening the store, its memory, a team's load over 12 weeks and the weekly review, next
 * to a floor measured in the same run: one bare loop over the same records counting the team's pages
 * in the range (what any query over this in-memory layout must at least do).
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../src-main/core/ports.js';
import { computeTeamLoad } from '../../src-main/core/team/load.js';
import { buildReview, reviewMarkdown } from '../../src-main/core/team/review.js';
import { reviewCsv } from '../../src-main/core/team/review-csv.js';
import { openTeamStore } from '../../src-main/core/team/store.js';
import { DEFAULT_BUDGET } from '../../src-main/core/team/budget.js';
import { DEFAULT_TEAM_SETTINGS, type OncallSpan, type TeamPage } from '../../src-main/core/team/types.js';
import { lastCompleteWeeks } from '../../src-main/core/team/weeks.js';
import { openFileAppendLog } from '../../src-main/node/append-log.js';
import type { BenchSection } from './sections.js';

const DAY = 86_400_000;
const N = 500_000;
const TZ = 'Europe/Berlin';
const END = Date.UTC(2026, 10, 30);

const ALERTS = [
  'disk-{n}% on {svc}',
  'CPU above {n}% on {svc}-{k}',
  '5xx rate above {n}% on {svc}',
  'p99 latency above {n} ms on {svc}',
  'Job {k} failed on {svc}',
  'Queue depth above {n}k on {svc}',
  'Certificate expires in {n} days ({svc})',
  'Replication lag above {n} s on {svc}',
];

/** One line of the log per synthetic incident, written in chunks (never all lines in memory). */
async function writeSynthetic(path: string): Promise<void> {
  let s = 7;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const log = await openFileAppendLog(path, { sync: false });
  const people = Array.from({ length: 60 }, (_, i) => ({ id: `PU${i}`, name: `Person ${i}` }));
  // Spans: each team's rotation, weekly, a year long.
  const spans: string[] = [];
  for (let team = 0; team < 10; team++) {
    for (let w = 0; w < 54; w++) {
      const p = people[team * 6 + (w % 6)]!;
      const start = END - 54 * 7 * DAY + w * 7 * DAY;
      const o: OncallSpan = {
        account: 'bench',
        teamIds: [`PT${team}`],
        policyId: `PEP${team}`,
        userId: p.id,
        userName: p.name,
        start,
        end: start + 7 * DAY,
      };
      spans.push(JSON.stringify({ k: 'oc', o }));
    }
  }
  await log.append(spans);
  let batch: string[] = [];
  for (let i = 0; i < N; i++) {
    const svc = Math.floor(rnd() * rnd() * 50);
    const team = Math.floor(svc / 5);
    const t = END - Math.floor(rnd() * 365 * DAY);
    const acked = rnd() < 0.7;
    const ack = acked ? t + Math.floor(rnd() * 15 * 60_000) : null;
    const alert = ALERTS[Math.floor(rnd() * ALERTS.length)]!;
    const p = people[team * 6 + Math.floor(rnd() * 6)]!;
    const page: TeamPage = {
      account: 'bench',
      incidentId: `Q${i.toString(36).toUpperCase()}`,
      number: i + 1,
      title: alert
        .replace('{n}', String(80 + Math.floor(rnd() * 20)))
        .replace('{k}', String(Math.floor(rnd() * 9000)))
        .replace('{svc}', `svc-${svc}`),
      alertKey: null,
      serviceId: `PSV${svc}`,
      serviceName: `svc-${svc}`,
      policyId: `PEP${team}`,
      teamIds: [`PT${team}`],
      urgency: rnd() < 0.7 ? 'high' : 'low',
      triggeredAt: t,
      acknowledgedAt: ack,
      acknowledgedBy: acked ? p.id : null,
      resolvedAt: (ack ?? t) + Math.floor(rnd() * 2 * 3_600_000),
      resolvedBy: acked ? p.id : null,
      escalated: rnd() < 0.05,
      notes: rnd() < 0.3 ? 1 : 0,
      responderId: p.id,
      responderName: p.name,
    };
    batch.push(JSON.stringify({ k: 'tp', p: page }));
    if (batch.length === 20_000) {
      await log.append(batch);
      batch = [];
    }
  }
  await log.append(batch);
  await log.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs the benchmark; times in ms, memory in MB. */
export async function benchTeam(quick = false) {
  const dir = await fs.mkdtemp(join(tmpdir(), 'oncall-team-bench-'));
  try {
    const path = join(dir, 'team-pages.jsonl');
    await writeSynthetic(path);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const rss0 = process.memoryUsage().rss;
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const store = await openTeamStore(await openFileAppendLog(path, { sync: false }), silentLogger);
    const loadMs = performance.now() - t0;
    gc?.();
    const rss1 = process.memoryUsage().rss;
    const heap1 = process.memoryUsage().heapUsed;
    const pages = store.pages();
    if (pages.length !== N) throw new Error(`bench: expected ${N} pages, got ${pages.length}`);

    const settings = { ...DEFAULT_TEAM_SETTINGS, timeZone: TZ };
    const weeks12 = lastCompleteWeeks(END, 12, TZ);
    const week1 = lastCompleteWeeks(END, 1, TZ);
    const since = weeks12[0]!.since - 4 * 7 * DAY;
    const until = weeks12[weeks12.length - 1]!.until;
    const runs = quick ? 3 : 7;
    const floor: number[] = [];
    const query: number[] = [];
    const review: number[] = [];
    let floorCount = 0;
    let queryCount = 0;
    for (let r = 0; r < runs + 1; r++) {
      // The floor: one pass, the same filter, nothing else.
      let a = performance.now();
      let n = 0;
      for (let i = 0; i < pages.length; i++) {
        const p = pages[i]!;
        if (
          p.triggeredAt >= since &&
          p.triggeredAt < until &&
          p.account === 'bench' &&
          p.teamIds.includes('PT0')
        )
          n++;
      }
      if (r > 0) floor.push(performance.now() - a);
      floorCount = n;
      a = performance.now();
      const load = computeTeamLoad(pages, store.spans(), {
        teamId: 'PT0',
        team: { id: 'PT0', name: 'Team 0' },
        account: 'bench',
        weeks: weeks12,
        settings,
        budget: DEFAULT_BUDGET,
      });
      if (r > 0) query.push(performance.now() - a);
      queryCount = load.totals.pages;
      a = performance.now();
      const one = computeTeamLoad(pages, store.spans(), {
        teamId: 'PT0',
        team: { id: 'PT0', name: 'Team 0' },
        account: 'bench',
        weeks: week1,
        settings,
        budget: DEFAULT_BUDGET,
      });
      const rv = buildReview(one);
      const md = reviewMarkdown(rv);
      const csv = reviewCsv(rv);
      if (!md.includes('|') || !csv.includes(',')) throw new Error('bench: empty review');
      if (r > 0) review.push(performance.now() - a);
    }
    // The 12 weeks shown hold fewer pages than the floor's range (which adds the 4 trend weeks).
    if (!(queryCount > 0 && queryCount <= floorCount)) throw new Error('bench: the load query counted wrong');
    await store.close();
    return {
      team_history_load_ms_500k: Math.round(loadMs),
      history_rss_mb_500k: Math.round((rss1 - rss0) / 1e6),
      history_heap_mb_500k: Math.round((heap1 - heap0) / 1e6),
      team_scan_floor_ms_500k: round(median(floor)),
      team_load_query_ms_500k: round(median(query)),
      review_ms_500k: round(median(review)),
      team_pages_12w: queryCount,
      team_load_query_vs_floor: round(median(query) / median(floor)),
      review_vs_floor: round(median(review) / median(floor)),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The team section of `npm run bench`. */
export const teamSection: BenchSection = {
  name: 'team',
  async run(ctx) {
    const r = await benchTeam(ctx.quick);
    ctx.log(
      `team: 500,000 incidents; load query ${r.team_load_query_ms_500k} ms, review ${r.review_ms_500k} ms, ` +
        `floor ${r.team_scan_floor_ms_500k} ms, store ${r.history_rss_mb_500k} MB RSS, reopen ${r.team_history_load_ms_500k} ms`,
    );
    return r;
  },
  checks: [
    { metric: 'team_load_query_ms_500k', rule: '<= 200 (a team over 12 weeks)', limit: () => 200 },
    { metric: 'review_ms_500k', rule: '<= 500 (the weekly review)', limit: () => 500 },
  ],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTeam(process.argv.includes('--quick'))));
}
