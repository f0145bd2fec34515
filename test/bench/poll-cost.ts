/**
 * poll_cost_ms_N: CPU time of one poll's parse + validate + diff + policy with N open incidents.
 * Beside it, in the same run: json_parse_floor_ms_10000 (decoding and JSON.parse of the same page
 * bytes, nothing else: the floor of any poll) and poll_cost_ms_two_accounts_5000 (two accounts of
 * 5,000 each, two clients and two diffs, one poll of each).
 * Raw PagerDuty JSON pages are captured once from the simulator, then replayed through the real
 * client (its paging, zod validation and mapping), the engine's diff and the notification policy.
 */
import type { Incident } from '../../src-main/core/domain.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { decideNotifications } from '../../src-main/core/policy/notify.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { defaultCoreSettings } from '../../src-main/core/settings.js';
import { SIM_ME, SIM_SERVICES, startSimulator } from '../../src-main/core/simulator/index.js';
import { incidentQuery } from '../../src-main/core/sync/fetch.js';
import { diffIncidents } from '../../src-main/core/sync/diff.js';
import type { BenchSection, Metrics } from './sections.js';

const SIZES = [10, 1000, 10_000] as const;

/** Capture the raw `GET /incidents` pages (by offset) of a simulator holding `n` open incidents. */
async function capturePages(n: number): Promise<Map<number, string>> {
  const sim = await startSimulator({ scenario: 'none' });
  try {
    const services = SIM_SERVICES.map((s) => s.name);
    for (let i = 0; i < n; i++) {
      sim.createIncident({
        title: `Synthetic incident ${i}: latency above SLO on node-${i % 97}`,
        urgency: i % 4 === 0 ? 'low' : 'high',
        service: services[i % services.length],
      });
    }
    const pages = new Map<number, string>();
    const q = incidentQuery(SIM_ME.id, defaultCoreSettings().filters);
    for (let offset = 0; ; offset += 100) {
      const params = new URLSearchParams({
        limit: '100',
        offset: String(offset),
        'include[]': 'first_trigger_log_entries',
      });
      for (const s of q.statuses ?? []) params.append('statuses[]', s);
      params.append('user_ids[]', SIM_ME.id);
      const res = await fetch(`${sim.url}/incidents?${params}`, {
        headers: { Authorization: 'Token token=bench', Accept: 'application/vnd.pagerduty+json;version=2' },
      });
      const text = await res.text();
      pages.set(offset, text);
      if (!(JSON.parse(text) as { more?: boolean }).more) break;
    }
    return pages;
  } finally {
    await sim.close();
  }
}

/**
 * Which pages differ from the previous poll. A real poll between two 5 s ticks sees a handful of
 * changes (a new page lands on the last page, an ack or two rewrites its page); `all` is the cold
 * case, every page new (the first poll, or a storm that touches every page).
 */
type Churn = 'few' | 'all';

const JSON_HEADERS = new Headers({ 'content-type': 'application/json' });

/**
 * A fetch replaying captured pages by `offset`. Changed pages get different bytes (trailing white
 * space: same JSON, so the same incidents) so the client must decode, parse and validate them again.
 */
