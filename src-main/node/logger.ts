/**
 * The Node logger shared by the headless command and the Electron shell: one line per entry on
 * stderr (never stdout, which belongs to `--json` output), with every registered secret redacted.
 */
import type { LogLevel, Logger } from '../core/ports.js';
import { escapeControl } from '../core/text.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** What replaces a secret in a log line or an error message. */
export const REDACTED = '[redacted]';

/** A logger that can be told which strings (the token) must never be written. */
export interface NodeLogger extends Logger {
  /** Register a secret: from now on it is replaced by `[redacted]` wherever it appears. */
  addSecret(secret: string | null | undefined): void;
  /** Redact every registered secret from a text (for error lines printed outside the logger). */
  redact(text: string): string;
  /** The lowest level written. */
  readonly level: LogLevel;
}

/** Options of {@link createNodeLogger}. */
export interface NodeLoggerOptions {
  /** Lowest level written; default `warn` (the CLI uses {@link levelFor}). */
  level?: LogLevel;
  /** Where lines go; default process.stderr. */
  write?: (line: string) => void;
  /** Secrets known up front. */
  secrets?: Array<string | null | undefined>;
  /** Time source for the line prefix. */
  now?: () => number;
}

/** The level the CLI uses: `debug` with `--verbose`, else `warn` (quiet unless something is wrong). */
export function levelFor(verbose: boolean): LogLevel {
  return verbose ? 'debug' : 'warn';
}

/** Secrets shorter than this are not redacted on their own (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;

/** Create the stderr logger. */
export function createNodeLogger(opts: NodeLoggerOptions = {}): NodeLogger {
  const level = opts.level ?? 'warn';
  const threshold = LEVELS[level];
  const write = opts.write ?? ((line: string) => void process.stderr.write(line));
  const now = opts.now ?? (() => Date.now());
  const secrets = new Set<string>();

  const addSecret = (secret: string | null | undefined): void => {
    if (typeof secret !== 'string') return;
    const s = secret.trim();
    if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
    // Also catch the URL-encoded form, which can show up in a logged URL or header echo.
    const enc = encodeURIComponent(s);
    if (enc !== s && enc.length >= MIN_SECRET_LENGTH) secrets.add(enc);
  };
  for (const s of opts.secrets ?? []) addSecret(s);

  const redact = (text: string): string => {
    let out = text;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  };

  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[lvl] < threshold) return;
    let line = `${new Date(now()).toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}`;
    if (fields) {
      for (const [k, v] of Object.entries(fields)) line += ` ${k}=${formatField(v)}`;
    }
    // One entry, one line, and no terminal escapes from server text: control characters are escaped.
    line = escapeControl(redact(line).replace(/\r?\n/g, '\n'));
    try {
      write(line + '\n');
    } catch {
      // A closed stderr must never take the app down.
    }
  };

  return {
    level,
    addSecret,
    redact,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function formatField(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (v instanceof Error) return JSON.stringify(v.message);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
