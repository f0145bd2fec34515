/**
 * Command-line parsing of `oncall-companion`: strict `node:util` parseArgs per command, every value
 * checked, and one {@link UsageError} whose message names the fix. Pure: no I/O, no process access.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../core/settings.js';
import type { ReportPeriod } from '../core/history/types.js';
import {
  clip,
  dateRange,
  describeParseError,
  minutes,
  optionName,
  optScenario,
  port,
  reportPeriod,
  seed,
  speed,
  UsageError,
  type ScenarioName,
} from './arg-values.js';
import { DurationError, parseDuration } from './duration.js';
import {
  LOGIN_FLAGS,
  LOGOUT_FLAGS,
  parseLogin,
  parseLogout,
  type LoginCommand,
  type LogoutCommand,
} from './login-args.js';
import { STATUS_FORMATS, type StatusFormat } from './status-formats.js';
import {
  OVERRIDE_FLAGS,
  SHIFTS_FLAGS,
  parseOverride,
  parseShifts,
  type OverrideCommand,
  type ShiftsCommand,
} from './shift-args.js';
import { WORK_FLAGS, isWorkCommand, parseWork, type WorkCommand } from './work-args.js';

export { SCENARIOS, UsageError, type ScenarioName } from './arg-values.js';

/** Flags every source-using command takes (where the data comes from and where state is kept). */
export interface SourceOptions {
  tokenFile: string | null;
  apiUrl: string | null;
  fromEmail: string | null;
  pollIntervalSeconds: number | null;
  dataDir: string | null;
  verbose: boolean;
  /** `--accounts FILE` (watch, status): several accounts instead of the single-account flags. */
  accountsFile: string | null;
}

/** An incident an action names: `ID`, or `ACCOUNT:ID` (ids alone never route between accounts). */
export interface Target {
  account: string | null;
  id: string;
}

/** What the team commands (`load`, `review`) share. */
export interface TeamCommandOptions {
  source: SourceOptions;
  team: string | null;
  services: string[];
  format: 'md' | 'csv' | 'json';
  budgetFile: string | null;
  timeZone: string | null;
  /** Use the stored team history only (no PagerDuty calls). */
  offline: boolean;
}

/** A fully checked command line. */
export type CliCommand =
  | LoginCommand
  | LogoutCommand
  | WorkCommand
  | ShiftsCommand
  | OverrideCommand
  | { name: 'help'; topic: string | null }
  | { name: 'version' }
  | {
      name: 'watch';
      source: SourceOptions;
      json: boolean;
      /** `line`: one status line, rewritten in place on a terminal, one line per change when piped. */
      format: 'text' | 'json' | 'line';
      notify: boolean;
      scenario: ScenarioName | null;
      speed: number | null;
      /** Minutes before a shift ends to remind to hand off; 0 = off. */
      handoffLeadMinutes: number;
    }
  | {
      name: 'report';
      source: SourceOptions;
      period: ReportPeriod;
      format: 'md' | 'json';
      scenario: ScenarioName | null;
      speed: number | null;
    }
  | { name: 'backfill'; source: SourceOptions; since: number; until: number; json: boolean }
  | { name: 'status'; source: SourceOptions; json: boolean; format: StatusFormat }
  | ({ name: 'load'; weeks: number; endWeek: string | null } & TeamCommandOptions)
  | ({ name: 'review'; week: 'last' | string } & TeamCommandOptions)
  | { name: 'test-notify'; json: boolean; verbose: boolean }
  | {
      name: 'ack';
      source: SourceOptions;
      ids: Target[];
      mine: boolean;
      account: string | null;
      json: boolean;
    }
  | { name: 'resolve'; source: SourceOptions; ids: Target[]; account: string | null; json: boolean }
  | {
      name: 'snooze';
      source: SourceOptions;
      id: Target;
      seconds: number;
      account: string | null;
      json: boolean;
    }
  | {
      name: 'simulator';
      port: number;
      scenario: ScenarioName;
      seed: number | null;
      speed: number;
      verbose: boolean;
    }
  | {
      name: 'preview';
      source: SourceOptions;
      port: number;
      /** Show "update ready" for this version, marked simulated (to see the update banner). */
      simulateUpdate: string | null;
      scenario: ScenarioName | null;
      speed: number | null;
    };

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

