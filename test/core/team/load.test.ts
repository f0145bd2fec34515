/**
 * computeTeamLoad over wide random inputs (fast-check): the numbers agree with a direct count, the
 * parts add up to the whole, a range equals its weeks computed one by one, and the review's
 * over-budget list is exactly the services over the page limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTeamLoad } from '../../../src-main/core/team/load.js';
import { buildReview } from '../../../src-main/core/team/review.js';
import { DEFAULT_TEAM_SETTINGS, type OncallSpan, type TeamPage } from '../../../src-main/core/team/types.js';
import { weekSpan, weeksEndingAt, mondayOf } from '../../../src-main/core/team/weeks.js';

const TZ = 'America/New_York';
const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 5); // spans the US DST end on 2026-11-01
const SETTINGS = { ...DEFAULT_TEAM_SETTINGS, timeZone: TZ };
const LAST = mondayOf(START + 5 * 7 * DAY, TZ);
const WEEKS = weeksEndingAt(LAST, 4, TZ);

const pageArb = fc.record({
  at: fc.integer({ min: START - 35 * DAY, max: START + 42 * DAY }),
  svc: fc.integer({ min: 0, max: 3 }),
  team: fc.constantFrom('T1', 'T2'),
  high: fc.boolean(),
  ackAfter: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
  resAfter: fc.integer({ min: 0, max: 10_000_000 }),
  title: fc.constantFrom('disk 91% on db', 'disk 88% on db', 'CPU high', 'job 12 failed', 'job 13 failed'),
  person: fc.constantFrom('A', 'B', 'C'),
  escalated: fc.boolean(),
  notes: fc.integer({ min: 0, max: 2 }),
});

type RawPage = typeof pageArb extends fc.Arbitrary<infer T> ? T : never;

function toPages(raw: RawPage[]): TeamPage[] {
  return raw.map((r, i) => ({
    account: 'acct',
    incidentId: `Q${i}`,
    number: i,
    title: r.title,
    alertKey: null,
    serviceId: `S${r.svc}`,
    serviceName: `svc-${r.svc}`,
    policyId: 'P1',
    teamIds: [r.team],
    urgency: r.high ? 'high' : 'low',
    triggeredAt: r.at,
    acknowledgedAt: r.ackAfter === null ? null : r.at + r.ackAfter,
    acknowledgedBy: r.ackAfter === null ? null : r.person,
    resolvedAt: r.at + (r.ackAfter ?? 0) + r.resAfter,
    resolvedBy: null,
    escalated: r.escalated,
    notes: r.notes,
    responderId: r.person,
    responderName: `Person ${r.person}`,
  }));
}

const spans: OncallSpan[] = [
  {
    account: 'acct',
    teamIds: ['T1'],
    policyId: 'P1',
    userId: 'A',
    userName: 'A',
    start: START - 60 * DAY,
    end: START + 10 * DAY,
  },
  {
    account: 'acct',
    teamIds: ['T1'],
    policyId: 'P1',
    userId: 'B',
    userName: 'B',
    start: START + 10 * DAY,
    end: START + 90 * DAY,
  },
  // Overlapping spans of one person (two policies) count once.
  {
    account: 'acct',
    teamIds: ['T1'],
    policyId: 'P2',
    userId: 'B',
    userName: 'B',
    start: START + 20 * DAY,
    end: START + 30 * DAY,
  },
];

describe('computeTeamLoad', () => {
  it('counts agree with a direct count, and parts add up', () => {
    fc.assert(
      fc.property(fc.array(pageArb, { maxLength: 150 }), (raw) => {
        const pages = toPages(raw);
        const load = computeTeamLoad(pages, spans, {
          teamId: 'T1',
          weeks: WEEKS,
          settings: SETTINGS,
          budget: { pagesPerServicePerWeek: 3 },
        });
        expect(load.weeks.map((w) => w.week)).toEqual(WEEKS.map((w) => w.week));
        for (const w of load.weeks) {
          const mine = pages.filter(
            (p) => p.teamIds[0] === 'T1' && p.triggeredAt >= w.since && p.triggeredAt < w.until,
          );
          expect(w.pages).toBe(mine.length);
          expect(w.highUrgency).toBe(mine.filter((p) => p.urgency === 'high').length);
          expect(w.escalated).toBe(mine.filter((p) => p.escalated).length);
          expect(w.services.reduce((a, s) => a + s.pages, 0)).toBe(w.pages);
          expect(w.people.reduce((a, p) => a + p.pages, 0)).toBe(w.pages);
          expect(w.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(w.pages);
          expect(w.sleepInterruptions).toBeLessThanOrEqual(w.interruptions);
          // One person at a time here (B's two policies overlap): exactly one person-week.
          expect(w.personWeeks).toBeCloseTo(1, 6);
          const review = buildReview({ ...load, weeks: [w] });
          expect(review.overBudget.map((s) => s.serviceId).sort()).toEqual(
            w.services
              .filter((s) => s.pages > 3)
              .map((s) => s.serviceId)
              .sort(),
          );
          for (const o of w.offenders) expect(o.pages).toBeGreaterThanOrEqual(2);
        }
        // A range equals its weeks one by one.
        for (const [i, span] of WEEKS.entries()) {
          const one = computeTeamLoad(pages, spans, {
            teamId: 'T1',
            weeks: [span],
            settings: SETTINGS,
            budget: { pagesPerServicePerWeek: 3 },
          });
          const { trend: _a, budget: _b, rating: _c, ...rest } = one.weeks[0]!;
          const { trend: _d, budget: _e, rating: _f, ...range } = load.weeks[i]!;
          expect(rest).toEqual(range);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the DST week in New York is 169 hours and one person-week', () => {
    const w = weekSpan(mondayOf(Date.UTC(2026, 9, 29), TZ), TZ);
    expect((w.until - w.since) / 3_600_000).toBe(169);
    const load = computeTeamLoad([], spans, { teamId: 'T1', weeks: [w], settings: SETTINGS });
    expect(load.weeks[0]!.personWeeks).toBe(1);
    expect(load.totals.pages).toBe(0);
  });
});
