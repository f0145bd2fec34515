/**
 * Which time range a report period means: the current shift (else the last 24 hours), the last shift
 * that ended (else the 24 hours before), or a chosen range.
 */
import type { ReportPeriod, TimeRange } from './types.js';

const DAY_MS = 86_400_000;

/** The range and label of a report period, given the current shift and the shifts that ended. */
export function resolvePeriod(
  period: ReportPeriod,
  now: number,
  current: { start: number; end: number | null } | null,
  ended: ReadonlyArray<{ start: number; end: number }>,
): { range: TimeRange; label: string } {
  if (period.kind === 'range')
    return { range: { since: period.since, until: period.until }, label: 'Chosen range' };
  if (period.kind === 'current') {
    return current
      ? { range: { since: current.start, until: now + 1 }, label: 'Current shift' }
      : { range: { since: now - DAY_MS, until: now + 1 }, label: 'Last 24 hours' };
  }
  const before = current ? current.start : now + 1;
  const done = ended.filter((s) => s.end <= before);
  let last = done.reduce<{ start: number; end: number } | null>(
    (a, s) => (!a || s.end > a.end ? s : a),
    null,
  );
  if (!last) return { range: { since: before - DAY_MS, until: before }, label: 'Previous 24 hours' };
  // Entries that overlap or touch it (several policies or levels, back-to-back) extend it back.
  for (const s of [...done].sort((a, b) => b.start - a.start))
    if (s.end >= last.start && s.start < last.start) last = { start: s.start, end: last.end };
  return { range: { since: last.start, until: last.end }, label: 'Last shift' };
}
