/**
 * The team's load week by week: one pass over the team history into per-week buckets (pages by
 * urgency, off-hours and sleep-hours interruptions, times to acknowledge and resolve, escalations,
 * noise, services, people, repeat offenders, heat map), person-weeks from the level-1 on-call spans,
 * then the budget and the trend against the 4 weeks before each week.
 */
import { inWindow, localTime, minutesOf } from '../history/local-time.js';
import { selectMedian, selectPercentile } from '../history/select.js';
import { normaliseTitle } from './normalise.js';
import type {
  BudgetCheck,
  Offender,
  OncallSpan,
  PersonLoad,
  Rating,
  ServiceWeek,
  TeamBudget,
  TeamLoad,
  TeamLoadSettings,
  TeamPage,
  Trend,
  WeekLoad,
} from './types.js';
import { weekSpan, type WeekSpan } from './weeks.js';

const DAY_MS = 86_400_000;
/** Weeks before the range that the trend compares with. */
export const TREND_WEEKS = 4;
/** Repeat offenders listed per week and per service. */
const TOP_OFFENDERS = 10;
/** Distinct titles a group counts to choose its label. */
const MAX_TITLES = 32;

/** What to compute. */
export interface TeamLoadQuery {
  /** Pages of this team (by the incident's teams) ... */
  teamId?: string | null;
  /** ... or of these services (either matches when both are given). */
  serviceIds?: readonly string[];
  team?: { id: string; name: string } | null;
  /** Only this account's records, when given. */
  account?: string | null;
  /** The weeks to report, oldest first (consecutive). */
  weeks: readonly WeekSpan[];
  settings: TeamLoadSettings;
  budget?: TeamBudget;
}

interface Group {
  titles: Map<string, number>;
  pages: number;
  withoutAction: number;
  escalated: number;
  services: Map<string, { serviceName: string; pages: number }>;
}

interface ServiceAcc {
  serviceName: string;
  pages: number;
  high: number;
  sleep: number;
  acks: number[];
  groups: Map<string, Group>;
}

interface PersonAcc {
  name: string;
  pages: number;
  interruptions: number;
  sleep: number;
  nights: Set<number>;
}