const SOURCE_FLAGS: Record<string, OptionSpec> = {
  'token-file': { type: 'string' },
  'api-url': { type: 'string' },
  from: { type: 'string' },
  'poll-interval': { type: 'string' },
  'data-dir': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
};

const TEAM_FLAGS: Record<string, OptionSpec> = {
  team: { type: 'string' },
  services: { type: 'string' },
  format: { type: 'string' },
  budget: { type: 'string' },
  'time-zone': { type: 'string' },
  offline: { type: 'boolean' },
};

const HELP_FLAG: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' } };
/** Actions route to an account: `--accounts FILE` with `ACCOUNT:ID` or `--account NAME`. */
const ACCOUNT_FLAGS: Record<string, OptionSpec> = {
  accounts: { type: 'string' },
  account: { type: 'string' },
};

/** The flags of each command (source flags included where they apply). */
export const COMMAND_FLAGS: Record<string, Record<string, OptionSpec>> = {
  watch: {
    ...SOURCE_FLAGS,
    accounts: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    'no-notify': { type: 'boolean' },
    scenario: { type: 'string' },
    speed: { type: 'string' },
    'handoff-lead': { type: 'string' },
  },
  report: {
    ...SOURCE_FLAGS,
    shift: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    format: { type: 'string' },
    scenario: { type: 'string' },
    speed: { type: 'string' },
  },
  backfill: {
    ...SOURCE_FLAGS,
    since: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  },
  status: {
    ...SOURCE_FLAGS,
    accounts: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
  },
  load: { ...SOURCE_FLAGS, ...TEAM_FLAGS, weeks: { type: 'string' }, 'end-week': { type: 'string' } },
  review: { ...SOURCE_FLAGS, ...TEAM_FLAGS, week: { type: 'string' } },
  shifts: { ...SOURCE_FLAGS, ...SHIFTS_FLAGS },
  login: LOGIN_FLAGS,
  logout: LOGOUT_FLAGS,
  override: { ...SOURCE_FLAGS, ...OVERRIDE_FLAGS },
  'test-notify': { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
  ack: { ...SOURCE_FLAGS, ...ACCOUNT_FLAGS, mine: { type: 'boolean' }, json: { type: 'boolean' } },
  resolve: { ...SOURCE_FLAGS, ...ACCOUNT_FLAGS, json: { type: 'boolean' } },
  snooze: { ...SOURCE_FLAGS, ...ACCOUNT_FLAGS, json: { type: 'boolean' } },
  ...Object.fromEntries(Object.entries(WORK_FLAGS).map(([k, f]) => [k, { ...SOURCE_FLAGS, ...f }])),
  simulator: {
    port: { type: 'string' },
    scenario: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  preview: {
    ...SOURCE_FLAGS,
    accounts: { type: 'string' },
    port: { type: 'string' },
    scenario: { type: 'string' },
    speed: { type: 'string' },
    'simulate-update': { type: 'string' },
  },
};

/**
 * Parse argv (without `node` and the script) into a checked command, or throw {@link UsageError}.
 * `now` (epoch ms) anchors relative dates such as `--since 7d`.
 */
export function parseCli(argv: readonly string[], now: number = Date.now()): CliCommand {
  const first = argv[0];
  if (first === undefined) return { name: 'help', topic: null };
  if (first === '--help' || first === '-h' || first === 'help') {
    return { name: 'help', topic: argv[1] ?? null };
  }
  if (first === '--version' || first === '-V' || first === 'version') return { name: 'version' };
  if (first.startsWith('-')) {
    throw new UsageError(
      `unknown option ${optionName(first)}: put the command first, e.g. oncall-companion watch`,
    );
  }
  const flagsOf = COMMAND_FLAGS[first];
  if (!flagsOf) {
    throw new UsageError(
      `unknown command "${clip(first)}": use one of ${Object.keys(COMMAND_FLAGS).join(', ')}`,
    );
  }
  const name = first;
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv.slice(1) as string[],
      options: { ...flagsOf, ...HELP_FLAG },
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (err) {
    throw new UsageError(describeParseError(err, name), name);
  }
  const { values: v, positionals: pos } = parsed;
  if (v.help) return { name: 'help', topic: name };
  const str = (k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const flag = (k: string): boolean => v[k] === true;

  if (isWorkCommand(name)) return parseWork(name, v, pos, sourceOptions(name, v));
  switch (name) {
    case 'watch': {
      noPositionals(name, pos);
      const format = outputFormat(name, str('format'), flag('json'), ['text', 'json', 'line'] as const);
      return {
        name,
        source: sourceOptions(name, v),
        json: format === 'json',
        format,
        notify: !flag('no-notify'),
        scenario: optScenario(name, str('scenario')),
        speed: speed(name, str('speed')),
        handoffLeadMinutes: minutes(name, '--handoff-lead', str('handoff-lead'), 30, 24 * 60),
      };
    }
    case 'report': {
      noPositionals(name, pos);
      const format = str('format') ?? 'md';
      if (format !== 'md' && format !== 'json') throw new UsageError('--format must be md or json', name);
      return {
        name,
        source: sourceOptions(name, v),
        period: reportPeriod(name, str('shift'), str('since'), str('until'), now),
        format,
        scenario: optScenario(name, str('scenario')),
        speed: speed(name, str('speed')),
      };
    }
    case 'backfill': {
      noPositionals(name, pos);
      const since = str('since');
      if (since === null) throw new UsageError('backfill needs --since, e.g. --since 30d', name);
      const range = dateRange(name, since, str('until'), now);
      return { name, source: sourceOptions(name, v), ...range, json: flag('json') };
    }
    case 'shifts':
      return parseShifts(v, pos, sourceOptions(name, v));
    case 'login':
      return parseLogin(v, pos);
    case 'logout':
      return parseLogout(v, pos);
    case 'override':
      return parseOverride(v, pos, sourceOptions(name, v), now);
    case 'status': {
      noPositionals(name, pos);
      const format = outputFormat(name, str('format'), flag('json'), STATUS_FORMATS);
      return { name, source: sourceOptions(name, v), json: format === 'json', format };
    }
    case 'load': {
      noPositionals(name, pos);
      const raw = str('weeks');
      const weeks = raw === null ? 8 : Number(raw);
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
        throw new UsageError('--weeks must be a whole number of weeks from 1 to 52, e.g. --weeks 8', name);
      const endWeek = str('end-week')?.trim() ?? null;
      if (endWeek !== null && !/^\d{4}-W\d{2}$/.test(endWeek))
        throw new UsageError('--end-week must be an ISO week such as 2026-W47', name);
      return { name, weeks, endWeek, ...teamOptions(name, v) };
    }
    case 'review': {
      noPositionals(name, pos);
      const week = (str('week') ?? 'last').trim();
      if (week !== 'last' && !/^\d{4}-W\d{2}$/.test(week))
        throw new UsageError('--week must be last or an ISO week such as 2026-W47', name);
      return { name, week, ...teamOptions(name, v) };
    }
    case 'test-notify':
      noPositionals(name, pos);
      return { name, json: flag('json'), verbose: flag('verbose') };
    case 'ack': {
      const mine = flag('mine');
      if (mine && pos.length > 0) throw new UsageError('give incident ids or --mine, not both', name);
      if (!mine && pos.length === 0) {
        throw new UsageError('name the incidents to acknowledge: ack <id...>, or ack --mine', name);
      }
      return {
        name,
        source: sourceOptions(name, v),
        ids: targets(name, pos),
        mine,
        account: accountFlag(name, str('account')),
        json: flag('json'),
      };
    }
    case 'resolve':
      if (pos.length === 0) throw new UsageError('name the incidents to resolve: resolve <id...>', name);
      return {
        name,
        source: sourceOptions(name, v),
        ids: targets(name, pos),
        account: accountFlag(name, str('account')),
        json: flag('json'),
      };
    case 'snooze': {
      if (pos.length !== 2) {
        throw new UsageError('snooze takes an incident id and a duration: snooze <id> 30m', name);
      }
      const id = targets(name, pos.slice(0, 1))[0]!;
      const duration = pos[1]!;
      let seconds: number;
      try {
        seconds = parseDuration(duration);
      } catch (err) {
        if (err instanceof DurationError) throw new UsageError(`bad duration: ${err.message}`, name);
        throw err;
      }
      return {
        name,
        source: sourceOptions(name, v),
        id,
        seconds,
        account: accountFlag(name, str('account')),
        json: flag('json'),
      };
    }
    case 'simulator':
      noPositionals(name, pos);
      return {
        name,
        port: port(name, str('port'), 0),
        scenario: optScenario(name, str('scenario')) ?? 'demo',
        seed: seed(name, str('seed')),
        speed: speed(name, str('speed')) ?? 1,
        verbose: flag('verbose'),
      };
    case 'preview':
      noPositionals(name, pos);
      return {
        name,
        source: sourceOptions(name, v),
        port: port(name, str('port'), 0),
        scenario: optScenario(name, str('scenario')),
        speed: speed(name, str('speed')),
        simulateUpdate: versionArg(name, '--simulate-update', str('simulate-update')),
      };
    default:
      throw new UsageError(`unknown command "${clip(name)}"`);
  }
}

/** A semantic version such as 1.2.3 (or null when the flag is absent). */
function versionArg(cmd: string, flag: string, v: string | null): string | null {
  if (v === null) return null;
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}(-[0-9A-Za-z.-]{1,40})?$/.test(v))
    throw new UsageError(`${flag} needs a version such as 1.2.3`, cmd);
  return v;
}

/** `--format F` (one of `allowed`), or `--json` as its short form; not both unless they agree. */
function outputFormat<F extends string>(
  cmd: string,
  format: string | null,
  json: boolean,
  allowed: readonly F[],
): F {
  if (format === null) return (json ? 'json' : 'text') as F;
  if (!(allowed as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${allowed.join(', ')}`, cmd);
  if (json && format !== 'json') throw new UsageError(`give --json or --format ${format}, not both`, cmd);
  return format as F;
}

function teamOptions(cmd: string, v: Record<string, string | boolean | undefined>): TeamCommandOptions {
  const s = (k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const format = s('format') ?? 'md';
  if (format !== 'md' && format !== 'csv' && format !== 'json')
    throw new UsageError('--format must be md, csv or json', cmd);
  const team = s('team');
  if (team !== null && team.trim() === '') throw new UsageError('--team needs a team name or id', cmd);
  const services = (s('services') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const id of services)
    if (!ID_RE.test(id))
      throw new UsageError(
        `"${clip(id)}" is not a service id: give ids separated by commas, e.g. --services PSV1,PSV2`,
        cmd,
      );
  const budgetFile = s('budget');
  if (budgetFile !== null && budgetFile.trim() === '')
    throw new UsageError('--budget needs a file path', cmd);
  const timeZone = s('time-zone');
  if (timeZone !== null) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new UsageError(
        `--time-zone must be an IANA time zone such as Europe/Berlin, not "${clip(timeZone)}"`,
        cmd,
      );
    }
  }
  return {
    source: sourceOptions(cmd, v),
    team: team?.trim() ?? null,
    services,
    format,
    budgetFile,
    timeZone,
    offline: v.offline === true,
  };
}

function sourceOptions(cmd: string, v: Record<string, string | boolean | undefined>): SourceOptions {
  const s = (k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const apiUrl = s('api-url');
  if (apiUrl !== null) checkApiUrl(cmd, apiUrl);
  const fromEmail = s('from');
  if (fromEmail !== null && !z.string().email().safeParse(fromEmail).success) {
    throw new UsageError(`--from needs the email of your PagerDuty user, e.g. --from you@example.com`, cmd);
  }
  const pi = s('poll-interval');
  let pollIntervalSeconds: number | null = null;
  if (pi !== null) {
    const n = Number(pi);
    if (pi.trim() === '' || !Number.isFinite(n) || n < POLL_INTERVAL_MIN_S || n > POLL_INTERVAL_MAX_S) {
      throw new UsageError(
        `--poll-interval must be a number of seconds from ${POLL_INTERVAL_MIN_S} to ${POLL_INTERVAL_MAX_S}`,
        cmd,
      );
    }
    pollIntervalSeconds = n;
  }
  const tokenFile = s('token-file');
  if (tokenFile !== null && tokenFile.trim() === '') throw new UsageError('--token-file needs a path', cmd);
  const dataDir = s('data-dir');
  if (dataDir !== null && dataDir.trim() === '') throw new UsageError('--data-dir needs a folder path', cmd);
  const accountsFile = s('accounts');
  if (accountsFile !== null) {
    if (accountsFile.trim() === '')
      throw new UsageError('--accounts needs the path of an accounts file', cmd);
    const clash = [
      tokenFile !== null && '--token-file',
      apiUrl !== null && '--api-url',
      fromEmail !== null && '--from',
    ];
    const flag = clash.find(Boolean);
    if (flag)
      throw new UsageError(
        `${flag} does not go with --accounts: set it per account in the accounts file`,
        cmd,
      );
  }
  return {
    tokenFile,
    apiUrl,
    fromEmail,
    pollIntervalSeconds,
    dataDir,
    verbose: v.verbose === true,
    accountsFile,
  };
}

/** Check an API base URL: https anywhere, plain http only on this machine (the token must not travel in clear). */
export function checkApiUrl(cmd: string | null, raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--api-url must be a full URL such as https://api.pagerduty.com`, cmd);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return;
  throw new UsageError(
    `--api-url must use https:// (plain http is allowed only for 127.0.0.1 or localhost)`,
    cmd,
  );
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function incidentIds(cmd: string, ids: string[]): string[] {
  for (const id of ids) {
    if (!ID_RE.test(id)) {
      throw new UsageError(
        `"${clip(id)}" is not an incident id (letters and digits, e.g. Q1ABCDEF2GHIJ)`,
        cmd,
      );
    }
  }
  return [...new Set(ids)];
}

const ACCOUNT_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

/** `ID` or `ACCOUNT:ID`, each checked; duplicates dropped. */
function targets(cmd: string, raw: string[]): Target[] {
  const out = new Map<string, Target>();
  for (const r of raw) {
    const i = r.indexOf(':');
    const account = i > 0 ? r.slice(0, i) : null;
    const [id] = incidentIds(cmd, [i > 0 ? r.slice(i + 1) : r]) as [string];
    if (account !== null && !ACCOUNT_RE.test(account))
      throw new UsageError(
        `"${clip(account)}" is not an account name (use ACCOUNT:ID, e.g. team:Q1ABCDEF2GHIJ)`,
        cmd,
      );
    out.set(`${account ?? ''}:${id}`, { account, id });
  }
  return [...out.values()];
}

function accountFlag(cmd: string, raw: string | null): string | null {
  if (raw === null) return null;
  if (!ACCOUNT_RE.test(raw))
    throw new UsageError(`--account needs an account name from the accounts file`, cmd);
  return raw;
}

function noPositionals(cmd: string, pos: string[]): void {
  if (pos.length > 0) throw new UsageError(`unexpected argument "${clip(pos[0] as string)}" for ${cmd}`, cmd);
}
