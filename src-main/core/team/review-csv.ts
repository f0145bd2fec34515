/**
 * The review and the load as CSV (RFC 4180, header row), written with csv-stringify so quoting of
 * commas, quotes and line breaks in untrusted titles is right.
 */
import { stringify } from 'csv-stringify/sync';
import type { OperationsReview } from './review.js';
import type { TeamLoad } from './types.js';

/** The CSV columns, one row per fact. */
export const REVIEW_CSV_COLUMNS = [
  'week',
  'section',
  'name',
  'service',
  'value',
  'budget',
  'rating',
  'trend',
  'detail',
] as const;

/** The review as CSV (RFC 4180, with a header row). Durations in ms. */
export function reviewCsv(r: OperationsReview): string {
  const rows: Array<Array<string | number | null>> = [];
  for (const n of r.numbers)
    rows.push([r.week, 'number', n.metric, '', n.value, n.budget, n.rating, n.trend, n.label]);
  for (const s of r.services)
    rows.push([r.week, 'service', s.serviceName, s.serviceName, s.pages, null, s.rating, null, s.serviceId]);
  for (const s of r.overBudget)
    for (const o of s.offenders)
      rows.push([r.week, 'offender', o.label, s.serviceName, o.pages, null, null, null, o.suggestion]);
  for (const p of r.people)
    rows.push([
      r.week,
      'person',
      p.name,
      '',
      p.pages,
      null,
      null,
      null,
      `nights=${p.nights}; personWeeks=${p.personWeeks}`,
    ]);
  return stringify(
    rows.map((row) => row.map((v) => (v === null ? '' : v))),
    { header: true, columns: [...REVIEW_CSV_COLUMNS] },
  );
}

/** The load over weeks as CSV: one row per week and service (service "" is the whole team). */
export function loadCsv(load: TeamLoad): string {
  const rows: Array<Array<string | number>> = [];
  const v = (x: number | null): string | number => (x === null ? '' : x);
  for (const w of load.weeks) {
    rows.push([
      w.week,
      '',
      w.pages,
      w.highUrgency,
      w.lowUrgency,
      w.offHoursInterruptions,
      w.sleepInterruptions,
      w.personWeeks,
      v(w.interruptionsPerPersonWeek),
      v(w.sleepPerPersonWeek),
      v(w.mttaMedianMs),
      v(w.mttaP90Ms),
      v(w.mttrMedianMs),
      v(w.mttrP90Ms),
      w.escalated,
      w.noise.quickUnacknowledged,
      w.noise.acknowledgedNoNote,
      w.rating ?? '',
    ]);
    for (const s of w.services)
      rows.push([
        w.week,
        s.serviceName,
        s.pages,
        s.highUrgency,
        s.pages - s.highUrgency,
        '',
        s.sleepInterruptions,
        '',
        '',
        '',
        '',
        v(s.mttaP90Ms),
        '',
        '',
        '',
        '',
        '',
        s.rating ?? '',
      ]);
  }
  return stringify(rows, {
    header: true,
    columns: [
      'week',
      'service',
      'pages',
      'high_urgency',
      'low_urgency',
      'off_hours_interruptions',
      'sleep_interruptions',
      'person_weeks',
      'interruptions_per_person_week',
      'sleep_per_person_week',
      'mtta_median_ms',
      'mtta_p90_ms',
      'mttr_median_ms',
      'mttr_p90_ms',
      'escalated',
      'quick_unacknowledged',
      'acknowledged_no_note',
      'rating',
    ],
  });
}