interface WeekAcc {
  span: WeekSpan;
  pages: number;
  high: number;
  off: number;
  sleep: number;
  acks: number[];
  resolves: number[];
  escalated: number;
  quick: number;
  ackedNoNote: number;
  services: Map<string, ServiceAcc>;
  people: Map<string, PersonAcc>;
  groups: Map<string, Group>;
  heat: Int32Array;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

function median(values: number[]): number | null {
  return selectMedian(Float64Array.from(values));
}
function p90(values: number[]): number | null {
  return selectPercentile(Float64Array.from(values), 0.9);
}

function addToGroup(groups: Map<string, Group>, key: string, p: TeamPage, withoutAction: boolean): void {
  let g = groups.get(key);
  if (!g) {
    g = { titles: new Map(), pages: 0, withoutAction: 0, escalated: 0, services: new Map() };
    groups.set(key, g);
  }
  g.pages++;
  if (withoutAction) g.withoutAction++;
  if (p.escalated) g.escalated++;
  // The label is the most frequent title; a group of ever-new titles keeps counting its first few.
  const n = g.titles.get(p.title);
  if (n !== undefined) g.titles.set(p.title, n + 1);
  else if (g.titles.size < MAX_TITLES) g.titles.set(p.title, 1);
  const s = g.services.get(p.serviceId);
  if (s) s.pages++;
  else g.services.set(p.serviceId, { serviceName: p.serviceName, pages: 1 });
}

function mergeGroups(into: Map<string, Group>, from: Map<string, Group>): void {
  for (const [key, g] of from) {
    const t = into.get(key);
    if (!t) {
      into.set(key, {
        titles: new Map(g.titles),
        pages: g.pages,
        withoutAction: g.withoutAction,
        escalated: g.escalated,
        services: new Map([...g.services].map(([k, v]) => [k, { ...v }])),
      });
      continue;
    }
    t.pages += g.pages;
    t.withoutAction += g.withoutAction;
    t.escalated += g.escalated;
    for (const [title, n] of g.titles) t.titles.set(title, (t.titles.get(title) ?? 0) + n);
    for (const [id, s] of g.services) {
      const ts = t.services.get(id);
      if (ts) ts.pages += s.pages;
      else t.services.set(id, { ...s });
    }
  }
}

function offenders(groups: Map<string, Group>, byAlertKey: boolean, top = TOP_OFFENDERS): Offender[] {
  return [...groups.entries()]
    .filter(([, g]) => g.pages >= 2)
    .map(([key, g]) => {
      let label = key;
      if (!byAlertKey) {
        let best = -1;
        for (const [title, n] of g.titles)
          if (n > best || (n === best && title < label)) [label, best] = [title, n];
      }
      return {
        key,
        label,
        pages: g.pages,
        withoutAction: g.withoutAction,
        escalated: g.escalated,
        services: [...g.services.entries()]
          .map(([serviceId, s]) => ({ serviceId, serviceName: s.serviceName, pages: s.pages }))
          .sort((a, b) => b.pages - a.pages || a.serviceName.localeCompare(b.serviceName)),
      };
    })
    .sort((a, b) => b.pages - a.pages || b.withoutAction - a.withoutAction || a.label.localeCompare(b.label))
    .slice(0, top);
}

/** Level-1 on-call time per person within [since, until): overlapping spans of one person count once. */
export function onCallMsByPerson(
  spans: readonly OncallSpan[],
  since: number,
  until: number,
): Map<string, { name: string; ms: number }> {
  const byUser = new Map<string, { name: string; iv: Array<[number, number]> }>();
  for (const s of spans) {
    const a = Math.max(s.start, since);
    const b = Math.min(s.end, until);
    if (b <= a) continue;
    let u = byUser.get(s.userId);
    if (!u) byUser.set(s.userId, (u = { name: s.userName, iv: [] }));
    u.iv.push([a, b]);
  }
  const out = new Map<string, { name: string; ms: number }>();
  for (const [id, u] of byUser) {
    u.iv.sort((x, y) => x[0] - y[0]);
    let ms = 0;
    let curA = -Infinity;
    let curB = -Infinity;
    for (const [a, b] of u.iv) {
      if (a > curB) {
        if (curB > curA) ms += curB - curA;
        curA = a;
        curB = b;
      } else if (b > curB) curB = b;
    }
    if (curB > curA) ms += curB - curA;
    out.set(id, { name: u.name, ms });
  }
  return out;
}

function trendOf(value: number | null, before: Array<number | null>): Trend {
  const vals = before.filter((v): v is number => v !== null);
  if (value === null || vals.length === 0) return null;
  const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
  if (value > mean * 1.1 && value - mean > 1e-9) return 'worse';
  if (value < mean * 0.9) return 'better';
  return 'same';
}

function check(limit: keyof TeamBudget, value: number | null, max: number | undefined): BudgetCheck | null {
  if (max === undefined) return null;
  return {
    limit,
    value: value === null ? null : round(value),
    max,
    rating: value !== null && value > max ? 'over' : 'within',
  };
}

/** Computes the team's load over `q.weeks` (with the weeks before them for the trend). */
export function computeTeamLoad(
  pages: readonly TeamPage[],
  spans: readonly OncallSpan[],
  q: TeamLoadQuery,
): TeamLoad {
  const tz = q.settings.timeZone;
  const lt = localTime(tz);
  const budget = q.budget ?? {};
  const byAlertKey = q.settings.groupBy === 'alertKey';
  const workStart = minutesOf(q.settings.workHours.start);
  const workEnd = minutesOf(q.settings.workHours.end);
  const sleepStart = minutesOf(q.settings.sleepHours.start);
  const sleepEnd = minutesOf(q.settings.sleepHours.end);
  const noiseMs = q.settings.noiseMinutes * 60_000;
  const serviceSet = new Set(q.serviceIds ?? []);
  const teamId = q.teamId ?? null;
  const account = q.account ?? null;

  const shown = q.weeks;
  const first = shown[0];
  const spansAll: WeekSpan[] = [];
  if (first) {
    const firstMonday = lt.parts(first.since).day;
    for (let i = TREND_WEEKS; i >= 1; i--) spansAll.push(weekSpan(firstMonday - 7 * i, tz));
  }
  spansAll.push(...shown);
  const accs: WeekAcc[] = spansAll.map((span) => ({
    span,
    pages: 0,
    high: 0,
    off: 0,
    sleep: 0,
    acks: [],
    resolves: [],
    escalated: 0,
    quick: 0,
    ackedNoNote: 0,
    services: new Map(),
    people: new Map(),
    groups: new Map(),
    heat: new Int32Array(7 * 24),
  }));
  const starts = spansAll.map((s) => s.since);
  const lo = spansAll[0]?.since ?? 0;
  const hi = spansAll[spansAll.length - 1]?.until ?? 0;
  const matches = (p: TeamPage): boolean =>
    (account === null || p.account === account) &&
    ((teamId !== null && p.teamIds.includes(teamId)) || serviceSet.has(p.serviceId));

  const policies = new Set<string>();
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i] as TeamPage;
    const t = p.triggeredAt;
    if (!(t >= lo && t < hi) || !matches(p)) continue;
    if (p.policyId) policies.add(p.policyId);
    // The week: binary search over the week starts.
    let a = 0;
    let b = starts.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if ((starts[m] as number) <= t) a = m;
      else b = m - 1;
    }
    const w = accs[a] as WeekAcc;
    if (t >= w.span.until) continue;
    const parts = lt.parts(t);
    const minute = parts.hour * 60 + parts.minute;
    const weekend = parts.dow === 0 || parts.dow === 6;
    const high = p.urgency === 'high';
    const off = high && (weekend || !inWindow(minute, workStart, workEnd));
    const sleep = high && inWindow(minute, sleepStart, sleepEnd);
    w.pages++;
    w.heat[((parts.dow + 6) % 7) * 24 + parts.hour]!++;
    if (high) w.high++;
    if (off) w.off++;
    if (sleep) w.sleep++;
    if (p.acknowledgedAt !== null) w.acks.push(Math.max(0, p.acknowledgedAt - t));
    if (p.resolvedAt !== null) w.resolves.push(Math.max(0, p.resolvedAt - t));
    if (p.escalated) w.escalated++;
    const quick = p.acknowledgedAt === null && p.resolvedAt !== null && p.resolvedAt - t <= noiseMs;
    const noNote = p.acknowledgedAt !== null && p.resolvedAt !== null && p.notes === 0;
    if (quick) w.quick++;
    if (noNote) w.ackedNoNote++;
    const key = byAlertKey && p.alertKey ? p.alertKey : normaliseTitle(p.title);
    let s = w.services.get(p.serviceId);
    if (!s) {
      s = { serviceName: p.serviceName, pages: 0, high: 0, sleep: 0, acks: [], groups: new Map() };
      w.services.set(p.serviceId, s);
    }
    s.pages++;
    if (high) s.high++;
    if (sleep) s.sleep++;
    if (p.acknowledgedAt !== null) s.acks.push(Math.max(0, p.acknowledgedAt - t));
    addToGroup(s.groups, key, p, quick || noNote);

    if (p.responderId) {
      let person = w.people.get(p.responderId);
      if (!person) {
        person = {
          name: p.responderName ?? p.responderId,
          pages: 0,
          interruptions: 0,
          sleep: 0,
          nights: new Set(),
        };
        w.people.set(p.responderId, person);
      }
      person.pages++;
      if (high) person.interruptions++;
      if (sleep) {
        person.sleep++;
        // A night belongs to the evening it started: after midnight counts for the day before.
        person.nights.add(minute >= 12 * 60 ? parts.day : parts.day - 1);
      }
    }
  }

  const teamSpans = spans.filter(
    (s) =>
      (account === null || s.account === account) &&
      ((teamId !== null && s.teamIds.includes(teamId)) || (serviceSet.size > 0 && policies.has(s.policyId))),
  );

  const weeks: WeekLoad[] = accs.map((w) => {
    // The week's groups are its services' groups merged (an alert may page on several services).
    for (const s of w.services.values()) mergeGroups(w.groups, s.groups);
    const length = w.span.until - w.span.since;
    const onCall = onCallMsByPerson(teamSpans, w.span.since, w.span.until);
    let personWeeks = 0;
    for (const v of onCall.values()) personWeeks += v.ms / length;
    const perPw = (n: number): number | null => (personWeeks > 0 ? round(n / personWeeks) : null);
    const ids = new Set([...onCall.keys(), ...w.people.keys()]);
    const people: PersonLoad[] = [...ids]
      .map((id) => {
        const acc = w.people.get(id);
        return {
          userId: id,
          name: acc?.name ?? onCall.get(id)?.name ?? id,
          pages: acc?.pages ?? 0,
          interruptions: acc?.interruptions ?? 0,
          sleepInterruptions: acc?.sleep ?? 0,
          nights: acc?.nights.size ?? 0,
          personWeeks: round((onCall.get(id)?.ms ?? 0) / length),
        };
      })
      .sort((a, b) => b.pages - a.pages || a.name.localeCompare(b.name));
    const services: ServiceWeek[] = [...w.services.entries()]
      .map(([serviceId, s]) => {
        const overPages = budget.pagesPerServicePerWeek;
        return {
          serviceId,
          serviceName: s.serviceName,
          pages: s.pages,
          highUrgency: s.high,
          sleepInterruptions: s.sleep,
          mttaP90Ms: p90(s.acks),
          rating: (overPages === undefined ? null : s.pages > overPages ? 'over' : 'within') as Rating | null,
          offenders: offenders(s.groups, byAlertKey, 3),
        };
      })
      .sort((a, b) => b.pages - a.pages || a.serviceName.localeCompare(b.serviceName));
    const mttaP90Ms = p90(w.acks);
    const mttrP90Ms = p90(w.resolves);
    const maxServicePages = services.reduce((m, s) => Math.max(m, s.pages), 0);
    const checks = [
      check('sleepInterruptionsPerPersonWeek', perPw(w.sleep), budget.sleepInterruptionsPerPersonWeek),
      check('offHoursInterruptionsPerPersonWeek', perPw(w.off), budget.offHoursInterruptionsPerPersonWeek),
      check('interruptionsPerPersonWeek', perPw(w.high), budget.interruptionsPerPersonWeek),
      check('pagesPerServicePerWeek', maxServicePages, budget.pagesPerServicePerWeek),
      check('mttaP90Minutes', mttaP90Ms === null ? null : mttaP90Ms / 60_000, budget.mttaP90Minutes),
      check('mttrP90Minutes', mttrP90Ms === null ? null : mttrP90Ms / 60_000, budget.mttrP90Minutes),
    ].filter((c): c is BudgetCheck => c !== null);
    const heatmap: number[][] = [];
    for (let d = 0; d < 7; d++) heatmap.push(Array.from(w.heat.subarray(d * 24, d * 24 + 24)));
    return {
      week: w.span.week,
      since: w.span.since,
      until: w.span.until,
      pages: w.pages,
      highUrgency: w.high,
      lowUrgency: w.pages - w.high,
      interruptions: w.high,
      offHoursInterruptions: w.off,
      sleepInterruptions: w.sleep,
      personWeeks: round(personWeeks),
      interruptionsPerPersonWeek: perPw(w.high),
      offHoursPerPersonWeek: perPw(w.off),
      sleepPerPersonWeek: perPw(w.sleep),
      mttaMedianMs: median(w.acks),
      mttaP90Ms,
      mttrMedianMs: median(w.resolves),
      mttrP90Ms,
      escalated: w.escalated,
      noise: { quickUnacknowledged: w.quick, acknowledgedNoNote: w.ackedNoNote },
      services,
      people,
      offenders: offenders(w.groups, byAlertKey),
      budget: checks,
      rating: checks.length === 0 ? null : checks.some((c) => c.rating === 'over') ? 'over' : 'within',
      trend: { pages: null, interruptions: null, sleepInterruptions: null, mttaP90: null },
      heatmap,
    };
  });

  for (let i = TREND_WEEKS; i < weeks.length; i++) {
    const w = weeks[i] as WeekLoad;
    const before = weeks.slice(i - TREND_WEEKS, i);
    w.trend = {
      pages: trendOf(
        w.pages,
        before.map((b) => b.pages),
      ),
      interruptions: trendOf(
        w.interruptionsPerPersonWeek,
        before.map((b) => b.interruptionsPerPersonWeek),
      ),
      sleepInterruptions: trendOf(
        w.sleepPerPersonWeek,
        before.map((b) => b.sleepPerPersonWeek),
      ),
      mttaP90: trendOf(
        w.mttaP90Ms,
        before.map((b) => b.mttaP90Ms),
      ),
    };
  }
  const out = weeks.slice(first ? TREND_WEEKS : 0);

  // Totals over the shown weeks.
  const svc = new Map<string, { serviceName: string; pages: number }>();
  const groups = new Map<string, Group>();
  const people = new Map<string, PersonLoad & { nightSet: Set<number> }>();
  for (let i = 0; i < out.length; i++) {
    const acc = accs[i + (first ? TREND_WEEKS : 0)] as WeekAcc;
    mergeGroups(groups, acc.groups);
    for (const [id, s] of acc.services) {
      const t = svc.get(id);
      if (t) t.pages += s.pages;
      else svc.set(id, { serviceName: s.serviceName, pages: s.pages });
    }
    for (const p of (out[i] as WeekLoad).people) {
      let t = people.get(p.userId);
      if (!t) {
        t = {
          ...p,
          pages: 0,
          interruptions: 0,
          sleepInterruptions: 0,
          nights: 0,
          personWeeks: 0,
          nightSet: new Set(),
        };
        people.set(p.userId, t);
      }
      t.pages += p.pages;
      t.interruptions += p.interruptions;
      t.sleepInterruptions += p.sleepInterruptions;
      t.personWeeks = round(t.personWeeks + p.personWeeks);
      for (const n of acc.people.get(p.userId)?.nights ?? []) t.nightSet.add(n);
    }
  }
  return {
    team: q.team ?? null,
    serviceIds: [...serviceSet],
    timeZone: tz,
    budget,
    weeks: out,
    totals: {
      pages: out.reduce((a, w) => a + w.pages, 0),
      interruptions: out.reduce((a, w) => a + w.interruptions, 0),
      sleepInterruptions: out.reduce((a, w) => a + w.sleepInterruptions, 0),
      personWeeks: round(out.reduce((a, w) => a + w.personWeeks, 0)),
      noisiestServices: [...svc.entries()]
        .map(([serviceId, s]) => ({ serviceId, serviceName: s.serviceName, pages: s.pages }))
        .sort((a, b) => b.pages - a.pages || a.serviceName.localeCompare(b.serviceName))
        .slice(0, 5),
      offenders: offenders(groups, byAlertKey),
      people: [...people.values()]
        .map(({ nightSet, ...p }) => ({ ...p, nights: nightSet.size }))
        .sort((a, b) => b.pages - a.pages || a.name.localeCompare(b.name)),
    },
  };
}

/** Days since epoch (UTC) of an instant: for tests and labels. */
export const utcDay = (t: number): number => Math.floor(t / DAY_MS);
