/**
 * What every source-using command shares: reading the token, opening the source from the flags,
 * waiting for the first sync (and failing clearly when it cannot work), and stopping on a signal.
 */
import { readFile } from 'node:fs/promises';
import type { Companion } from '../core/companion-types.js';
import type { CoreEvent, SyncStatus } from '../core/events.js';
import type { NodeLogger } from '../node/logger.js';
import { defaultDataDir, openSource, type OpenedSource } from '../node/source.js';
import type { ScenarioName, SourceOptions } from './args.js';
import { UsageError } from './args.js';
import { accountDataDir, DEFAULT_ACCOUNT, readAccounts } from './accounts.js';
import { CliError, EXIT_USAGE, syncFailureLine } from './errors.js';
import { openSignedIn } from './signed-in.js';

/** The process around a command: output, environment, logger and the stop signal. */
export interface CliContext {
  /** Write one line to stdout. */
  out(line: string): void;
  /** Write raw text to stderr (progress, notes); include the newline. */
  err(text: string): void;
  /** stderr is a terminal (progress may redraw one line). */
  errTty: boolean;
  env: NodeJS.ProcessEnv;
  logger: NodeLogger;
  /** Resolves when the user asks to stop (SIGINT, SIGTERM, or stdout closed). */
  stopped: Promise<void>;
}

/** Read the token: `--token-file`, else `PAGERDUTY_TOKEN`, else null (demo). Registers it as a secret. */
export async function readToken(
  cmd: string,
  opts: SourceOptions,
  env: NodeJS.ProcessEnv,
  logger: NodeLogger,
): Promise<string | null> {
  let token: string | null = null;
  if (opts.tokenFile !== null) {
    try {
      token = await readFile(opts.tokenFile, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why =
        code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : 'cannot be read';
      throw new UsageError(
        `the token file ${opts.tokenFile} ${why}: give the path of a file holding the API key`,
        cmd,
      );
    }
    logger.addSecret(token);
    if (token.trim() === '')
      throw new UsageError(`the token file ${opts.tokenFile} is empty: put the API key in it`, cmd);
  } else if (env.PAGERDUTY_TOKEN && env.PAGERDUTY_TOKEN.trim() !== '') {
    token = env.PAGERDUTY_TOKEN;
    logger.addSecret(token);
  }
  return token;
}

/** Open the source the flags describe (the companion is not started yet). */
export async function openFromFlags(
  cmd: string,
  opts: SourceOptions,
  ctx: CliContext,
  demo: { scenario?: ScenarioName | null; speed?: number | null } = {},
): Promise<OpenedSource> {
  const token = await readToken(cmd, opts, ctx.env, ctx.logger);
  // No API key given: a sign-in (`login`) of this data folder, when there is one.
  const signedIn =
    token === null && !demo.scenario && !demo.speed
      ? await openSignedIn(cmd, DEFAULT_ACCOUNT, opts, baseDataDir(opts, ctx.env), ctx)
      : null;
  return signedIn ?? openWithToken(cmd, token, opts, ctx, demo);
}

/** The base data folder the flags (or ONCALL_COMPANION_DATA_DIR, or the platform default) name. */
export function baseDataDir(opts: SourceOptions, env: NodeJS.ProcessEnv): string {
  return opts.dataDir ?? env.ONCALL_COMPANION_DATA_DIR ?? defaultDataDir(env);
}

/** Refuse flags that do not fit the source a token (or none) makes. */
export function checkSourceFlags(
  cmd: string,
  token: string | null,
  opts: SourceOptions,
  demo: { scenario?: ScenarioName | null; speed?: number | null },
): void {
  if (token === null && opts.apiUrl !== null) {
    throw new UsageError(
      '--api-url needs a token: set PAGERDUTY_TOKEN or --token-file (the simulator accepts any token)',
      cmd,
    );
  }
  if (token !== null && (demo.scenario || demo.speed)) {
    throw new UsageError('--scenario and --speed apply only to the demo source (run without a token)', cmd);
  }
}

/** Open the source for an already read token (null = demo). */
export async function openWithToken(
  cmd: string,
  token: string | null,
  opts: SourceOptions,
  ctx: CliContext,
  demo: { scenario?: ScenarioName | null; speed?: number | null } = {},
): Promise<OpenedSource> {
  checkSourceFlags(cmd, token, opts, demo);
  return openSource({
    token,
    ...(opts.apiUrl !== null ? { apiUrl: opts.apiUrl } : {}),
    fromEmail: opts.fromEmail,
    ...(demo.scenario ? { scenario: demo.scenario } : {}),
    ...(demo.speed ? { speed: demo.speed } : {}),
    ...(opts.pollIntervalSeconds !== null ? { pollIntervalSeconds: opts.pollIntervalSeconds } : {}),
    dataDir: baseDataDir(opts, ctx.env),
    logger: ctx.logger,
  });
}

/** Events seen so far, and a way to wait for one. Subscribe before `start()` so none is missed. */
export interface EventTap {
  events: CoreEvent[];
  /** Resolve with the first event (past or future) matching, or null after `timeoutMs`. */
  waitFor<T extends CoreEvent>(match: (e: CoreEvent) => e is T, timeoutMs: number): Promise<T | null>;
  waitFor(match: (e: CoreEvent) => boolean, timeoutMs: number): Promise<CoreEvent | null>;
  close(): void;
}

/** Record a companion's events. */
export function tapEvents(companion: Companion, keep = 10_000): EventTap {
  const events: CoreEvent[] = [];
  const waiters = new Set<{ match: (e: CoreEvent) => boolean; resolve: (e: CoreEvent) => void }>();
  const unsubscribe = companion.subscribe((e) => {
    events.push(e);
    if (events.length > keep) events.shift();
    for (const w of [...waiters]) {
      if (w.match(e)) {
        waiters.delete(w);
        w.resolve(e);
      }
    }
  });
  const waitFor = (match: (e: CoreEvent) => boolean, timeoutMs: number): Promise<CoreEvent | null> => {
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const w = {
        match,
        resolve: (e: CoreEvent) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(w);
        resolve(null);
      }, timeoutMs);
      waiters.add(w);
    });
  };
  return { events, waitFor: waitFor as EventTap['waitFor'], close: unsubscribe };
}

