/**
 * Team operational load: the records kept per team incident and per on-call span, and the numbers
 * computed from them week by week. Times are epoch ms; JSON-safe.
 */
import type { Urgency } from '../domain.js';

/** One incident of a team's services, as the team history keeps it. */
export interface TeamPage {
  /** Which account (API host + token owner) it came from, so several accounts can share a store. */
  account: string;
  incidentId: string;
  number: number;
  title: string;
  /** PagerDuty's incident_key (the alert's dedup key), when any. */
  alertKey: string | null;
  serviceId: string;
  serviceName: string;
  /** Escalation policy of the incident, when known. */
  policyId: string | null;
  /** Team ids of the incident (from the incident, else the team that was queried). */
  teamIds: string[];
  urgency: Urgency;
  triggeredAt: number;
  acknowledgedAt: number | null;
  /** User id of the first acknowledgement. */
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  /** User id, or null when the service (an auto-resolve) or nobody resolved it. */
  resolvedBy: string | null;
  /** It went past the first escalation level (an escalate log entry). */
  escalated: boolean;
  /** Notes written on it. */
  notes: number;
  /** The person first paged (first assignment), who carried it. */
  responderId: string | null;
  responderName: string | null;
}

/** A span of level-1 on-call time of one person on one escalation policy (end exclusive). */
export interface OncallSpan {
  account: string;
  /** The teams it was fetched for (the team's escalation policies). */
  teamIds: string[];
  policyId: string;
  userId: string;
  userName: string;
  start: number;
  end: number;
}

/** A local time-of-day window `HH:MM`-`HH:MM` (may cross midnight). */
export interface DayWindow {
  start: string;
  end: string;
}

/** The team's agreed load levels; a missing limit is not rated. */
export interface TeamBudget {
  sleepInterruptionsPerPersonWeek?: number;
  offHoursInterruptionsPerPersonWeek?: number;
  interruptionsPerPersonWeek?: number;
  pagesPerServicePerWeek?: number;
  mttaP90Minutes?: number;
  mttrP90Minutes?: number;
}

/** How pages are read: the team's clock and what counts as off hours, sleep hours and noise. */
export interface TeamLoadSettings {
  /** IANA zone of the team (weeks start Monday 00:00 there). */
  timeZone: string;
  /** Working hours on weekdays; everything else (and weekends) is off hours. */
  workHours: DayWindow;
  sleepHours: DayWindow;
  /** Resolved within this many minutes without an acknowledgement counts as noise. */
  noiseMinutes: number;
  /** Group repeat offenders by normalised title (default) or by alert key. */
  groupBy: 'title' | 'alertKey';
}

/** Default reading of pages. */
export const DEFAULT_TEAM_SETTINGS: Omit<TeamLoadSettings, 'timeZone'> = {
  workHours: { start: '09:00', end: '18:00' },
  sleepHours: { start: '23:00', end: '07:00' },
  noiseMinutes: 5,
  groupBy: 'title',
};

/** Over or within one limit. */
export type Rating = 'within' | 'over';
/** A week against the 4 before it: lower load is better. */
export type Trend = 'better' | 'worse' | 'same' | null;

/** A repeat offender: pages grouped by normalised title (or alert key). */
export interface Offender {
  key: string;
  /** The most frequent original title (or the alert key). */
  label: string;
  pages: number;
  /** Resolved without action: resolved quickly without acknowledgement, or acknowledged and resolved with no note. */
  withoutAction: number;
  escalated: number;
  /** Services it came from, most pages first. */
  services: Array<{ serviceId: string; serviceName: string; pages: number }>;
}

/** One service in one week. */
export interface ServiceWeek {
  serviceId: string;
  serviceName: string;
  pages: number;
  highUrgency: number;
  sleepInterruptions: number;
  mttaP90Ms: number | null;
  rating: Rating | null;
  offenders: Offender[];
}

/** One person in one week (or over the range). */
export interface PersonLoad {
  userId: string;
  name: string;
  pages: number;
  interruptions: number;
  sleepInterruptions: number;
  /** Distinct local nights with at least one sleep-hour interruption. */
  nights: number;
  personWeeks: number;
}

/** A limit checked in a week. */
export interface BudgetCheck {
  limit: keyof TeamBudget;
  value: number | null;
  max: number;
  rating: Rating;
}

/** The numbers of one week. */
export interface WeekLoad {
  /** ISO week, `YYYY-Www`, in the team's zone. */
  week: string;
  since: number;
  until: number;
  pages: number;
  highUrgency: number;
  lowUrgency: number;
  /** Interruptions are high-urgency pages (they notify by phone or push). */
  interruptions: number;
  offHoursInterruptions: number;
  sleepInterruptions: number;
  /** Level-1 on-call time in the week divided by the week's length, summed over people. */
  personWeeks: number;
  interruptionsPerPersonWeek: number | null;
  offHoursPerPersonWeek: number | null;
  sleepPerPersonWeek: number | null;
  mttaMedianMs: number | null;
  mttaP90Ms: number | null;
  mttrMedianMs: number | null;
  mttrP90Ms: number | null;
  escalated: number;
  noise: { quickUnacknowledged: number; acknowledgedNoNote: number };
  services: ServiceWeek[];
  people: PersonLoad[];
  /** Repeat offenders (2 pages or more), most pages first. */
  offenders: Offender[];
  budget: BudgetCheck[];
  /** Over when any limit of the team (or any service) is over; null without a budget. */
  rating: Rating | null;
  /** Key numbers against the mean of the 4 weeks before (null when there are none). */
  trend: { pages: Trend; interruptions: Trend; sleepInterruptions: Trend; mttaP90: Trend };
  /** Pages by [day of week 0 = Monday][hour 0..23], team time. */
  heatmap: number[][];
}

/** The team's load over a range of weeks. */
export interface TeamLoad {
  team: { id: string; name: string } | null;
  serviceIds: string[];
  timeZone: string;
  budget: TeamBudget;
  weeks: WeekLoad[];
  /** Over the whole range. */
  totals: {
    pages: number;
    interruptions: number;
    sleepInterruptions: number;
    personWeeks: number;
    noisiestServices: Array<{ serviceId: string; serviceName: string; pages: number }>;
    offenders: Offender[];
    people: PersonLoad[];
  };
}
