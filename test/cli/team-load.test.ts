/**
 * `load` and `review` end to end, in process, against a simulator serving a team history this test
 * seeds: three services, three people on a weekly rotation with a shift swap (W44) and a mid-week
 * handover (W45), a daylight-saving week (W43, 169 hours in Europe/Berlin), pages in the hour that
 * happens twice, noise and repeat offenders. Every number is counted here, independently of the code
 * under test (its own week bounds, its own local time through Intl, its own sort-based median/p90,
 * alerts grouped by the template the test generated them from).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/run.js';
import {
  startSimulator,
  type SimTeamHistory,
  type SimTeamIncident,
  type Simulator,
} from '../../src-main/core/simulator/index.js';

const TZ = 'Europe/Berlin';
const H = 3_600_000;
const MIN = 60_000;
const DAY = 24 * H;

// --- The test's own calendar: Berlin is UTC+2 from 2026-03-29 to 2026-10-25 (01:00 UTC), else UTC+1.
const DST_START = Date.UTC(2026, 2, 29, 1);
const DST_END = Date.UTC(2026, 9, 25, 1);
const offsetAt = (t: number) => (t >= DST_START && t < DST_END ? 2 * H : H);
/** UTC instant of local midnight of the date y-m-d (month 1-based). */
function localMidnight(y: number, m: number, d: number): number {
  const utc = Date.UTC(y, m - 1, d);
  return utc - offsetAt(utc - 2 * H);
}
const WEEKS: Record<string, [number, number, number]> = {
  W38: [2026, 9, 14],
  W39: [2026, 9, 21],
  W40: [2026, 9, 28],
  W41: [2026, 10, 5],
  W42: [2026, 10, 12],
  W43: [2026, 10, 19],
  W44: [2026, 10, 26],
  W45: [2026, 11, 2],
  W46: [2026, 11, 9],
};
const ORDER = Object.keys(WEEKS);
const bounds = (w: string): [number, number] => {
  const [y, m, d] = WEEKS[w]!;
  const next = WEEKS[ORDER[ORDER.indexOf(w) + 1]!]!;
  return [localMidnight(y, m, d), localMidnight(...next)];
};

// --- Local wall-clock parts through Intl (not the app's local-time module).
const fmt = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
function local(t: number) {
  const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const dow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!);
  const hour = Number(p.hour);
  const minute = Number(p.minute);
  const date = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  return { dow, hour, minutes: hour * 60 + minute, date };
}

// --- Seeded data.
let seed = 20261103;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const SERVICES = [
  { id: 'PSVT001', name: 'payments-db' },
  { id: 'PSVT002', name: 'payments-api' },
  { id: 'PSVT003', name: 'ledger' },
];
const PEOPLE = [
  { id: 'PUA0001', name: 'Ana Ruiz' },
  { id: 'PUB0002', name: 'Ben Ito' },
  { id: 'PUC0003', name: 'Cleo Park' },
];
const LEVEL2 = 'PUC0003';
/** Alert templates: the test's ground truth for repeat offenders. */
const ALERTS = [
  { id: 'disk', service: 'PSVT001', titles: ['disk-91% on payments-db', 'disk-87% on payments-db'] },
  { id: 'repl', service: 'PSVT001', titles: ['Replication lag above 30 s'] },
  { id: '5xx', service: 'PSVT002', titles: ['5xx rate above 2% on payments-api'] },
  { id: 'job', service: 'PSVT003', titles: ['Ledger job 4711 failed', 'Ledger job 4712 failed'] },
];
type Kind = 'noise' | 'note' | 'silent' | 'escalated';

