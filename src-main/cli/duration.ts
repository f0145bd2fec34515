/**
 * Snooze durations as people type them: `30m`, `1h`, `2h30m`, `3600s`, `1d`, or a bare number of
 * seconds. PagerDuty accepts 1 s to 7 days.
 */

import { SNOOZE_MAX_S } from '../shared/limits.js';

/** Longest snooze PagerDuty accepts, in seconds (7 days). */
export const MAX_SNOOZE_SECONDS = SNOOZE_MAX_S;

const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
const UNIT_ORDER = ['d', 'h', 'm', 's'];

/** Thrown for a duration that cannot be used; the message says what to type instead. */
export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/** Parse a duration into whole seconds, or throw a {@link DurationError} naming the fix. */
export function parseDuration(input: string): number {
  const text = input.trim().toLowerCase();
  const hint = 'use e.g. 30m, 1h, 2h30m or 3600s (at most 7d)';
  if (text === '') throw new DurationError(`empty duration: ${hint}`);
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const re = /(\d+)([dhms])/gy;
    let total = 0;
    let lastUnit = -1;
    let pos = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const unit = UNIT_ORDER.indexOf(m[2] as string);
      if (unit <= lastUnit)
        throw new DurationError(`"${shorten(input)}" repeats or misorders units: ${hint}`);
      lastUnit = unit;
      total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
      pos = re.lastIndex;
    }
    if (pos !== text.length || lastUnit < 0) {
      throw new DurationError(`"${shorten(input)}" is not a duration: ${hint}`);
    }
    seconds = total;
  }
  if (!Number.isSafeInteger(seconds) || seconds < 1) {
    throw new DurationError(`"${shorten(input)}" is too short: ${hint}`);
  }
  if (seconds > MAX_SNOOZE_SECONDS) {
    throw new DurationError(`"${shorten(input)}" is longer than PagerDuty allows: ${hint}`);
  }
  return seconds;
}

/** Format seconds compactly (`2h30m`), the inverse of {@link parseDuration}. */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  if (rest === 0) return '0s';
  let out = '';
  for (const u of UNIT_ORDER) {
    const size = UNIT_SECONDS[u] as number;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out;
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
