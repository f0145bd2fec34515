/**
 * Turns anything thrown in the headless command into ONE line for stderr and an exit code:
 * 2 for bad usage, 1 for runtime failures. Never a stack trace, never the token.
 */
import { DurationError } from './duration.js';
import { UsageError } from './args.js';
import type { ErrorKind } from '../core/events.js';
import { stripControl } from '../core/text.js';
import { forCli } from './host-wording.js';

/** Exit code for bad command-line input. */
export const EXIT_USAGE = 2;
/** Exit code for runtime failures (rejected token, unreachable server, failed action). */
export const EXIT_RUNTIME = 1;

/** A failure the command reports as-is: its message is the line, its code the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_RUNTIME,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The fix to suggest for each error kind of the PagerDuty client. */
const FIX: Partial<Record<ErrorKind, string>> = {
  auth: 'check the API key in PAGERDUTY_TOKEN or --token-file',
  forbidden: 'use an API key with write access (a read-only key cannot acknowledge or resolve)',
  from_required: 'an account-level API key needs --from <the email of your PagerDuty user>',
  unreachable: 'check the network and --api-url',
  timeout: 'check the network and --api-url; the server did not answer in time',
  rate_limited: 'wait a minute and try again',
  server: 'PagerDuty had a problem; try again shortly',
  not_found: 'check the incident id',
};

/** Describe a thrown value as one line and an exit code. `redact` scrubs secrets from the text. */
export function describeFailure(
  err: unknown,
  redact: (s: string) => string = (s) => s,
): {
  line: string;
  exitCode: number;
} {
  let line: string;
  let exitCode = EXIT_RUNTIME;
  if (err instanceof UsageError) {
    exitCode = EXIT_USAGE;
    const help = err.command ? `oncall-companion ${err.command} --help` : 'oncall-companion --help';
    line = `${err.message} (see ${help})`;
  } else if (err instanceof DurationError) {
    exitCode = EXIT_USAGE;
    line = `bad duration: ${err.message}`;
  } else if (err instanceof CliError) {
    exitCode = err.exitCode;
    line = err.message;
  } else if (isKinded(err)) {
    line = syncFailureLine(err.kind, err.message);
  } else if (isFileSystemError(err)) {
    line = fileSystemLine(err);
  } else if (err instanceof Error && err.name === 'SourceError') {
    exitCode = EXIT_USAGE;
    line = err.message;
  } else if (err instanceof Error) {
    line = `unexpected error: ${err.message}`;
  } else {
    line = `unexpected error: ${String(err)}`;
  }
  return { line: `oncall-companion: ${oneLine(redact(forCli(line)))}`, exitCode };
}

/** The message and fix for a sync failure of a given kind (for status and action commands). */
export function syncFailureLine(kind: ErrorKind, reason: string): string {
  const fix = FIX[kind];
  const text = forCli(stripControl(reason).trim());
  // The client's messages already say what to do; add the CLI's fix only to a bare reason.
  if (!fix || /[.!]\s|check|set |use |enter |try /i.test(text)) return text || fix || 'unknown error';
  return `${text.replace(/[.\s]+$/, '')}: ${fix}`;
}

/** Why a file or folder could not be used, by errno code. */
const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where a file is needed',
  EFBIG: 'the file is too large',
  EMFILE: 'too many open files',
};

function isFileSystemError(err: unknown): err is Error & { code: string; path?: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code in FS_REASONS;
}

/** A data-folder failure as one line naming the fix (not Node's raw `ENOTDIR: …` text). */
function fileSystemLine(err: Error & { code: string; path?: string }): string {
  const where = typeof err.path === 'string' ? ` (${err.path})` : '';
  return `cannot use the data folder${where}: ${FS_REASONS[err.code]}; pass --data-dir with a writable folder (or free some disk space)`;
}

function isKinded(err: unknown): err is Error & { kind: ErrorKind } {
  return err instanceof Error && typeof (err as { kind?: unknown }).kind === 'string';
}

function oneLine(s: string): string {
  const t = stripControl(s).trim();
  return t.length > 400 ? `${t.slice(0, 397)}...` : t;
}
