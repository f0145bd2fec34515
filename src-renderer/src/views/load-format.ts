/**
 * Pure helpers of the Load view: the ranges it offers, durations, heat-map levels and the points of
 * the time-to-acknowledge line chart.
 */
import type { LoadMetrics } from '../../../src-main/shared/types';

/** Ranges the Load view offers. */
export type LoadRange = 'shift' | '7d' | '30d';

/** Labels of the ranges, in display order. */
export const LOAD_RANGES: ReadonlyArray<{ id: LoadRange; label: string }> = [
  { id: 'shift', label: 'Current shift' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
];

const DAY_MS = 86_400_000;

/** The getMetrics argument of a range (null = the current shift, decided by main). */
export function metricsArg(range: LoadRange, now: number): { since: number; until: number } | null {
  if (range === 'shift') return null;
  const days = range === '7d' ? 7 : 30;
  return { since: Math.max(0, now - days * DAY_MS), until: now + 1 };
}

/** The getReport argument matching a range. */
export function reportArg(
  range: LoadRange,
  now: number,
): { kind: 'current' } | { kind: 'range'; since: number; until: number } {
  const r = metricsArg(range, now);
  return r ? { kind: 'range', ...r } : { kind: 'current' };
}

/** A duration as the handoff report writes it. */
export { formatDuration as fmtDuration } from '../../../src-main/shared/duration';

/** Heat level 0..4 of a count against the busiest cell (0 only when the count is 0). */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

/** Largest count of a heat map. */
export function heatMax(heatmap: number[][]): number {
  let max = 0;
  for (const row of heatmap) for (const v of row) if (v > max) max = v;
  return max;
}

/** Points of the ack-trend chart in a w x h box: days without acknowledgements leave gaps. */
export function trendSegments(
  trend: LoadMetrics['ackTrend'],
  w: number,
  h: number,
): { segments: Array<Array<{ x: number; y: number }>>; maxMs: number } {
  let maxMs = 0;
  for (const d of trend) if (d.medianMs !== null && d.medianMs > maxMs) maxMs = d.medianMs;
  const segments: Array<Array<{ x: number; y: number }>> = [];
  let cur: Array<{ x: number; y: number }> = [];
  const n = trend.length;
  trend.forEach((d, i) => {
    if (d.medianMs === null) {
      if (cur.length) segments.push(cur);
      cur = [];
      return;
    }
    const x = n <= 1 ? w / 2 : (i / (n - 1)) * w;
    const y = maxMs > 0 ? h - (d.medianMs / maxMs) * h : h;
    cur.push({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
  });
  if (cur.length) segments.push(cur);
  return { segments, maxMs };
}

/** Day names, Sunday first, as the heat map's rows. */
export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** A share 0..1 as a percentage, or "–". */
export function fmtShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}
