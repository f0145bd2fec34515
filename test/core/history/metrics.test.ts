import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeMetrics, medianOf, percentileOf } from '../../../src-main/core/history/metrics.js';
import { classify, localTime } from '../../../src-main/core/history/local-time.js';
import type { LoadMetrics, PageRecord, TimeRange } from '../../../src-main/core/history/types.js';

const H = 3_600_000;
const DAY = 24 * H;

function rec(over: Partial<PageRecord> & { triggeredAt: number }): PageRecord {
  return {
    incidentId: `P${over.triggeredAt}`,
    number: 1,
    title: 't',
    serviceId: 'S1',
    serviceName: 'Checkout',
    urgency: 'high',
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgedByMe: null,
    resolvedAt: null,
    resolvedBy: null,
    offHours: false,
    weekend: false,
    ...over,
  };
}

/** The obvious, slow way: Intl per record, plain arrays and sorts. */
function naive(records: PageRecord[], range: TimeRange, timeZone: string): LoadMetrics {
  const inRange = records.filter((r) => r.triggeredAt >= range.since && r.triggeredAt < range.until);
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (!s.length) return null;
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
  };
  const acks = inRange
    .filter((r) => r.acknowledgedAt !== null)
    .map((r) => Math.max(0, r.acknowledgedAt! - r.triggeredAt));
  const sortedAcks = [...acks].sort((a, b) => a - b);
  const res = inRange
    .filter((r) => r.resolvedAt !== null)
    .map((r) => Math.max(0, r.resolvedAt! - r.triggeredAt));
  const known = inRange.filter((r) => r.acknowledgedAt !== null && r.acknowledgedByMe !== null);
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const byDay = new Map<string, number[]>();
  const pagesByDay = new Map<string, number>();
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const hourFmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
  });
  const dows = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  let off = 0;
  let weekend = 0;
  for (const r of inRange) {
    const parts = Object.fromEntries(hourFmt.formatToParts(r.triggeredAt).map((p) => [p.type, p.value]));
    heatmap[dows.indexOf(parts.weekday!)]![Number(parts.hour)]!++;
    const c = classify(r.triggeredAt, { start: '22:00', end: '07:00' }, timeZone);
    if (c.offHours) off++;
    if (c.weekend) weekend++;
    const day = fmt.format(r.triggeredAt);
    pagesByDay.set(day, (pagesByDay.get(day) ?? 0) + 1);
    if (r.acknowledgedAt !== null)
      byDay.set(day, [...(byDay.get(day) ?? []), Math.max(0, r.acknowledgedAt - r.triggeredAt)]);
  }
  const services = new Map<string, { serviceId: string; serviceName: string; pages: number }>();
  for (const r of inRange) {
    const s = services.get(r.serviceId) ?? { serviceId: r.serviceId, serviceName: r.serviceName, pages: 0 };
    s.pages++;
    services.set(r.serviceId, s);
  }
  const ackTrend: LoadMetrics['ackTrend'] = [];
  for (let t = range.since; ; t += H) {
    const day = fmt.format(Math.min(t, range.until - 1));
    if (!ackTrend.length || ackTrend[ackTrend.length - 1]!.day !== day)
      ackTrend.push({ day, medianMs: med(byDay.get(day) ?? []), pages: pagesByDay.get(day) ?? 0 });
    if (t >= range.until - 1) break;
  }
  return {
    range,
    pages: inRange.length,
    pagesPerDay: inRange.length / Math.max(1, (range.until - range.since) / DAY),
    highUrgency: inRange.filter((r) => r.urgency === 'high').length,
    timeToAckMedianMs: med(acks),
    timeToAckP90Ms: sortedAcks.length ? sortedAcks[Math.ceil(0.9 * sortedAcks.length) - 1]! : null,
    timeToResolveMedianMs: med(res),
    offHoursInterruptions: off,
    weekendPages: weekend,
    ackedByMeShare: known.length ? known.filter((r) => r.acknowledgedByMe).length / known.length : null,
    noisiestServices: [...services.values()]
      .sort(
        (a, b) =>
          b.pages - a.pages ||
          a.serviceName.localeCompare(b.serviceName) ||
          a.serviceId.localeCompare(b.serviceId),
      )
      .slice(0, 5),
    heatmap,
    ackTrend,
  };
}

