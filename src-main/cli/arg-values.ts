/**
 * Checked values of command-line flags (ports, seeds, speeds, scenarios, minutes) and the
 * {@link UsageError} every bad one becomes. Pure: no I/O, no process access.
 */
import type { ReportPeriod } from '../core/history/types.js';
import { DateError, parseRange } from './dates.js';

/** Bad command-line input (exit code 2); the message is one line that says what to do. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help applies, for the "see --help" hint. */
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Scenarios the embedded simulator can play. */
export const SCENARIOS = ['demo', 'storm', 'quiet', 'none'] as const;
/** A scenario name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** Whole minutes from 0 to `max` (e.g. `--handoff-lead 30`; 0 turns the feature off). */
export function minutes(cmd: string, flag: string, raw: string | null, dflt: number, max: number): number {
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n > max) {
    throw new UsageError(`${flag} must be a whole number of minutes from 0 (off) to ${max}`, cmd);
  }
  return n;
}

/** The report period of `--shift` or `--since`/`--until` (default: the current shift). */
export function reportPeriod(
  cmd: string,
  shift: string | null,
  since: string | null,
  until: string | null,
  now: number,
): ReportPeriod {
  if (shift !== null && (since !== null || until !== null)) {
    throw new UsageError('give --shift or --since/--until, not both', cmd);
  }
  if (since !== null) return { kind: 'range', ...dateRange(cmd, since, until, now) };
  if (until !== null) throw new UsageError('--until needs --since, e.g. --since 7d --until 1d', cmd);
  if (shift === null || shift === 'current') return { kind: 'current' };
  if (shift === 'last') return { kind: 'last' };
  throw new UsageError('--shift must be current or last', cmd);
}

/** `--since` and `--until` (default now) as a checked range, end exclusive. */
export function dateRange(
  cmd: string,
  since: string,
  until: string | null,
  now: number,
): { since: number; until: number } {
  try {
    return parseRange(since, until, now);
  } catch (err) {
    if (err instanceof DateError) throw new UsageError(err.message, cmd);
    throw err;
  }
}

/** A `--scenario` value, or null when not given. */
export function optScenario(cmd: string, raw: string | null): ScenarioName | null {
  if (raw === null) return null;
  if ((SCENARIOS as readonly string[]).includes(raw)) return raw as ScenarioName;
  throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}`, cmd);
}

/** A `--port` value (0 picks a free port). */
export function port(cmd: string, raw: string | null, dflt: number): number {
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n > 65535) {
    throw new UsageError('--port must be a whole number from 0 to 65535 (0 picks a free port)', cmd);
  }
  return n;
}

/** A `--seed` value, or null when not given. */
export function seed(cmd: string, raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError('--seed must be a whole number, e.g. --seed 42', cmd);
  }
  return n;
}

/** A `--speed` value (above 0, at most 10000), or null when not given. */
export function speed(cmd: string, raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 10_000) {
    throw new UsageError('--speed must be a number above 0 and at most 10000, e.g. --speed 60', cmd);
  }
  return n;
}

/** One line for a `node:util` parseArgs failure. */
export function describeParseError(err: unknown, cmd: string): string {
  const e = err as { code?: string; message?: string };
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${optionName(quoted)} for ${cmd}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(msg)) return `option ${optionName(quoted)} needs a value`;
      return `option ${optionName(quoted)} does not take a value`;
    default:
      return `bad arguments for ${cmd}: ${msg.split('\n')[0]}`;
  }
}

/** Show an option without any `=value` part (which could be a secret typed in the wrong place). */
export function optionName(raw: string): string {
  const name = raw.split(/[=\s]/)[0] ?? raw;
  return clip(name);
}

/** Untrusted text shortened and stripped of control characters, for an error line. */
export function clip(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const t = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}
