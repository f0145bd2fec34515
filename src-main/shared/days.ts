/**
 * The roster grouped by local day in a chosen time zone (the OS's, or the schedule's own), with
 * wall-clock times from Intl (so daylight-saving changes are right), for the CLI and the renderer.
 */
import { localTime } from './local-time.js';
import type { Roster, RosterShift } from './types.js';

const DAY = 86_400_000;

/** One shift as shown on a day. */
export interface DayItem {
  shift: RosterShift;
  /** The zone its times are in. */
  timeZone: string;
  /** Local `HH:MM` of the start and end. */
  start: string;
  end: string;
  /** How many local days after the start day it ends (1 = crosses midnight). */
  endsDaysLater: number;
  /** Zone offset at the start ("GMT+1", "GMT-7"). */
  zoneLabel: string;
  length: string;
}

/** One local day. */
export interface DayGroup {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** "Thu 3 Dec". */
  label: string;
  items: DayItem[];
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, kind: 'time' | 'time12' | 'day' | 'zone'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = fmtCache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'time12'
          ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }
          : kind === 'day'
            ? { weekday: 'short', day: 'numeric', month: 'short' }
            : { timeZoneName: 'shortOffset' };
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...opts });
    fmtCache.set(key, f);
  }
  return f;
}

/**
 * Local time of an instant in a zone: `HH:MM`, or "6:05 PM" with `h24` false (the window passes the
 * OS's hour cycle, so the roster reads like every other time in it; the CLI keeps 24 h).
 */
export function clockTime(t: number, timeZone: string, h24 = true): string {
  return fmt(timeZone, h24 ? 'time' : 'time12')
    .format(new Date(t))
    .replace(/\s*(am|pm)$/i, (m) => ` ${m.trim().toUpperCase()}`);
}

/** "Thu 3 Dec" of an instant in a zone. */
export function dayLabel(t: number, timeZone: string): string {
  return fmt(timeZone, 'day').format(new Date(t)).replace(',', '');
}

/** Zone offset label of a zone at an instant ("GMT-8"). */
export function zoneLabel(t: number, timeZone: string): string {
  const part = fmt(timeZone, 'zone')
    .formatToParts(new Date(t))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "8h", "1h 30m", "45m". */
export function shiftLength(msLen: number): string {
  const mins = Math.round(msLen / 60_000);
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** The zone a shift is shown in: the schedule's when asked for and known, else `osZone`. */
export function zoneFor(shift: RosterShift, osZone: string, useScheduleZone: boolean): string {
  return useScheduleZone && shift.scheduleTimeZone ? shift.scheduleTimeZone : osZone;
}

/** One shift's local times. */
export function dayItem(shift: RosterShift, timeZone: string, h24 = true): DayItem {
  const lt = localTime(timeZone);
  const s = Date.parse(shift.start);
  const e = Date.parse(shift.end);
  const startDay = lt.parts(s).day;
  // The end instant itself belongs to the previous minute's day when it is exactly midnight.
  const endDay = lt.parts(e - 1).day;
  return {
    shift,
    timeZone,
    start: clockTime(s, timeZone, h24),
    end: clockTime(e, timeZone, h24),
    endsDaysLater: Math.max(0, endDay - startDay),
    zoneLabel: zoneLabel(s, timeZone),
    length: shiftLength(shift.lengthMs),
  };
}

/**
 * Every local day of the roster, from today to the day it ends (so 14 days from now are 15 calendar
 * days), each with the shifts that start on it; a shift already running when the roster was made is
 * shown on the first day.
 */
export function groupByDay(roster: Roster, osZone: string, useScheduleZone = false, h24 = true): DayGroup[] {
  const now = Date.parse(roster.since);
  const lt = localTime(osZone);
  const today = lt.parts(now).day;
  const lastDay = Math.max(today, lt.parts(Date.parse(roster.until) - 1).day);
  const groups: DayGroup[] = [];
  for (let i = 0; i <= lastDay - today; i += 1) {
    // Noon of the local day, to name it whatever the offset.
    const noon = (today + i) * DAY + DAY / 2;
    const t = noon - lt.offsetMs(noon);
    groups.push({
      date: new Date((today + i) * DAY).toISOString().slice(0, 10),
      label: dayLabel(t, osZone),
      items: [],
    });
  }
  for (const shift of roster.shifts) {
    const shown = Math.max(Date.parse(shift.start), now);
    const idx = Math.min(Math.max(lt.parts(shown).day - today, 0), groups.length - 1);
    groups[idx]!.items.push(dayItem(shift, zoneFor(shift, osZone, useScheduleZone), h24));
  }
  return groups;
}
