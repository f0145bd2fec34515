/**
 * The weekly operations review: the week's numbers against the budget (with the trend against the 4
 * weeks before), the services over budget with their top repeat offenders and a plain suggested
 * action, and who carried the load. Rendered as Markdown (tables, for the planning doc) here, CSV
 * in review-csv.ts (kept apart so the renderer, which uses this file, does not bundle the CSV
 * library) and JSON (the object itself).
 */
import { formatDuration } from '../../shared/duration.js';
import { mdText } from '../history/report.js';
import type {
  BudgetCheck,
  Offender,
  PersonLoad,
  Rating,
  TeamBudget,
  TeamLoad,
  Trend,
  WeekLoad,
} from './types.js';

/** One number of the week. */
export interface ReviewNumber {
  metric: string;
  label: string;
  value: number | null;
  unit: 'count' | 'ms' | 'ratio';
  budget: number | null;
  rating: Rating | null;
  trend: Trend;
}

/** A repeat offender of a service, with what to do about it. */
export interface ReviewOffender extends Omit<Offender, 'services'> {
  servicePages: number;
  suggestion: string;
}

/** A service over budget in the week. */
export interface ReviewService {
  serviceId: string;
  serviceName: string;
  pages: number;
  budget: number | null;
  offenders: ReviewOffender[];
}

/** The weekly review. */
export interface OperationsReview {
  team: { id: string; name: string } | null;
  week: string;
  since: string;
  until: string;
  timeZone: string;
  rating: Rating | null;
  numbers: ReviewNumber[];
  overBudget: ReviewService[];
  services: Array<{ serviceId: string; serviceName: string; pages: number; rating: Rating | null }>;
  offenders: Offender[];
  people: PersonLoad[];
}

const MINUTE = 60_000;

/** The plain action for a repeat offender. */
export function suggestAction(o: { pages: number; withoutAction: number; escalated: number }): string {
  if (o.withoutAction * 2 >= o.pages) return 'tune or remove the alert';
  if (o.escalated * 2 >= o.pages) return 'check who is paged first and why it escalated';
  return 'find and fix the cause in the next sprint';
}

const budgetOf = (w: WeekLoad, limit: keyof TeamBudget): BudgetCheck | undefined =>
  w.budget.find((c) => c.limit === limit);

/** Builds the review of the one week of `load` (computed for that week). */
export function buildReview(load: TeamLoad): OperationsReview {
  const w = load.weeks[load.weeks.length - 1];
  if (!w) throw new Error('the review needs one week of load');
  const num = (
    metric: string,
    label: string,
    value: number | null,
    unit: ReviewNumber['unit'],
    limit: keyof TeamBudget | null = null,
    trend: Trend = null,
  ): ReviewNumber => {
    const c = limit ? budgetOf(w, limit) : undefined;
    const scale = unit === 'ms' ? MINUTE : 1;
    return {
      metric,
      label,
      value,
      unit,
      budget: c ? c.max * scale : null,
      rating: c ? c.rating : null,
      trend,
    };
  };
  const maxService = w.services.reduce((m, s) => Math.max(m, s.pages), 0);
  const numbers: ReviewNumber[] = [
    num('pages', 'Pages', w.pages, 'count', null, w.trend.pages),
    num('highUrgency', 'High urgency', w.highUrgency, 'count'),
    num('lowUrgency', 'Low urgency', w.lowUrgency, 'count'),
    num('offHoursInterruptions', 'Off-hours interruptions', w.offHoursInterruptions, 'count'),
    num('sleepInterruptions', 'Sleep-hour interruptions', w.sleepInterruptions, 'count'),
    num('personWeeks', 'On-call person-weeks', w.personWeeks, 'ratio'),
    num(
      'interruptionsPerPersonWeek',
      'Interruptions per person-week',
      w.interruptionsPerPersonWeek,
      'ratio',
      'interruptionsPerPersonWeek',
      w.trend.interruptions,
    ),
    num(
      'offHoursPerPersonWeek',
      'Off-hours interruptions per person-week',
      w.offHoursPerPersonWeek,
      'ratio',
      'offHoursInterruptionsPerPersonWeek',
    ),
    num(
      'sleepPerPersonWeek',
      'Sleep-hour interruptions per person-week',
      w.sleepPerPersonWeek,
      'ratio',
      'sleepInterruptionsPerPersonWeek',
      w.trend.sleepInterruptions,
    ),
    num('maxPagesPerService', 'Most pages on one service', maxService, 'count', 'pagesPerServicePerWeek'),
    num('mttaMedianMs', 'Time to acknowledge, median', w.mttaMedianMs, 'ms'),
    num('mttaP90Ms', 'Time to acknowledge, p90', w.mttaP90Ms, 'ms', 'mttaP90Minutes', w.trend.mttaP90),
    num('mttrMedianMs', 'Time to resolve, median', w.mttrMedianMs, 'ms'),
    num('mttrP90Ms', 'Time to resolve, p90', w.mttrP90Ms, 'ms', 'mttrP90Minutes'),
    num('escalated', 'Escalated past the first level', w.escalated, 'count'),
    num(
      'quickUnacknowledged',
      'Resolved within minutes, never acknowledged',
      w.noise.quickUnacknowledged,
      'count',
    ),
    num('acknowledgedNoNote', 'Acknowledged and resolved with no note', w.noise.acknowledgedNoNote, 'count'),
  ];
  const limit = load.budget.pagesPerServicePerWeek ?? null;
  const overBudget: ReviewService[] = w.services
    .filter((s) => s.rating === 'over')
    .map((s) => ({
      serviceId: s.serviceId,
      serviceName: s.serviceName,
      pages: s.pages,
      budget: limit,
      offenders: s.offenders.map((o) => ({
        key: o.key,
        label: o.label,
        pages: o.pages,
        withoutAction: o.withoutAction,
        escalated: o.escalated,
        servicePages: s.pages,
        suggestion:
          `${o.label.includes(s.serviceName) ? o.label : `${o.label} on ${s.serviceName}`}: ` +
          `${o.pages} of ${s.pages} pages, resolved without action ` +
          `${o.withoutAction} time${o.withoutAction === 1 ? '' : 's'}: ${suggestAction(o)}`,
      })),
    }));
  return {
    team: load.team,
    week: w.week,
    since: new Date(w.since).toISOString(),
    until: new Date(w.until).toISOString(),
    timeZone: load.timeZone,
    rating: w.rating,
    numbers,
    overBudget,
    services: w.services.map((s) => ({
      serviceId: s.serviceId,
      serviceName: s.serviceName,
      pages: s.pages,
      rating: s.rating,
    })),
    offenders: w.offenders,
    people: w.people,
  };
}

