/**
 * The CPU cost of one poll's pure work, for the benchmark (`poll_cost_ms_N`): parse the raw JSON pages
 * of N open incidents, validate and map each item (the client's per-item path), diff against the last
 * poll, and run the notification policy and the reminders. Measured in process CPU time, median of runs.
 */
import type { Incident } from '../domain.js';
import { fastIncident } from '../pagerduty/fast-incident.js';
import { parseListing } from '../pagerduty/listing.js';
import { toIncident } from '../pagerduty/map.js';
import { incidentsEnvelope, wireIncident } from '../pagerduty/schemas.js';
import { dueReminders } from '../policy/notify.js';
import { defaultCoreSettings } from '../settings.js';
import { SIM_ME, SIM_SERVICES, SIM_TEAMMATES } from '../simulator/fixtures.js';
import { SimState } from '../simulator/model.js';
import { pdIncident } from '../simulator/wire.js';
import { pollStep, type PollState } from './step.js';

/** Result of `measurePollCost`. */
export interface PollCost {
  /** Median CPU time (user + system) of one poll, in milliseconds. */
  medianMs: number;
  /** Every run's CPU time, in milliseconds, in run order. */
  samplesMs: number[];
  /** Median CPU time of decoding the same pages' JSON text (`JSON.parse`), not included above. */
  jsonDecodeMedianMs: number;
  /** Incidents the last poll held open (sanity check: equals n). */
  open: number;
}

const PAGE = 100;
const T0 = Date.parse('2026-01-05T09:00:00Z');

/** CPU time used by this process so far, in ms (user + system). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * `n` open incidents as the raw JSON pages `GET /incidents` answers (100 per page), built by the
 * simulator's own wire mapper: mixed services, urgencies, statuses, assignees and first-alert details.
 * `variant` changes a few of them (acknowledged, new title) so successive polls have something to diff.
 */
export function wirePages(n: number, variant = 0): string[] {
  const state = new SimState(7);
  const include = new Set(['first_trigger_log_entries']);
  const created = [];
  for (let i = 0; i < n; i++) {
    const service = SIM_SERVICES[i % SIM_SERVICES.length]!;
    const mine = i % 5 !== 4;
    created.push(
      state.create({
        title: `${service.name}: error rate above 5% on ${i % 17} hosts`,
        urgency: i % 3 === 0 ? 'low' : 'high',
        service,
        assigneeId: mine ? SIM_ME.id : SIM_TEAMMATES[i % SIM_TEAMMATES.length]!.id,
        details: { host: `web-${i % 40}.prod`, metric: 'http_5xx_rate', value: String((i % 50) / 10) },
        at: T0 + i * 1000,
      }),
    );
  }
  // Changes after all creations, so ids stay the same across variants.
  const items: unknown[] = created.map((inc, i) => {
    if (i % 4 === 1 || (variant > 0 && i % 97 === variant % 97)) {
      state.acknowledge(inc, inc.assignments[0]!.userId, inc.createdAt + 30_000);
    }
    if (variant > 0 && i % 211 === variant % 211) inc.title = `${inc.title} (updated ${variant})`;
    return pdIncident(inc, include);
  });
  const pages: string[] = [];
  for (let o = 0; o < Math.max(n, 1); o += PAGE) {
    const slice = items.slice(o, o + PAGE);
    pages.push(JSON.stringify({ incidents: slice, limit: PAGE, offset: o, more: o + PAGE < n, total: null }));
  }
  return pages;
}

/**
 * One poll's pure work, page by page as the client reads them: decode the JSON text, check the
 * envelope, validate and map each item; then diff, policy and reminders. `timing.decodeMs` collects
 * the CPU time of the JSON decoding alone, when given.
 */
export function pollOnce(
  texts: readonly string[],
  state: PollState,
  now: number,
  timing?: { decodeMs: number },
): { state: PollState; open: number } {
  const incidents: Incident[] = [];
  for (const text of texts) {
    const t = timing ? cpuMs() : 0;
    const body: unknown = JSON.parse(text);
    if (timing) timing.decodeMs += cpuMs() - t;
    const env = incidentsEnvelope.parse(body);
    const listing = parseListing(env.incidents, wireIncident, toIncident, { fast: fastIncident });
    for (const i of listing.items) incidents.push(i);
  }
  const settings = defaultCoreSettings().notifications;
  const step = pollStep(state, {
    incidents,
    meId: SIM_ME.id,
    now,
    at: new Date(now).toISOString(),
    notifications: settings,
    minutesOfDay: () => 12 * 60,
  });
  const r = dueReminders(now, step.state.open.values(), step.state.ledger, settings, SIM_ME.id);
  return { state: { ...step.state, ledger: r.ledger }, open: step.state.open.size };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Median CPU time of one poll with `n` open incidents, over `runs` polls: validate + map every item
 * (the client's path: fast check, zod fallback), diff, policy and reminders. The JSON text decoding of
 * the HTTP bodies is part of the transport and is measured separately (`jsonDecodeMedianMs`) on the
 * same pages. The pages are built beforehand (not measured); a first unmeasured poll fills the state,
 * so each measured poll is a steady-state one (a few hundred changes), as in a busy real shift.
 */
export function measurePollCost(n: number, runs: number): PollCost {
  const count = Math.max(1, Math.floor(runs));
  const variants = [wirePages(n, 0), wirePages(n, 1), wirePages(n, 2)];
  let state: PollState = { open: new Map(), seen: new Map(), ledger: new Map() };
  let now = T0 + n * 1000 + 60_000;
  state = pollOnce(variants[0]!, state, now).state;
  const samples: number[] = [];
  const decode: number[] = [];
  let open = 0;
  for (let r = 0; r < count; r++) {
    now += 5000;
    const timing = { decodeMs: 0 };
    const t = cpuMs();
    const out = pollOnce(variants[(r % 2) + 1]!, state, now, timing);
    samples.push(cpuMs() - t - timing.decodeMs);
    decode.push(timing.decodeMs);
    state = out.state;
    open = out.open;
  }
  return { medianMs: median(samples), samplesMs: samples, jsonDecodeMedianMs: median(decode), open };
}
