/**
 * Command-line parsing of `oncall-companion`: strict `node:util` parseArgs per command, every value
 * checked, and one {@link UsageError} whose message names the fix. Pure: no I/O, no process access.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../core/settings.js';
import { DurationError, parseDuration } from './duration.js';

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

/** Flags every source-using command takes (where the data comes from and where state is kept). */
export interface SourceOptions {
  tokenFile: string | null;
  apiUrl: string | null;
  fromEmail: string | null;
  pollIntervalSeconds: number | null;
  dataDir: string | null;
  verbose: boolean;
}

/** A fully checked command line. */
export type CliCommand =
  | { name: 'help'; topic: string | null }
  | { name: 'version' }
  | { name: 'watch'; source: SourceOptions; json: boolean; notify: boolean; scenario: ScenarioName | null }
  | { name: 'status'; source: SourceOptions; json: boolean }
  | { name: 'ack'; source: SourceOptions; ids: string[]; mine: boolean; json: boolean }
  | { name: 'resolve'; source: SourceOptions; ids: string[]; json: boolean }
  | { name: 'snooze'; source: SourceOptions; id: string; seconds: number; json: boolean }
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
      scenario: ScenarioName | null;
      speed: number | null;
    };

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

const SOURCE_FLAGS: Record<string, OptionSpec> = {
  'token-file': { type: 'string' },
  'api-url': { type: 'string' },
  from: { type: 'string' },
  'poll-interval': { type: 'string' },
  'data-dir': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
};

const HELP_FLAG: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' } };

/** The flags of each command (source flags included where they apply). */
export const COMMAND_FLAGS: Record<string, Record<string, OptionSpec>> = {
  watch: {
    ...SOURCE_FLAGS,
    json: { type: 'boolean' },
    'no-notify': { type: 'boolean' },
    scenario: { type: 'string' },
  },
  status: { ...SOURCE_FLAGS, json: { type: 'boolean' } },
  ack: { ...SOURCE_FLAGS, mine: { type: 'boolean' }, json: { type: 'boolean' } },
  resolve: { ...SOURCE_FLAGS, json: { type: 'boolean' } },
  snooze: { ...SOURCE_FLAGS, json: { type: 'boolean' } },
  simulator: {
    port: { type: 'string' },
    scenario: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  preview: {
    ...SOURCE_FLAGS,
    port: { type: 'string' },
    scenario: { type: 'string' },
    speed: { type: 'string' },
  },
};

/** Parse argv (without `node` and the script) into a checked command, or throw {@link UsageError}. */
export function parseCli(argv: readonly string[]): CliCommand {
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

  switch (name) {
    case 'watch':
      noPositionals(name, pos);
      return {
        name,
        source: sourceOptions(name, v),
        json: flag('json'),
        notify: !flag('no-notify'),
        scenario: optScenario(name, str('scenario')),
      };
    case 'status':
      noPositionals(name, pos);
      return { name, source: sourceOptions(name, v), json: flag('json') };
    case 'ack': {
      const mine = flag('mine');
      if (mine && pos.length > 0) throw new UsageError('give incident ids or --mine, not both', name);
      if (!mine && pos.length === 0) {
        throw new UsageError('name the incidents to acknowledge: ack <id...>, or ack --mine', name);
      }
      return { name, source: sourceOptions(name, v), ids: incidentIds(name, pos), mine, json: flag('json') };
    }
    case 'resolve':
      if (pos.length === 0) throw new UsageError('name the incidents to resolve: resolve <id...>', name);
      return { name, source: sourceOptions(name, v), ids: incidentIds(name, pos), json: flag('json') };
    case 'snooze': {
      if (pos.length !== 2) {
        throw new UsageError('snooze takes an incident id and a duration: snooze <id> 30m', name);
      }
      const [id, duration] = incidentIds(name, pos.slice(0, 1)).concat(pos.slice(1)) as [string, string];
      let seconds: number;
      try {
        seconds = parseDuration(duration);
      } catch (err) {
        if (err instanceof DurationError) throw new UsageError(`bad duration: ${err.message}`, name);
        throw err;
      }
      return { name, source: sourceOptions(name, v), id, seconds, json: flag('json') };
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
      };
    default:
      throw new UsageError(`unknown command "${clip(name)}"`);
  }
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
  return { tokenFile, apiUrl, fromEmail, pollIntervalSeconds, dataDir, verbose: v.verbose === true };
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

function noPositionals(cmd: string, pos: string[]): void {
  if (pos.length > 0) throw new UsageError(`unexpected argument "${clip(pos[0] as string)}" for ${cmd}`, cmd);
}

function optScenario(cmd: string, raw: string | null): ScenarioName | null {
  if (raw === null) return null;
  if ((SCENARIOS as readonly string[]).includes(raw)) return raw as ScenarioName;
  throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}`, cmd);
}

function port(cmd: string, raw: string | null, dflt: number): number {
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n > 65535) {
    throw new UsageError('--port must be a whole number from 0 to 65535 (0 picks a free port)', cmd);
  }
  return n;
}

function seed(cmd: string, raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError('--seed must be a whole number, e.g. --seed 42', cmd);
  }
  return n;
}

function speed(cmd: string, raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 10_000) {
    throw new UsageError('--speed must be a number above 0 and at most 10000, e.g. --speed 60', cmd);
  }
  return n;
}

function describeParseError(err: unknown, cmd: string): string {
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
function optionName(raw: string): string {
  const name = raw.split(/[=\s]/)[0] ?? raw;
  return clip(name);
}

function clip(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const t = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}