// Rotation: weekly at the week boundary (Monday 00:00 local), A, B, C, ...; W44 Ben with a swap
// (Cleo covers Wednesday 00:00 to Friday 00:00 local); W45 hands over Thursday 12:00 local.
const oncalls: SimTeamHistory['oncalls'] = [];
ORDER.slice(0, -1).forEach((w, i) => {
  const [a, b] = bounds(w);
  const who = PEOPLE[i % 3]!.id;
  if (w === 'W44') {
    const wed = localMidnight(2026, 10, 28);
    const fri = localMidnight(2026, 10, 30);
    oncalls.push(
      { userId: who, start: a, end: wed },
      { userId: 'PUC0003', start: wed, end: fri },
      { userId: who, start: fri, end: b },
    );
  } else if (w === 'W45') {
    const thuNoon = localMidnight(2026, 11, 5) + 12 * H;
    oncalls.push(
      { userId: who, start: a, end: thuNoon },
      { userId: PEOPLE[(i + 1) % 3]!.id, start: thuNoon, end: b },
    );
  } else oncalls.push({ userId: who, start: a, end: b });
});
const onCallAt = (t: number) => oncalls.find((o) => t >= o.start && t < o.end)!.userId;

interface Truth extends SimTeamIncident {
  alert: string;
  kind: Kind;
}
const incidents: Truth[] = [];
function addPage(at: number, alert: (typeof ALERTS)[number], kind: Kind, urgency: 'high' | 'low' = 'high') {
  const n = incidents.length + 1;
  const responder = onCallAt(at);
  const inc: Truth = {
    id: `QT${String(n).padStart(6, '0')}`,
    number: n,
    title: pick(alert.titles),
    serviceId: alert.service,
    urgency,
    createdAt: at,
    responderId: responder,
    resolved: { at: at + (1 + Math.floor(rand() * 4)) * MIN, by: null },
    alert: alert.id,
    kind,
  };
  if (kind !== 'noise') {
    const late = kind === 'escalated';
    const ackAt = at + Math.floor((late ? 20 + rand() * 10 : 0.5 + rand() * 9) * MIN);
    if (late) inc.escalation = { at: at + 15 * MIN, to: LEVEL2 };
    const by = late ? LEVEL2 : responder;
    inc.ack = { at: ackAt, by };
    if (kind === 'note' || late) inc.notes = [{ at: ackAt + MIN, by, content: 'looked into it' }];
    inc.resolved = { at: ackAt + Math.floor((5 + rand() * 120) * MIN), by };
  }
  incidents.push(inc);
}
for (const w of ORDER.slice(0, -1)) {
  const [a, b] = bounds(w);
  const count = w === 'W44' ? 0 : 8 + Math.floor(rand() * 10);
  for (let i = 0; i < count; i++) {
    const alert = pick(ALERTS);
    addPage(
      a + Math.floor(rand() * (b - a)),
      alert,
      pick<Kind>(['noise', 'note', 'silent', 'escalated']),
      rand() < 0.8 ? 'high' : 'low',
    );
  }
  if (w === 'W44') {
    // payments-db over budget: 12 disk pages (8 noise), 1 replication page; the rest elsewhere.
    for (let i = 0; i < 12; i++)
      addPage(a + Math.floor(rand() * (b - a)), ALERTS[0]!, i < 8 ? 'noise' : i < 10 ? 'silent' : 'note');
    addPage(a + 2 * DAY + 11 * H, ALERTS[1]!, 'note');
    for (let i = 0; i < 4; i++) addPage(a + Math.floor(rand() * (b - a)), ALERTS[2]!, 'escalated');
    addPage(a + DAY + 3 * H, ALERTS[3]!, 'silent', 'low');
  }
}
// Edges of the sleep (23:00-07:00) and working (09:00-18:00) hours, Tuesday and Saturday of W45.
const tue = localMidnight(2026, 11, 3);
const edgeFrom = incidents.length;
for (const m of [
  22 * 60 + 30,
  23 * 60,
  6 * 60 + 59 + 24 * 60,
  7 * 60 + 24 * 60,
  9 * 60,
  17 * 60 + 59,
  18 * 60,
])
  addPage(tue + m * MIN, ALERTS[2]!, 'note');
addPage(localMidnight(2026, 11, 7) + 12 * H, ALERTS[2]!, 'note');
const edges = incidents.slice(edgeFrom);
// The hour that happens twice: 02:30 CEST and 02:30 CET on 2026-10-25 (both in sleep hours).
addPage(Date.UTC(2026, 9, 25, 0, 30), ALERTS[3]!, 'noise');
addPage(Date.UTC(2026, 9, 25, 1, 30), ALERTS[3]!, 'silent');
incidents.sort((x, y) => x.createdAt - y.createdAt);