function replay(
  pages: Map<number, string>,
  churn: Churn,
): { fetch: (input: string) => Promise<Response>; tick(): void } {
  let rep = 0;
  const offsets = [...pages.keys()];
  // Bytes are prepared up front, as a socket would deliver them: encoding the bench's own strings is
  // not part of a poll's cost.
  const enc = new TextEncoder();
  const variants = new Map<number, Uint8Array[]>(
    offsets.map((o) => {
      const base = pages.get(o)!;
      return [o, [enc.encode(base), enc.encode(`${base} `), enc.encode(`${base}  `)]];
    }),
  );
  const empty = enc.encode('{"incidents":[],"limit":100,"offset":0,"more":false}');
  const changed = (offset: number): boolean => {
    if (churn === 'all') return true;
    const last = offsets[offsets.length - 1];
    const moving = offsets[(rep * 7) % offsets.length];
    return offset === last || offset === moving || offset === offsets[0];
  };
  return {
    tick: () => {
      rep++;
    },
    fetch: async (input) => {
      const offset = Number(new URL(input).searchParams.get('offset') ?? 0);
      const v = variants.get(offset);
      const bytes = v ? (changed(offset) ? v[1 + (rep % 2)]! : v[0]!) : empty;
      // A minimal Response: the transport (sockets, TLS, web streams) is not part of what this
      // bench measures, only what the app does with the bytes it received.
      return {
        status: 200,
        headers: JSON_HEADERS,
        arrayBuffer: async () =>
          bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
            ? bytes.buffer
            : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        text: async () => new TextDecoder().decode(bytes),
      } as unknown as Response;
    },
  };
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median CPU ms of one full poll over `n` open incidents. */
async function pollCost(
  pages: Map<number, string>,
  reps: number,
  churn: Churn,
): Promise<{ ms: number; parsed: number; clientMs: number; diffMs: number; policyMs: number }> {
  const source = replay(pages, churn);
  const client = createPagerDutyClient({
    baseUrl: 'http://127.0.0.1:1',
    token: 'bench',
    fetch: source.fetch,
    logger: silentLogger,
  });
  const settings = defaultCoreSettings();
  const query = incidentQuery(SIM_ME.id, settings.filters);
  // The previous poll: everything but the newest incident, so this poll has one new page to decide on.
  const first = await client.listIncidents(query);
  const newest = first.items.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
  const prev = new Map<string, Incident>(first.items.filter((i) => i !== newest).map((i) => [i.id, i]));
  const seen = new Map<string, number>([...prev.keys()].map((id) => [id, 0]));
  const samples: number[] = [];
  const parts = { client: [] as number[], diff: [] as number[], policy: [] as number[] };
  let parsed = 0;
  for (let r = 0; r < reps + 2; r++) {
    source.tick();
    const start = process.cpuUsage();
    const listing = await client.listIncidents(query);
    const afterClient = process.cpuUsage();
    const now = Date.now();
    const diff = diffIncidents(prev, listing.items, {
      meId: SIM_ME.id,
      now,
      at: new Date(now).toISOString(),
      seen,
    });
    const afterDiff = process.cpuUsage();
    const decided = decideNotifications({
      events: diff.events,
      now,
      settings: settings.notifications,
      ledger: new Map(),
      meId: SIM_ME.id,
      minutesOfDay: () => 12 * 60,
    });
    const ms = cpuMs(start);
    if (decided.notifications.length !== 1)
      throw new Error(`expected 1 notification, got ${decided.notifications.length}`);
    parsed = listing.items.length;
    if (r >= 2) {
      // the first two warm up the JIT
      samples.push(ms);
      parts.client.push(cpuMs(start) - cpuMs(afterClient));
      parts.diff.push(cpuMs(afterClient) - cpuMs(afterDiff));
      parts.policy.push(cpuMs(afterDiff));
    }
  }
  return {
    ms: median(samples),
    parsed,
    clientMs: median(parts.client),
    diffMs: median(parts.diff),
    policyMs: median(parts.policy),
  };
}

/** Median CPU ms of decoding and `JSON.parse` of every page's (changed) bytes: no validation at all. */
function jsonParseFloor(pages: Map<number, string>, reps: number): number {
  const enc = new TextEncoder();
  const bytes = [...pages.values()].map((p) => enc.encode(`${p} `));
  const samples: number[] = [];
  let items = 0;
  for (let r = 0; r < reps + 2; r++) {
    const start = process.cpuUsage();
    items = 0;
    for (const b of bytes)
      items += (JSON.parse(new TextDecoder().decode(b)) as { incidents: unknown[] }).incidents.length;
    const ms = cpuMs(start);
    if (r >= 2) samples.push(ms);
  }
  if (items === 0) throw new Error('json parse floor: no incidents parsed');
  return median(samples);
}

/** The poll-cost section. */
export const pollCostSection: BenchSection = {
  name: 'poll cost',
  async run(ctx) {
    const out: Metrics = {};
    for (const n of SIZES) {
      const reps = ctx.quick ? 5 : n >= 10_000 ? 15 : 31;
      const pages = await capturePages(n);
      const r = await pollCost(pages, reps, 'few');
      if (r.parsed !== n) throw new Error(`poll cost: parsed ${r.parsed} of ${n} incidents`);
      ctx.log(
        `poll cost with ${n} open incidents: median ${r.ms.toFixed(2)} ms CPU over ${reps} polls ` +
          `(client fetch+parse+validate ${r.clientMs.toFixed(2)}, diff ${r.diffMs.toFixed(2)}, policy ${r.policyMs.toFixed(2)})`,
      );
      out[`poll_cost_ms_${n}`] = round(r.ms);
      if (n === SIZES[SIZES.length - 1]) {
        // The cold case, for the record: every page changed since the last poll.
        const cold = await pollCost(pages, ctx.quick ? 3 : 7, 'all');
        ctx.log(
          `poll cost with ${n} open incidents, every page changed: median ${cold.ms.toFixed(2)} ms CPU ` +
            `(client ${cold.clientMs.toFixed(2)}, diff ${cold.diffMs.toFixed(2)})`,
        );
        out[`poll_cost_ms_${n}_all_pages_changed`] = round(cold.ms);
        const floor = jsonParseFloor(pages, ctx.quick ? 3 : 7);
        ctx.log(`JSON.parse alone of the same ${pages.size} pages: median ${floor.toFixed(2)} ms CPU`);
        out[`json_parse_floor_ms_${n}`] = round(floor);
        out[`poll_cost_ms_${n}_client`] = round(r.clientMs);
        out[`poll_cost_ms_${n}_diff`] = round(r.diffMs);
        out[`poll_cost_ms_${n}_policy`] = round(r.policyMs);
      }
    }
    // Two accounts of 5,000 open incidents each: each account has its own client, feed and diff.
    const half = await Promise.all([capturePages(5000), capturePages(5000)]);
    const reps = ctx.quick ? 5 : 15;
    const [a, b] = [await pollCost(half[0], reps, 'few'), await pollCost(half[1], reps, 'few')];
    if (a.parsed !== 5000 || b.parsed !== 5000)
      throw new Error('poll cost: two accounts parsed the wrong count');
    ctx.log(`poll cost of two accounts of 5000: ${a.ms.toFixed(2)} + ${b.ms.toFixed(2)} ms CPU`);
    out.poll_cost_ms_two_accounts_5000 = round(a.ms + b.ms);
    return out;
  },
  checks: [
    { metric: 'poll_cost_ms_10000', rule: '<= 50', limit: () => 50 },
    {
      metric: 'poll_cost_ms_10000_all_pages_changed',
      rule: '<= 2 x json_parse_floor_ms_10000',
      limit: (m) => (m.json_parse_floor_ms_10000 == null ? null : 2 * m.json_parse_floor_ms_10000),
    },
    {
      metric: 'poll_cost_ms_two_accounts_5000',
      rule: '<= 1.2 x poll_cost_ms_10000',
      limit: (m) => (m.poll_cost_ms_10000 == null ? null : 1.2 * m.poll_cost_ms_10000),
    },
  ],
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
