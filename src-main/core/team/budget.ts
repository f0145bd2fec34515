/**
 * The team budget file (YAML or JSON) a team shares: its agreed load levels and how pages are read.
 * Validated with zod; the one error names the line (`budget.yaml line 4: limits.pagesPerServicePerWeek
 * must be 0 or more`), like the runbook file.
 *
 * ```yaml
 * team: Payments            # optional: the team it applies to (name or id)
 * timeZone: Europe/Berlin   # optional: the team's clock (weeks start Monday 00:00 there)
 * limits:
 *   sleepInterruptionsPerPersonWeek: 2
 *   pagesPerServicePerWeek: 10
 *   mttaP90Minutes: 5
 * workHours: { start: "09:00", end: "18:00" }
 * sleepHours: { start: "23:00", end: "07:00" }
 * noiseMinutes: 5
 * groupBy: title            # or alertKey
 * ```
 */
import { z } from 'zod';
import { parseLineFile, type LineFileFormat } from '../runbooks/line-file.js';
import type { DayWindow, TeamBudget, TeamLoadSettings } from './types.js';

/** The limits a budget may set. */
export const BUDGET_LIMITS = [
  'sleepInterruptionsPerPersonWeek',
  'offHoursInterruptionsPerPersonWeek',
  'interruptionsPerPersonWeek',
  'pagesPerServicePerWeek',
  'mttaP90Minutes',
  'mttrP90Minutes',
] as const satisfies ReadonlyArray<keyof TeamBudget>;

/** A budget with no file: the example levels. */
export const DEFAULT_BUDGET: TeamBudget = {
  sleepInterruptionsPerPersonWeek: 2,
  pagesPerServicePerWeek: 10,
  mttaP90Minutes: 5,
};

const TOP_FIELDS = ['team', 'timeZone', 'limits', 'workHours', 'sleepHours', 'noiseMinutes', 'groupBy'];

const limit = (name: string) =>
  z
    .number({ error: `limits.${name} must be a number` })
    .refine(Number.isFinite, `limits.${name} must be a finite number`)
    .refine((n) => n >= 0, `limits.${name} must be 0 or more (it is a maximum)`)
    .optional();

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const windowSchema = (name: string) =>
  z.strictObject(
    {
      start: z
        .string({ error: `${name}.start must be a time such as "23:00"` })
        .regex(hhmm, `${name}.start must be a time such as "23:00"`),
      end: z
        .string({ error: `${name}.end must be a time such as "07:00"` })
        .regex(hhmm, `${name}.end must be a time such as "07:00"`),
    },
    { error: `${name} must be a mapping with start and end, e.g. { start: "23:00", end: "07:00" }` },
  );

const isZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The budget file's schema. */
export const budgetFileSchema = z.strictObject(
  {
    team: z
      .string({ error: 'team must be a team name or id' })
      .trim()
      .min(1, 'team must be a team name or id')
      .optional(),
    timeZone: z
      .string({ error: 'timeZone must be an IANA time zone such as Europe/Berlin' })
      .refine(isZone, 'timeZone must be an IANA time zone such as Europe/Berlin')
      .optional(),
    limits: z
      .strictObject(
        Object.fromEntries(BUDGET_LIMITS.map((k) => [k, limit(k)])) as Record<
          (typeof BUDGET_LIMITS)[number],
          ReturnType<typeof limit>
        >,
        { error: 'limits must be a mapping of limit names to numbers' },
      )
      .optional(),
    workHours: windowSchema('workHours').optional(),
    sleepHours: windowSchema('sleepHours').optional(),
    noiseMinutes: z
      .number({ error: 'noiseMinutes must be a number of minutes' })
      .min(0, 'noiseMinutes must be 0 or more')
      .max(1440, 'noiseMinutes must be at most 1440')
      .optional(),
    groupBy: z.enum(['title', 'alertKey'], { error: 'groupBy must be title or alertKey' }).optional(),
  },
  { error: 'the budget file must be a mapping (team, timeZone, limits, ...)' },
);

/** A parsed budget file. */
export interface BudgetFile {
  team: string | null;
  budget: TeamBudget;
  settings: Partial<TeamLoadSettings> & { workHours?: DayWindow; sleepHours?: DayWindow };
}

/** Parses and validates a budget file; `name` prefixes errors. */
export function parseBudgetFile(
  text: string,
  format: LineFileFormat,
  name = `budget.${format}`,
): { ok: true; file: BudgetFile } | { ok: false; error: string } {
  const res = parseLineFile(text, format, name, budgetFileSchema, {
    maxBytes: 100_000,
    fallback: 'invalid budget file',
    unknownField: (key, path) =>
      path[0] === 'limits'
        ? `unknown limit "${key}" (use ${BUDGET_LIMITS.join(', ')})`
        : path.length === 0
          ? `unknown field "${key}" (use ${TOP_FIELDS.join(', ')})`
          : `unknown field "${key}" (use start, end)`,
  });
  if (!res.ok) return res;
  const v = res.value;
  const budget: TeamBudget = {};
  for (const k of BUDGET_LIMITS) {
    const n = v.limits?.[k];
    if (n !== undefined) budget[k] = n;
  }
  const settings: BudgetFile['settings'] = {};
  if (v.timeZone) settings.timeZone = v.timeZone;
  if (v.workHours) settings.workHours = v.workHours;
  if (v.sleepHours) settings.sleepHours = v.sleepHours;
  if (v.noiseMinutes !== undefined) settings.noiseMinutes = v.noiseMinutes;
  if (v.groupBy) settings.groupBy = v.groupBy;
  return {
    ok: true,
    file: { team: v.team ?? null, budget: v.limits ? budget : { ...DEFAULT_BUDGET }, settings },
  };
}

/** The name the Settings budget goes by in its messages ("Team budget line 3: ..."). */
export const SETTINGS_BUDGET_NAME = 'Team budget';

/**
 * The budget typed in Settings (the budget file's format; YAML, which also reads JSON): the parsed
 * file, or the default levels when the text is empty. `error` says what is wrong, naming the line.
 */
export function settingsBudget(text: string): { ok: true; file: BudgetFile } | { ok: false; error: string } {
  if (text.trim() === '')
    return { ok: true, file: { team: null, budget: { ...DEFAULT_BUDGET }, settings: {} } };
  return parseBudgetFile(text, 'yaml', SETTINGS_BUDGET_NAME);
}