const HISTORY: SimTeamHistory = {
  team: { id: 'PTET001', name: 'Payments Core' },
  policy: { id: 'PEPT001', name: 'Payments Core Escalation' },
  services: SERVICES,
  people: PEOPLE,
  incidents,
  oncalls,
  analytics: true,
};

// --- The test's own counting.
const inWin = (m: number, s: number, e: number) => (s < e ? m >= s && m < e : m >= s || m < e);
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : Math.round((s[k - 1]! + s[k]!) / 2);
};
const p90 = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]!;
};
const isSleep = (t: number) => inWin(local(t).minutes, 23 * 60, 7 * 60);
const isOff = (t: number) => {
  const l = local(t);
  return l.dow === 0 || l.dow === 6 || !inWin(l.minutes, 9 * 60, 18 * 60);
};
const noAction = (i: Truth) => i.kind === 'noise' || i.kind === 'silent';
function expected(w: string) {
  const [a, b] = bounds(w);
  const ps = incidents.filter((i) => i.createdAt >= a && i.createdAt < b);
  const high = ps.filter((i) => i.urgency === 'high');
  let pw = 0;
  const perPerson = new Map<string, number>();
  for (const o of oncalls) {
    const ms = Math.max(0, Math.min(o.end, b) - Math.max(o.start, a));
    pw += ms / (b - a);
    if (ms > 0) perPerson.set(o.userId, (perPerson.get(o.userId) ?? 0) + ms / (b - a));
  }
  const nightKey = (t: number) => {
    const l = local(t);
    return l.hour >= 12 ? l.date : l.date - DAY;
  };
  const sleep = high.filter((i) => isSleep(i.createdAt));
  return {
    since: a,
    until: b,
    pages: ps.length,
    high: high.length,
    low: ps.length - high.length,
    off: high.filter((i) => isOff(i.createdAt)).length,
    sleep: sleep.length,
    personWeeks: pw,
    perPerson,
    mttaMedian: median(ps.filter((i) => i.ack).map((i) => i.ack!.at - i.createdAt)),
    mttaP90: p90(ps.filter((i) => i.ack).map((i) => i.ack!.at - i.createdAt)),
    mttrMedian: median(ps.map((i) => i.resolved.at - i.createdAt)),
    mttrP90: p90(ps.map((i) => i.resolved.at - i.createdAt)),
    escalated: ps.filter((i) => i.escalation).length,
    quick: ps.filter((i) => !i.ack && i.resolved.at - i.createdAt <= 5 * MIN).length,
    ackedNoNote: ps.filter((i) => i.ack && !i.notes?.length).length,
    services: Object.fromEntries(
      SERVICES.map((s): [string, number] => [s.name, ps.filter((i) => i.serviceId === s.id).length]).filter(
        ([, n]) => n !== 0,
      ),
    ) as Record<string, number>,
    people: Object.fromEntries(
      PEOPLE.map((p) => {
        const mine = ps.filter((i) => i.responderId === p.id);
        const nights = new Set(
          mine.filter((i) => i.urgency === 'high' && isSleep(i.createdAt)).map((i) => nightKey(i.createdAt)),
        );
        return [p.id, { pages: mine.length, nights: nights.size }];
      }),
    ),
    ps,
  };
}

