/**
 * The cross-check with PagerDuty Analytics: the app's page counts and median time to acknowledge per
 * week beside Analytics' own, with the differences explained. Hidden (null) when the account has no
 * Analytics (402/403).
 */
import { selectMedian } from '../history/select.js';
import type { AnalyticsIncident } from './team-api.js';
import type { TeamLoad } from './types.js';

/** One week side by side. */
export interface CrossCheckWeek {
  week: string;
  pages: { app: number; analytics: number; difference: number };
  mttaMedianMs: { app: number | null; analytics: number | null };
}

/** The comparison. */
export interface CrossCheck {
  source: 'PagerDuty Analytics';
  weeks: CrossCheckWeek[];
  notes: string[];
}

/** Compares the load with Analytics' incidents of the same weeks. */
export function crossCheck(load: TeamLoad, analytics: readonly AnalyticsIncident[], now: number): CrossCheck {
  const weeks = load.weeks.map((w) => {
    const mine = analytics.filter((a) => {
      const t = Date.parse(a.createdAt);
      return t >= w.since && t < w.until;
    });
    const acks = mine.flatMap((a) => (a.secondsToFirstAck === null ? [] : [a.secondsToFirstAck * 1000]));
    return {
      week: w.week,
      pages: { app: w.pages, analytics: mine.length, difference: w.pages - mine.length },
      mttaMedianMs: { app: w.mttaMedianMs, analytics: selectMedian(Float64Array.from(acks)) },
    };
  });
  const notes = [
    'Analytics counts incidents when its data has arrived, within about 24 hours: the newest day may be missing there.',
    'Analytics measures time to acknowledge to the first acknowledgement of any responder, as the app does.',
  ];
  const last = load.weeks[load.weeks.length - 1];
  if (last && now - last.until < 86_400_000) notes.push(`Week ${last.week} ended less than 24 hours ago.`);
  if (weeks.some((w) => w.pages.difference !== 0))
    notes.push('A week that differs may hold incidents merged, moved between services or deleted since.');
  return { source: 'PagerDuty Analytics', weeks, notes };
}