/**
 * Error kinds that no amount of waiting fixes at start-up: the token or its scope or the From email,
 * which need the user. Everything else (unreachable, 404 or 5xx from a proxy, timeouts) is what a
 * network does for a while: `watch` reports it stale and keeps retrying, as it would later.
 */
const FATAL_AT_START = new Set(['auth', 'forbidden', 'from_required']);

/**
 * Wait for the first sync outcome. `strict` (status, actions): anything but live fails. Otherwise
 * (watch): only failures that need the user (rejected token, missing scope or From) fail; the
 * engine keeps retrying the rest, unreachable server included. Returns the status seen, or null when none came in time.
 */
export async function firstSync(
  companion: Companion,
  tap: EventTap,
  opts: { strict: boolean; timeoutMs: number },
): Promise<SyncStatus | null> {
  const isOutcome = (s: SyncStatus): boolean => s.state !== 'starting';
  const current = companion.snapshot().sync;
  let status: SyncStatus | null = isOutcome(current) ? current : null;
  if (!status) {
    const e = await tap.waitFor((ev) => ev.type === 'sync' && isOutcome(ev.status), opts.timeoutMs);
    status = e && e.type === 'sync' ? e.status : null;
  }
  if (status === null) {
    if (opts.strict) {
      throw new CliError(
        `no answer from the server within ${Math.round(opts.timeoutMs / 1000)} s: check the network and --api-url`,
      );
    }
    return null;
  }
  if (status.state === 'live' || status.state === 'starting') return status;
  if (opts.strict || FATAL_AT_START.has(status.errorKind) || status.state === 'auth_error') {
    const exit = status.errorKind === 'from_required' ? EXIT_USAGE : 1;
    throw new CliError(syncFailureLine(status.errorKind, status.reason), exit);
  }
  return status;
}

/** Run `fn` with the source open; always closes it (persisting state), whatever happens. */
export async function withSource<T>(opened: OpenedSource, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await opened.close();
  }
}