// --- Running the command.
let sim: Simulator;
const dataDir = mkdtempSync(join(tmpdir(), 'occ-team-'));
const budgetPath = join(dataDir, 'budget.yaml');
async function cli(...args: string[]) {
  const out: string[] = [];
  let err = '';
  const code = await runCli([...args, '--api-url', sim.url, '--data-dir', dataDir], {
    out: (l) => out.push(l),
    err: (t) => (err += t),
    env: { PAGERDUTY_TOKEN: 'team-test-token-Zq81' },
    stopped: new Promise(() => {}),
    version: 'test',
  });
  return { code, stdout: out.join('\n'), stderr: err };
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none', teamHistory: HISTORY });
  writeFileSync(
    budgetPath,
    [
      'team: Payments Core',
      'timeZone: Europe/Berlin',
      'limits:',
      '  sleepInterruptionsPerPersonWeek: 2',
      '  pagesPerServicePerWeek: 10',
      '  mttaP90Minutes: 5',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await sim?.close();
});

describe('load and review against a seeded team history', () => {
  it('the test data holds what it claims: a 169-hour DST week, a swap, payments-db over budget in W44', () => {
    const [a, b] = bounds('W43');
    expect((b - a) / H).toBe(169);
    expect(oncalls.filter((o) => o.start < bounds('W44')[1] && o.end > bounds('W44')[0])).toHaveLength(3);
    expect(expected('W44').services['payments-db']).toBe(13);
    // The edge pages: 23:00 and 06:59 are sleep hours, 22:30 and 07:00 are not.
    // The hour that happens twice: both pages at 02:30 local, both in sleep hours, both in W43.
    const twice = [Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)];
    expect(twice.map((t) => local(t).hour)).toEqual([2, 2]);
    expect(twice.every((t) => t >= a && t < b && isSleep(t))).toBe(true);
    expect(edges.map((i) => isSleep(i.createdAt))).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(edges.map((i) => isOff(i.createdAt))).toEqual([true, true, true, true, false, false, true, true]);
  });

  it('every number of load --format json matches the independent count', async () => {
    const r = await cli(
      'load',
      '--team',
      'Payments Core',
      '--weeks',
      '4',
      '--end-week',
      '2026-W45',
      '--budget',
      budgetPath,
      '--format',
      'json',
    );
    expect(r.stderr).not.toMatch(/error|failed/i);
    expect(r.code).toBe(0);
    const load = JSON.parse(r.stdout);
    expect(load.weeks.map((w: { week: string }) => w.week)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
    ]);
    for (const w of load.weeks) {
      const e = expected(w.week.slice(5));
      expect({ week: w.week, since: w.since, until: w.until }).toEqual({
        week: w.week,
        since: e.since,
        until: e.until,
      });
      expect({
        week: w.week,
        pages: w.pages,
        high: w.highUrgency,
        low: w.lowUrgency,
        off: w.offHoursInterruptions,
        sleep: w.sleepInterruptions,
        mttaMedian: w.mttaMedianMs,
        mttaP90: w.mttaP90Ms,
        mttrMedian: w.mttrMedianMs,
        mttrP90: w.mttrP90Ms,
        escalated: w.escalated,
        quick: w.noise.quickUnacknowledged,
        ackedNoNote: w.noise.acknowledgedNoNote,
        services: Object.fromEntries(
          w.services.map((s: { serviceName: string; pages: number }) => [s.serviceName, s.pages]),
        ),
      }).toEqual({
        week: w.week,
        pages: e.pages,
        high: e.high,
        low: e.low,
        off: e.off,
        sleep: e.sleep,
        mttaMedian: e.mttaMedian,
        mttaP90: e.mttaP90,
        mttrMedian: e.mttrMedian,
        mttrP90: e.mttrP90,
        escalated: e.escalated,
        quick: e.quick,
        ackedNoNote: e.ackedNoNote,
        services: e.services,
      });
      expect(w.personWeeks).toBeCloseTo(e.personWeeks, 3);
      expect(w.interruptionsPerPersonWeek).toBeCloseTo(e.high / e.personWeeks, 3);
      expect(w.sleepPerPersonWeek).toBeCloseTo(e.sleep / e.personWeeks, 3);
      for (const p of PEOPLE) {
        const got = w.people.find((x: { userId: string }) => x.userId === p.id);
        const want = e.people[p.id]!;
        const pwWant = e.perPerson.get(p.id) ?? 0;
        if (!got) {
          expect({ who: p.id, ...want, pw: pwWant }).toEqual({ who: p.id, pages: 0, nights: 0, pw: 0 });
          continue;
        }
        expect({ who: p.id, pages: got.pages, nights: got.nights }).toEqual({ who: p.id, ...want });
        expect(got.personWeeks).toBeCloseTo(pwWant, 3);
      }
      // Budget: sleep per person-week over 2, the busiest service over 10, MTTA p90 over 5 min.
      const rating = (c: string) => w.budget.find((x: { limit: string }) => x.limit === c).rating;
      expect(rating('sleepInterruptionsPerPersonWeek')).toBe(e.sleep / e.personWeeks > 2 ? 'over' : 'within');
      expect(rating('pagesPerServicePerWeek')).toBe(
        Math.max(...Object.values(e.services)) > 10 ? 'over' : 'within',
      );
      expect(rating('mttaP90Minutes')).toBe((e.mttaP90 ?? 0) > 5 * MIN ? 'over' : 'within');
      // Trend of pages against the mean of the 4 weeks before.
      const i = ORDER.indexOf(w.week.slice(5));
      const before = ORDER.slice(i - 4, i).map((x) => expected(x).pages);
      const mean = before.reduce((s, x) => s + x, 0) / 4;
      expect(w.trend.pages).toBe(e.pages > mean * 1.1 ? 'worse' : e.pages < mean * 0.9 ? 'better' : 'same');
    }
    // The DST week: one person on call all 169 hours is exactly one person-week; the swap week too.
    expect(load.weeks[1].personWeeks).toBe(1);
    expect(load.weeks[2].personWeeks).toBe(1);
    expect(
      load.weeks[2].people.find((p: { userId: string }) => p.userId === 'PUC0003').personWeeks,
    ).toBeCloseTo(2 / 7, 3);
    // The range's totals.
    const all = ['W42', 'W43', 'W44', 'W45'].map(expected);
    expect(load.totals.pages).toBe(all.reduce((s, e) => s + e.pages, 0));
    // The Analytics cross-check sits beside it, agreeing on the counts.
    expect(load.crossCheck.weeks.map((w: { pages: { analytics: number } }) => w.pages.analytics)).toEqual(
      all.map((e) => e.pages),
    );
  });

  it('every number of review --format json matches, with the over-budget service and its offenders', async () => {
    const r = await cli('review', '--week', '2026-W44', '--budget', budgetPath, '--format', 'json');
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout);
    const e = expected('W44');
    expect(review.week).toBe('2026-W44');
    expect(review.team.name).toBe('Payments Core');
    const num = (m: string) => review.numbers.find((n: { metric: string }) => n.metric === m);
    expect(num('pages').value).toBe(e.pages);
    expect(num('sleepInterruptions').value).toBe(e.sleep);
    expect(num('offHoursInterruptions').value).toBe(e.off);
    expect(num('personWeeks').value).toBeCloseTo(1, 6);
    expect(num('mttaP90Ms').value).toBe(e.mttaP90);
    expect(num('mttaP90Ms').budget).toBe(5 * MIN);
    expect(num('escalated').value).toBe(e.escalated);
    expect(num('maxPagesPerService')).toMatchObject({ value: 13, budget: 10, rating: 'over' });
    const over = Object.entries(e.services)
      .filter(([, n]) => n > 10)
      .map(([s]) => s);
    expect(review.overBudget.map((s: { serviceName: string }) => s.serviceName)).toEqual(over);
    const db = review.overBudget[0];
    // Offenders of payments-db by the test's own alert templates.
    const groups = new Map<string, Truth[]>();
    for (const i of e.ps.filter((x) => x.serviceId === 'PSVT001'))
      groups.set(i.alert, [...(groups.get(i.alert) ?? []), i]);
    const want = [...groups.values()]
      .filter((g) => g.length >= 2)
      .map((g) => ({ pages: g.length, withoutAction: g.filter(noAction).length }));
    expect(
      db.offenders.map((o: { pages: number; withoutAction: number }) => ({
        pages: o.pages,
        withoutAction: o.withoutAction,
      })),
    ).toEqual(want);
    expect(db.offenders[0].suggestion).toMatch(
      /^disk-(91|87)% on payments-db: 12 of 13 pages, resolved without action 10 times: tune or remove the alert$/,
    );
    for (const p of PEOPLE) {
      const got = review.people.find((x: { userId: string }) => x.userId === p.id);
      expect({ who: p.id, pages: got?.pages ?? 0, nights: got?.nights ?? 0 }).toEqual({
        who: p.id,
        ...e.people[p.id],
      });
    }
  });

  it('review --format csv parses with a real CSV parser into the same numbers', async () => {
    const r = await cli(
      'review',
      '--week',
      '2026-W44',
      '--budget',
      budgetPath,
      '--format',
      'csv',
      '--offline',
      '--team',
      'PTET001',
    );
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([
      'week',
      'section',
      'name',
      'service',
      'value',
      'budget',
      'rating',
      'trend',
      'detail',
    ]);
    const e = expected('W44');
    const num = (m: string) => rows.find((x) => x.section === 'number' && x.name === m)!;
    expect(Number(num('pages').value)).toBe(e.pages);
    expect(Number(num('sleepInterruptions').value)).toBe(e.sleep);
    expect(num('maxPagesPerService').rating).toBe('over');
    const services = rows.filter((x) => x.section === 'service');
    expect(Object.fromEntries(services.map((s) => [s.name, Number(s.value)]))).toEqual(e.services);
    const offender = rows.find((x) => x.section === 'offender')!;
    expect(offender.service).toBe('payments-db');
    // The suggestion holds commas and a colon: quoted, and read back whole.
    expect(offender.detail).toMatch(
      /12 of 13 pages, resolved without action 10 times: tune or remove the alert/,
    );
  });

  it('review Markdown renders with a Markdown parser, its tables intact', async () => {
    const r = await cli(
      'review',
      '--week',
      '2026-W44',
      '--budget',
      budgetPath,
      '--offline',
      '--team',
      'PTET001',
    );
    expect(r.code).toBe(0);
    const tables = marked.lexer(r.stdout).filter((t): t is Tokens.Table => t.type === 'table');
    expect(tables).toHaveLength(4);
    const [numbers, offenders, services, people] = tables as [
      Tokens.Table,
      Tokens.Table,
      Tokens.Table,
      Tokens.Table,
    ];
    expect(numbers.header.map((h) => h.text)).toEqual([
      'Number',
      'This week',
      'Budget',
      'Rating',
      'Trend vs 4 weeks before',
    ]);
    expect(numbers.rows).toHaveLength(17);
    expect(numbers.rows.find((row) => row[0]!.text === 'Pages')![1]!.text).toBe(
      String(expected('W44').pages),
    );
    expect(offenders.rows[0]![1]!.text).toBe('12');
    expect(services.rows.map((row) => row[0]!.text)).toEqual(
      Object.keys(expected('W44').services).sort(
        (x, y) => expected('W44').services[y]! - expected('W44').services[x]! || x.localeCompare(y),
      ),
    );
    expect(people.rows.length).toBeGreaterThanOrEqual(2);
    const html = marked.parse(r.stdout) as string;
    expect(html).toContain('<table>');
    expect(html).not.toContain('<script');
  });

  it('bad input: a clear message each, and a good run afterwards still works', async () => {
    const unknown = join(dataDir, 'unknown.yaml');
    writeFileSync(unknown, 'limits:\n  pagesPerServicePerWeek: 10\n  pagesPerHour: 3\n');
    let r = await cli('review', '--team', 'PTET001', '--budget', unknown);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown.yaml line 3: unknown limit "pagesPerHour"');
    const negative = join(dataDir, 'negative.json');
    writeFileSync(negative, '{\n  "limits": {\n    "mttaP90Minutes": -5\n  }\n}\n');
    r = await cli('review', '--team', 'PTET001', '--budget', negative);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('negative.json line 3: limits.mttaP90Minutes must be 0 or more');
    const field = join(dataDir, 'field.yaml');
    writeFileSync(field, 'team: Payments Core\ncolour: red\n');
    r = await cli('load', '--budget', field);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field.yaml line 2: unknown field "colour"');
    r = await cli('load', '--team', 'Nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no team "Nope" on 127\.0\.0\.1:\d+: use a team name or id \(teams: .*Payments Core/,
    );
    r = await cli('load', '--team', 'PTET001', '--weeks', '2', '--end-week', '2025-W10', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no pages for team Payments Core from 2025-W09 to 2025-W10');
    expect(JSON.parse(r.stdout).totals.pages).toBe(0);
    r = await cli('load', '--weeks', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--weeks must be a whole number');
    r = await cli(
      'review',
      '--week',
      '2026-W44',
      '--team',
      'PTET001',
      '--budget',
      budgetPath,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).numbers[0].value).toBe(expected('W44').pages);
  });
});
