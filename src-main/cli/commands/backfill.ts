/**
 * `oncall-companion backfill --since D [--until D]`: fills the source's shift history from PagerDuty
 * (incidents and their log entries over the range, paced to respect the rate limit), with progress on
 * stderr, then prints a one-line summary. Works against any compatible server, the simulator included.
 */
import { systemTimers } from '../../core/ports.js';
import type { CliCommand } from '../args.js';
import { UsageError } from '../args.js';
import { CliError } from '../errors.js';
import { openSourceHistory } from '../history.js';
import { createProgressPrinter } from '../progress.js';
import {
  EXIT_INTERRUPTED,
  openWithToken,
  readToken,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';

type BackfillCommand = Extract<CliCommand, { name: 'backfill' }>;

/** Run `backfill`; resolves with the exit code. */
export async function runBackfill(cmd: BackfillCommand, ctx: CliContext): Promise<number> {
  const token = await readToken('backfill', cmd.source, ctx.env, ctx.logger);
  if (token === null) {
    throw new UsageError(
      "backfill reads your PagerDuty history: set PAGERDUTY_TOKEN or --token-file (the demo's history " +
        'lives only during a run; try oncall-companion report)',
      'backfill',
    );
  }
  const opened = await openWithToken('backfill', token, cmd.source, ctx);
  // The companion is never started: backfill needs the client and the data folder only.
  return withSource(opened, async () => {
    const history = await openSourceHistory(opened, { logger: ctx.logger });
    try {
      if (!history.writable) {
        throw new CliError(
          `another oncall-companion (pid ${history.heldBy ?? '?'}, e.g. watch) is recording this source's ` +
            'history: stop it, run backfill, then start it again',
        );
      }
      const me = await unlessStopped(
        ctx,
        retried(() => opened.api.getMe()),
      );
      const progress = createProgressPrinter({ write: ctx.err, tty: ctx.errTty });
      const abort = new AbortController();
      void ctx.stopped.then(() => abort.abort());
      let result: { fetched: number; added: number };
      try {
        result = await history.service.backfill(
          opened.api,
          { since: cmd.since, until: cmd.until },
          {
            me: { id: me.id, name: me.name },
            timers: systemTimers,
            onProgress: (p) => progress.update(p),
            signal: abort.signal,
          },
        );
      } catch (err) {
        if (abort.signal.aborted) {
          throw new CliError('backfill interrupted; nothing was added to the history', EXIT_INTERRUPTED);
        }
        throw err;
      } finally {
        progress.end();
      }
      const since = new Date(cmd.since).toISOString();
      const until = new Date(cmd.until).toISOString();
      if (cmd.json) {
        ctx.out(JSON.stringify({ type: 'backfill.done', since, until, ...result }));
      } else {
        ctx.out(
          `backfilled ${since} to ${until}: fetched ${result.fetched} page${result.fetched === 1 ? '' : 's'}, ` +
            `added ${result.added} new to the history`,
        );
      }
      return 0;
    } finally {
      await history.close();
    }
  });
}

const TRANSIENT = new Set(['rate_limited', 'server', 'timeout', 'unreachable']);

/** Call `fn`, waiting out rate limits (`retryAfterMs`, else a backoff) and transient errors, up to 5 tries. */
export async function retried<T>(fn: () => Promise<T>, sleep = defaultSleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { kind?: unknown; retryAfterMs?: unknown };
      if (attempt >= 5 || typeof e.kind !== 'string' || !TRANSIENT.has(e.kind)) throw err;
      const wait =
        typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0
          ? e.retryAfterMs
          : 1000 * 2 ** (attempt - 1);
      await sleep(Math.min(wait, 60_000));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
