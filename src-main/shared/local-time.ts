/**
 * Local wall-clock time for history: day of week, hour, minute and calendar day of an instant in a
 * given IANA time zone (the system's when none is given). Offsets are computed with Intl once per
 * UTC day and cached, so metrics over a year of pages stay fast and tests are deterministic.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Local parts of an instant. `dow` 0 = Sunday; `day` is days since 1970-01-01 in local time. */
export interface LocalParts {
  dow: number;
  hour: number;
  minute: number;
  day: number;
}

/** Converts instants to local wall-clock time in one time zone. */
export interface LocalTime {
  readonly timeZone: string;
  /** Offset of local time from UTC at `t`, in ms (Berlin in winter: +3,600,000). */
  offsetMs(t: number): number;
  /** The offset that holds for the whole UTC day `d` (days since epoch), or NaN when it changes that day. */
  dayOffsetMs(d: number): number;
  /** Local epoch ms: `t + offsetMs(t)`, to be read with UTC getters. */
  local(t: number): number;
  parts(t: number): LocalParts;
}

/** The system's IANA time zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const cache = new Map<string, LocalTime>();

/** A (cached) local-time converter for a time zone; throws RangeError for an unknown zone. */
export function localTime(timeZone?: string): LocalTime {
  const tz = timeZone ?? systemTimeZone();
  let lt = cache.get(tz);
  if (!lt) {
    lt = create(tz);
    cache.set(tz, lt);
  }
  return lt;
}

function create(timeZone: string): LocalTime {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const exact = (t: number): number => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(t))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      p.year ?? 1970,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    );
    const sec = Math.floor(t / 1000) * 1000;
    return Math.round((asUtc - sec) / 60_000) * 60_000;
  };
  // Per UTC day: the offset, or NaN when it changes within that day (then per hour).
  const byDay = new Map<number, number>();
  const byHour = new Map<number, number>();
  const dayOffsetMs = (d: number): number => {
    let off = byDay.get(d);
    if (off === undefined) {
      const a = exact(d * DAY_MS);
      const b = exact(d * DAY_MS + DAY_MS - 1);
      off = a === b ? a : NaN;
      byDay.set(d, off);
    }
    return off;
  };
  const offsetMs = (t: number): number => {
    const off = dayOffsetMs(Math.floor(t / DAY_MS));
    if (!Number.isNaN(off)) return off;
    const h = Math.floor(t / HOUR_MS);
    let hOff = byHour.get(h);
    if (hOff === undefined) {
      const a = exact(h * HOUR_MS);
      const b = exact(h * HOUR_MS + HOUR_MS - 1);
      hOff = a === b ? a : NaN;
      byHour.set(h, hOff);
    }
    return Number.isNaN(hOff) ? exact(t) : hOff;
  };
  return {
    timeZone,
    offsetMs,
    dayOffsetMs,
    local: (t) => t + offsetMs(t),
    parts(t) {
      const l = t + offsetMs(t);
      const day = Math.floor(l / DAY_MS);
      const inDay = l - day * DAY_MS;
      const minutes = Math.floor(inDay / 60_000);
      return { dow: (((day + 4) % 7) + 7) % 7, hour: Math.floor(minutes / 60), minute: minutes % 60, day };
    },
  };
}

/** An off-hours window in local time, `HH:MM`; may cross midnight (22:00-07:00). */
export interface OffHoursWindow {
  start: string;
  end: string;
}

/** The default off-hours window. */
export const DEFAULT_OFF_HOURS: OffHoursWindow = { start: '22:00', end: '07:00' };

/** Minutes after midnight of `HH:MM`. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when minute-of-day `m` lies in [start, end), the window crossing midnight when end <= start. */
export function inWindow(m: number, startMin: number, endMin: number): boolean {
  if (startMin === endMin) return false;
  return startMin < endMin ? m >= startMin && m < endMin : m >= startMin || m < endMin;
}

/** Off-hours and weekend flags of an instant in local time. */
export function classify(
  t: number,
  window: OffHoursWindow = DEFAULT_OFF_HOURS,
  timeZone?: string,
): { offHours: boolean; weekend: boolean } {
  const p = localTime(timeZone).parts(t);
  return {
    offHours: inWindow(p.hour * 60 + p.minute, minutesOf(window.start), minutesOf(window.end)),
    weekend: p.dow === 0 || p.dow === 6,
  };
}

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01). */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
