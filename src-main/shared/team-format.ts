/**
 * How the team review writes a number, shared by the review's Markdown and CSV (core/team/) and the
 * Team view, so the planning doc and the window never disagree.
 */
import { formatDuration } from './duration.js';

/** What a review number measures: a count, a duration in ms, or a ratio (per person-week). */
export type ReviewUnit = 'count' | 'ms' | 'ratio';

/** A number as the review writes it: `–` when unknown, a duration, a ratio to 2 places, or a count. */
export function formatValue(value: number | null, unit: ReviewUnit): string {
  if (value === null) return '–';
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'ratio') return String(Math.round(value * 100) / 100);
  return String(value);
}