describe('medianOf / percentileOf', () => {
  it('takes the middle, the mean of two middles, and the nearest rank', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([5])).toBe(5);
    expect(medianOf([1, 2, 3, 10])).toBe(3);
    expect(percentileOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentileOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('computeMetrics', () => {
  const since = Date.UTC(2026, 10, 23, 0, 0); // Monday 23 Nov 2026
  it('counts a small, hand-made week in Berlin', () => {
    const records = [
      rec({
        triggeredAt: since + 2 * H,
        acknowledgedAt: since + 2 * H + 60_000,
        acknowledgedByMe: true,
        resolvedAt: since + 3 * H,
      }),
      rec({
        triggeredAt: since + 12 * H,
        acknowledgedAt: since + 12 * H + 180_000,
        acknowledgedByMe: false,
        urgency: 'low',
      }),
      rec({ triggeredAt: since + 5 * DAY + 10 * H, serviceId: 'S2', serviceName: 'Search' }), // Saturday
      rec({ triggeredAt: since - 1 }), // outside
    ];
    const m = computeMetrics(records, { since, until: since + 7 * DAY }, { timeZone: 'Europe/Berlin' });
    expect(m.pages).toBe(3);
    expect(m.highUrgency).toBe(2);
    expect(m.pagesPerDay).toBeCloseTo(3 / 7);
    expect(m.timeToAckMedianMs).toBe(120_000);
    expect(m.timeToAckP90Ms).toBe(180_000);
    expect(m.timeToResolveMedianMs).toBe(H);
    expect(m.offHoursInterruptions).toBe(1); // 03:00 Berlin
    expect(m.weekendPages).toBe(1);
    expect(m.ackedByMeShare).toBe(0.5);
    expect(m.noisiestServices[0]).toEqual({ serviceId: 'S1', serviceName: 'Checkout', pages: 2 });
    expect(m.heatmap[1]![3]).toBe(1); // Monday 03:00 local
    expect(m.heatmap[6]![11]).toBe(1); // Saturday 11:00 local
    expect(m.ackTrend[0]).toEqual({ day: '2026-11-23', medianMs: 120_000, pages: 2 });
    expect(m.ackTrend.at(-1)?.day).toBe('2026-11-30'); // UTC range ends at 01:00 Berlin on the 30th
  });

  it('handles an empty range', () => {
    const m = computeMetrics([], { since, until: since + H }, { timeZone: 'UTC' });
    expect(m.pages).toBe(0);
    expect(m.timeToAckMedianMs).toBeNull();
    expect(m.ackedByMeShare).toBeNull();
    expect(m.ackTrend).toEqual([{ day: '2026-11-23', medianMs: null, pages: 0 }]);
  });

  it('matches the naive reference on random histories (fast-check)', () => {
    const base = Date.UTC(2026, 2, 20); // spans the March DST change in Europe and the US
    const arbRec = fc.record({
      dt: fc.integer({ min: -2 * DAY, max: 20 * DAY }),
      ack: fc.option(fc.integer({ min: -1000, max: 3 * H }), { nil: null }),
      me: fc.option(fc.boolean(), { nil: null }),
      res: fc.option(fc.integer({ min: 0, max: 30 * H }), { nil: null }),
      svc: fc.integer({ min: 0, max: 7 }),
      high: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbRec, { maxLength: 60 }),
        fc.integer({ min: 0, max: 5 * DAY }),
        fc.integer({ min: 1, max: 12 * DAY }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
        (rs, start, len, tz) => {
          const records = rs.map((r, i) =>
            rec({
              incidentId: `P${i}`,
              triggeredAt: base + r.dt,
              acknowledgedAt: r.ack === null ? null : base + r.dt + r.ack,
              acknowledgedByMe: r.me,
              resolvedAt: r.res === null ? null : base + r.dt + r.res,
              serviceId: `S${r.svc}`,
              serviceName: `Service ${r.svc}`,
              urgency: r.high ? 'high' : 'low',
            }),
          );
          const range = { since: base + start, until: base + start + len };
          expect(computeMetrics(records, range, { timeZone: tz })).toEqual(naive(records, range, tz));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('places local hours right across a DST change', () => {
    const lt = localTime('Europe/Berlin');
    const before = Date.UTC(2026, 2, 29, 0, 30); // 01:30 CET
    const after = Date.UTC(2026, 2, 29, 1, 30); // 03:30 CEST
    expect(lt.parts(before).hour).toBe(1);
    expect(lt.parts(after).hour).toBe(3);
    expect(lt.offsetMs(after)).toBe(2 * H);
  });
});
