/**
 * `oncall-companion watch`: runs the engine until stopped, printing every event (one JSON object per
 * line with `--json`, readable lines otherwise) and raising desktop notifications unless `--no-notify`.
 * It records the shift history, reminds to hand off near the end of a shift (`--handoff-lead`), and
 * saves the handoff report when a shift ends. With `--accounts FILE` it watches every account at
 * once; every JSON event carries `account` (`default` for the single-account flags), every text line
 * starts with the account's name when there are several (`--format line` shows one account).
 */
import type { CoreEvent } from '../../core/events.js';
import type { OpenedSource } from '../../node/source.js';
import { createNodeNotifier } from '../../node/notifier.js';
import { createSoundPlayer } from '../../node/sound.js';
import type { CliCommand } from '../args.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { clockTime, createHumanFormatter, safe } from '../format.js';
import { followShifts, openSourceHistory } from '../history.js';
import type { OutputTerminal } from '../run.js';
import { firstSync, openAccounts, tapEvents, type AccountSource, type CliContext } from '../session.js';
import { useColour } from '../status-formats.js';
import { eventForCli } from '../host-wording.js';
import { watchLine } from '../watch-line.js';

type WatchCommand = Extract<CliCommand, { name: 'watch' }>;

/** How long watch waits for the first sync before carrying on regardless. */
const FIRST_SYNC_WAIT_MS = 60_000;

/** Run `watch`; resolves with the exit code once stopped. */
export async function runWatch(cmd: WatchCommand, ctx: CliContext, term: OutputTerminal): Promise<number> {
  const several = cmd.source.accountsFile !== null;
  if (several && cmd.format === 'line') {
    throw new CliError(
      '--format line shows one account: use --format json or text with --accounts',
      EXIT_USAGE,
    );
  }
  const sources = await openAccounts('watch', cmd.source, ctx, { scenario: cmd.scenario, speed: cmd.speed });
  const notifier = cmd.notify
    ? createNodeNotifier({
        appName: 'On-Call Companion',
        logger: ctx.logger,
        sound: createSoundPlayer({ logger: ctx.logger }),
      })
    : null;
  try {
    await Promise.all(sources.map((s) => watchAccount(s, several, notifier, cmd, ctx, term)));
    return 0;
  } finally {
    await Promise.allSettled(sources.map((s) => s.opened.close()));
  }
}

/** Watch one account until stopped. With several, a failed start is said and the others go on. */
async function watchAccount(
  { account, opened }: AccountSource,
  several: boolean,
  notifier: ReturnType<typeof createNodeNotifier> | null,
  cmd: WatchCommand,
  ctx: CliContext,
  term: OutputTerminal,
): Promise<void> {
  const { companion } = opened;
  const human = createHumanFormatter();
  const prefix = several ? `[${safe(account, 40)}] ` : '';
  // Returns the desktop hand-off of a notification, so the page counts as shown only once the
  // notifier answered (a kill before then shows it again on the next start).
  const print = (e: CoreEvent): Promise<unknown> | undefined => {
    if (cmd.format === 'line') {
      // The line is drawn from the snapshot (watch-line.ts); events only raise notifications.
    } else if (cmd.json) {
      ctx.out(JSON.stringify({ ...eventForCli(e), account }));
    } else {
      const line = human(e);
      if (line !== null) ctx.out(prefix + line);
    }
    if (e.type !== 'notification' || !notifier) return undefined;
    const n = several ? { ...e.notification, title: `${account}: ${e.notification.title}` } : e.notification;
    return notifier.show(n);
  };
  // The history is secondary: when it cannot be opened (unwritable or full disk), pages still go out.
  const history = await openSourceHistory(opened, {
    logger: ctx.logger,
    saveReports: true,
    handoffReminderMinutes: cmd.handoffLeadMinutes,
    // The reminder goes out like any notification: a line (or JSON object) and a desktop one.
    onNotification: (notification) =>
      void print({ type: 'notification', at: new Date().toISOString(), notification }),
    onReportSaved: (path) => {
      const at = new Date().toISOString();
      if (cmd.format === 'line') ctx.logger.info(`handoff report saved: ${safe(path, 400)}`);
      else if (cmd.json) ctx.out(JSON.stringify({ type: 'report.saved', at, path, account }));
      else ctx.out(`${prefix}${clockTime(at)}  REPORT      handoff report saved: ${safe(path, 400)}`);
    },
  }).catch((err: unknown) => {
    ctx.logger.warn('the shift history could not be opened; watching without it (no metrics or reports)', {
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  });
  if (history && !history.writable) {
    ctx.logger.warn(
      `another oncall-companion (pid ${history.heldBy ?? '?'}) records this source's history; this watch does not`,
    );
  }
  const unfollow = history ? followShifts(history.service, companion, ctx.logger) : () => {};
  const tap = tapEvents(companion, 100);
  const unsubscribe = companion.subscribe(print);
  const stopLine =
    cmd.format === 'line'
      ? watchLine({ companion, tty: term.tty, colour: useColour(term.tty, ctx.env), write: term.write })
      : () => {};
  try {
    if (cmd.format === 'text') ctx.out(prefix + watchingLine(opened));
    await companion.start();
    // Fail fast only on what needs the user (rejected token); ride out the rest, unreachable included.
    try {
      await Promise.race([
        firstSync(companion, tap, { strict: false, timeoutMs: FIRST_SYNC_WAIT_MS }),
        ctx.stopped,
      ]);
    } catch (err) {
      if (!several) throw err;
      // One account down does not stop the others: say which, and keep it retrying.
      ctx.err(`oncall-companion: account ${account}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    tap.close();
    await ctx.stopped;
  } finally {
    tap.close();
    stopLine();
    unsubscribe();
    unfollow();
    await history?.close();
  }
}

function watchingLine(opened: OpenedSource): string {
  return opened.source.kind === 'demo'
    ? `Watching the demo source (embedded simulator at ${opened.source.apiUrl}). Ctrl-C stops.`
    : `Watching PagerDuty at ${opened.source.apiUrl}. Ctrl-C stops.`;
}
