/**
 * ISO weeks in a team's time zone: a week runs from Monday 00:00 local time to the next Monday 00:00,
 * so a daylight-saving week is 167 or 169 hours long, and is labelled `YYYY-Www`.
 */
import { localTime } from '../history/local-time.js';

const DAY_MS = 86_400_000;

/** One week: its label and its bounds (epoch ms, end exclusive). */
export interface WeekSpan {
  week: string;
  since: number;
  until: number;
}

/** The instant of local midnight starting local day `day` (days since 1970-01-01 local). */
export function localMidnight(day: number, timeZone: string): number {
  const lt = localTime(timeZone);
  const local = day * DAY_MS;
  let t = local - lt.offsetMs(local);
  t = local - lt.offsetMs(t);
  return t;
}

/** Local day number of the Monday of the ISO week holding `t`. */
export function mondayOf(t: number, timeZone: string): number {
  const p = localTime(timeZone).parts(t);
  return p.day - ((p.dow + 6) % 7);
}

/** `YYYY-Www` of the week starting on local Monday `monday`. */
export function weekLabel(monday: number): string {
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
  const week = Math.floor((monday + 3 - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Local Monday day number of `YYYY-Www`, or null when the label is not a week of that year. */
export function parseWeekLabel(label: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = Math.floor(Date.UTC(year, 0, 4) / DAY_MS);
  const jan4Dow = (((jan4 + 4) % 7) + 7) % 7; // 0 = Sunday
  const monday1 = jan4 - ((jan4Dow + 6) % 7);
  const monday = monday1 + (week - 1) * 7;
  if (week < 1 || weekLabel(monday) !== label.trim()) return null;
  return monday;
}

/** The week starting on local Monday `monday`. */
export function weekSpan(monday: number, timeZone: string): WeekSpan {
  return {
    week: weekLabel(monday),
    since: localMidnight(monday, timeZone),
    until: localMidnight(monday + 7, timeZone),
  };
}

/** `count` consecutive weeks ending with the one starting on local Monday `lastMonday`. */
export function weeksEndingAt(lastMonday: number, count: number, timeZone: string): WeekSpan[] {
  const out: WeekSpan[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(weekSpan(lastMonday - 7 * i, timeZone));
  return out;
}

/** The last `count` complete weeks before the week holding `now`. */
export function lastCompleteWeeks(now: number, count: number, timeZone: string): WeekSpan[] {
  return weeksEndingAt(mondayOf(now, timeZone) - 7, count, timeZone);
}
