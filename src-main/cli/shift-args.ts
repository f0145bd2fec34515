/**
 * Arguments of `shifts` and `override` (kept apart from `args.ts`, which calls these).
 */
import { ROSTER_DAYS_MAX } from '../core/shifts/roster.js';
import { optScenario, speed, UsageError, type ScenarioName } from './arg-values.js';
import { DateError, parseDate } from './dates.js';
import type { SourceOptions } from './args.js';

/** `shifts [--days N] [--json|--ics] [--schedule-zone]`. */
export interface ShiftsCommand {
  name: 'shifts';
  source: SourceOptions;
  days: number;
  format: 'text' | 'json' | 'ics';
  scheduleZone: boolean;
  scenario: ScenarioName | null;
  speed: number | null;
}

/** `override SCHEDULE --user USER --start T --end T`. */
export interface OverrideCommand {
  name: 'override';
  source: SourceOptions;
  scheduleId: string;
  /** A user id, or `me`. */
  user: string;
  start: number;
  end: number;
  json: boolean;
}

export const SHIFTS_FLAGS = {
  days: { type: 'string' },
  json: { type: 'boolean' },
  ics: { type: 'boolean' },
  'schedule-zone': { type: 'boolean' },
  scenario: { type: 'string' },
  speed: { type: 'string' },
} as const;

export const OVERRIDE_FLAGS = {
  user: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);

/** Parses `shifts`. */
export function parseShifts(v: Values, pos: readonly string[], source: SourceOptions): ShiftsCommand {
  if (pos.length) throw new UsageError(`shifts takes no arguments (got "${pos[0]}")`, 'shifts');
  const raw = str(v, 'days');
  const days = raw === null ? 14 : Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > ROSTER_DAYS_MAX)
    throw new UsageError(`--days must be a whole number of days from 1 to ${ROSTER_DAYS_MAX}`, 'shifts');
  if (v.json === true && v.ics === true) throw new UsageError('give --json or --ics, not both', 'shifts');
  return {
    name: 'shifts',
    source,
    days,
    format: v.ics === true ? 'ics' : v.json === true ? 'json' : 'text',
    scheduleZone: v['schedule-zone'] === true,
    scenario: optScenario('shifts', str(v, 'scenario')),
    speed: speed('shifts', str(v, 'speed')),
  };
}

/** A time for an override: an absolute date (as for report), `now`, or `+2h` / `+30m` from now. */
export function overrideTime(flag: string, raw: string | null, now: number): number {
  if (raw === null)
    throw new UsageError(`override needs ${flag}, e.g. ${flag} 2026-12-24T08:00 or ${flag} +2h`, 'override');
  const rel = /^\+((?:\d{1,6}[wdhm])+)$/.exec(raw.trim());
  try {
    if (rel) return 2 * now - parseDate(rel[1]!, now);
    return parseDate(raw, now);
  } catch (e) {
    if (e instanceof DateError)
      throw new UsageError(`${flag}: ${e.message}; or +2h for two hours from now`, 'override');
    throw e;
  }
}

/** Parses `override`. */
export function parseOverride(
  v: Values,
  pos: readonly string[],
  source: SourceOptions,
  now: number,
): OverrideCommand {
  if (pos.length !== 1)
    throw new UsageError('name one schedule: override SCHEDULE_ID --user USER --start T --end T', 'override');
  const user = str(v, 'user');
  if (user === null || user.trim() === '')
    throw new UsageError('override needs --user (a user id, or me)', 'override');
  const start = overrideTime('--start', str(v, 'start'), now);
  const end = overrideTime('--end', str(v, 'end'), now);
  if (end <= start) throw new UsageError('--end must be after --start', 'override');
  return {
    name: 'override',
    source,
    scheduleId: pos[0]!.trim(),
    user: user.trim(),
    start,
    end,
    json: v.json === true,
  };
}