/** A number as the review writes it. */
export function formatValue(value: number | null, unit: ReviewNumber['unit']): string {
  if (value === null) return '–';
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'ratio') return String(Math.round(value * 100) / 100);
  return String(value);
}

const ratingText = (r: Rating | null): string => (r === null ? '' : r === 'over' ? '**over**' : 'within');
const trendText = (t: Trend): string => (t === null ? '' : t);

/** The review as Markdown: headings and tables, untrusted text escaped. */
export function reviewMarkdown(r: OperationsReview): string {
  const title = r.team ? mdText(r.team.name) : 'the chosen services';
  const lines: string[] = [
    `# Operations review: ${title}, week ${r.week}`,
    '',
    `${r.since.slice(0, 10)} to ${r.until.slice(0, 10)} (${mdText(r.timeZone)}). ` +
      (r.rating === null
        ? 'No budget set.'
        : r.rating === 'over'
          ? 'The team was **over budget** this week.'
          : 'The team stayed within budget this week.'),
    '',
    '## The week against the budget',
    '',
    '| Number | This week | Budget | Rating | Trend vs 4 weeks before |',
    '| --- | ---: | ---: | --- | --- |',
    ...r.numbers.map(
      (n) =>
        `| ${n.label} | ${formatValue(n.value, n.unit)} | ${n.budget === null ? '' : formatValue(n.budget, n.unit)} | ${ratingText(n.rating)} | ${trendText(n.trend)} |`,
    ),
    '',
    '## Services over budget',
    '',
  ];
  if (r.overBudget.length === 0) lines.push('No service was over its page budget.', '');
  for (const s of r.overBudget) {
    lines.push(
      `### ${mdText(s.serviceName)}: ${s.pages} pages (budget ${s.budget ?? '–'})`,
      '',
      '| Repeat offender | Pages | Resolved without action | Escalated | Suggested action |',
      '| --- | ---: | ---: | ---: | --- |',
      ...s.offenders.map(
        (o) =>
          `| ${mdText(o.label)} | ${o.pages} | ${o.withoutAction} | ${o.escalated} | ${suggestAction(o)} |`,
      ),
      '',
      ...s.offenders.map((o) => `- ${mdText(o.suggestion, 400)}`),
      '',
    );
  }
  lines.push(
    '## Services',
    '',
    '| Service | Pages | Rating |',
    '| --- | ---: | --- |',
    ...r.services.map((s) => `| ${mdText(s.serviceName)} | ${s.pages} | ${ratingText(s.rating)} |`),
    '',
    '## Who carried the load',
    '',
    '| Person | Pages | Interruptions | Sleep-hour interruptions | Nights | Person-weeks |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.people.map(
      (p) =>
        `| ${mdText(p.name)} | ${p.pages} | ${p.interruptions} | ${p.sleepInterruptions} | ${p.nights} | ${formatValue(p.personWeeks, 'ratio')} |`,
    ),
    '',
  );
  return lines.join('\n');
}

/** The load over weeks as Markdown: one table of weeks, then the range's offenders and people. */
export function loadMarkdown(load: TeamLoad): string {
  const title = load.team ? mdText(load.team.name) : 'the chosen services';
  const first = load.weeks[0]?.week ?? '';
  const last = load.weeks[load.weeks.length - 1]?.week ?? '';
  return [
    `# Operational load: ${title}, ${first} to ${last}`,
    '',
    '| Week | Pages | High | Off-hours | Sleep | Person-weeks | Sleep per person-week | MTTA p90 | MTTR p90 | Escalated | Rating |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...load.weeks.map(
      (w) =>
        `| ${w.week} | ${w.pages} | ${w.highUrgency} | ${w.offHoursInterruptions} | ${w.sleepInterruptions} | ${formatValue(w.personWeeks, 'ratio')} | ${formatValue(w.sleepPerPersonWeek, 'ratio')} | ${formatDuration(w.mttaP90Ms)} | ${formatDuration(w.mttrP90Ms)} | ${w.escalated} | ${ratingText(w.rating)} |`,
    ),
    '',
    '## Repeat offenders',
    '',
    '| Alert | Pages | Resolved without action | Services |',
    '| --- | ---: | ---: | --- |',
    ...load.totals.offenders.map(
      (o) =>
        `| ${mdText(o.label)} | ${o.pages} | ${o.withoutAction} | ${o.services.map((s) => mdText(s.serviceName)).join(', ')} |`,
    ),
    '',
    '## Who carried the load',
    '',
    '| Person | Pages | Sleep-hour interruptions | Nights | Person-weeks |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...load.totals.people.map(
      (p) =>
        `| ${mdText(p.name)} | ${p.pages} | ${p.sleepInterruptions} | ${p.nights} | ${formatValue(p.personWeeks, 'ratio')} |`,
    ),
    '',
  ].join('\n');
}