/**
 * A one-shot command's session: opens the source the flags name, starts it, waits (strictly, up to
 * `timeoutMs`, stoppable) for its first sync, runs `fn` with the companion and its event tap, then
 * stops tapping and closes the source, whatever `fn` did.
 */
export async function afterFirstSync<T>(
  cmd: string,
  opts: SourceOptions,
  ctx: CliContext,
  timeoutMs: number,
  fn: (companion: Companion, tap: EventTap) => Promise<T>,
): Promise<T> {
  const opened = await openFromFlags(cmd, opts, ctx);
  return withSource(opened, async () => {
    const { companion } = opened;
    const tap = tapEvents(companion);
    try {
      await companion.start();
      await unlessStopped(ctx, firstSync(companion, tap, { strict: true, timeoutMs }));
      return await fn(companion, tap);
    } finally {
      tap.close();
    }
  });
}

/** Exit code after an interrupt (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Await `p`, unless the user stops first: then throw a CliError with exit code 130. */
export async function unlessStopped<T>(ctx: CliContext, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    p.then(resolve, reject);
    void ctx.stopped.then(() =>
      reject(
        new CliError(
          'interrupted; anything queued is saved and will be sent on the next run',
          EXIT_INTERRUPTED,
        ),
      ),
    );
  });
}

/** A source opened for one account (`default` for the single-account flags). */
export interface AccountSource {
  account: string;
  opened: OpenedSource;
}

/**
 * Open every account of `--accounts FILE` (each with its own state folder, token and `From`), or
 * the one the single-account flags describe as account `default`. Companions are not started.
 */
export async function openAccounts(
  cmd: string,
  opts: SourceOptions,
  ctx: CliContext,
  demo: { scenario?: ScenarioName | null; speed?: number | null } = {},
  /** Which of the file's accounts to open (all by default); may throw naming an unknown one. */
  pick: (names: string[]) => Set<string> | null = () => null,
): Promise<AccountSource[]> {
  if (opts.accountsFile === null) {
    pick([DEFAULT_ACCOUNT]);
    return [{ account: DEFAULT_ACCOUNT, opened: await openFromFlags(cmd, opts, ctx, demo) }];
  }
  const all = await readAccounts(opts.accountsFile, ctx.env);
  const picked = pick(all.map((a) => a.name));
  const accounts = picked ? all.filter((a) => picked.has(a.name)) : all;
  const base = baseDataDir(opts, ctx.env);
  const out: AccountSource[] = [];
  try {
    for (const a of accounts) {
      ctx.logger.addSecret(a.token);
      if (a.signIn) {
        const signed = await openSignedIn(
          cmd,
          a.name,
          {
            ...opts,
            apiUrl: a.apiUrlGiven,
            fromEmail: a.from,
            pollIntervalSeconds: a.pollIntervalSeconds ?? opts.pollIntervalSeconds,
          },
          base,
          ctx,
          accountDataDir(base, a.name),
        );
        if (!signed)
          throw new CliError(
            `account "${a.name}" in ${opts.accountsFile} has no tokenFile or tokenEnv and no sign-in: run oncall-companion login --account ${a.name}, or give it tokenFile or tokenEnv`,
            EXIT_USAGE,
          );
        out.push({ account: a.name, opened: signed });
        continue;
      }
      const opened = await openSource({
        token: a.kind === 'demo' ? null : a.token,
        ...(a.kind === 'pagerduty' ? { apiUrl: a.apiUrl } : {}),
        fromEmail: a.from,
        ...(a.kind === 'demo' && demo.scenario ? { scenario: demo.scenario } : {}),
        ...(a.kind === 'demo' && demo.speed ? { speed: demo.speed } : {}),
        ...((a.pollIntervalSeconds ?? opts.pollIntervalSeconds) !== null
          ? { pollIntervalSeconds: (a.pollIntervalSeconds ?? opts.pollIntervalSeconds)! }
          : {}),
        dataDir: accountDataDir(base, a.name),
        logger: ctx.logger,
      });
      out.push({ account: a.name, opened });
    }
  } catch (err) {
    await Promise.allSettled(out.map((s) => s.opened.close()));
    throw err;
  }
  return out;
}
