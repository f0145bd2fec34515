/**
 * `oncall-companion watch`: runs the engine until stopped, printing every event (one JSON object per
 * line with `--json`, readable lines otherwise) and raising desktop notifications unless `--no-notify`.
 * It records the shift history, reminds to hand off near the end of a shift (`--handoff-lead`), and
 * saves the handoff report when a shift ends. With `--accounts FILE` it watches every account at
 * once; every JSON event carries `account` (`default` for the single-account flags), every text line
 * starts with the account's name when there are several (`--format line` shows one account).
 */
import { spawn } from 'node:child_process';
import type { CoreEvent, NotificationRequest } from '../../core/events.js';
import type { Delivery } from '../../core/companion-types.js';
import type { OpenedSource } from '../../node/source.js';
import type { ActionNotifier } from '../../node/dbus-notifier.js';
import { createHostNotifier, notificationActionHandler } from '../../node/notification-actions.js';
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
  const sound = cmd.notify ? createSoundPlayer({ logger: ctx.logger }) : null;
  // On Linux the notification carries Acknowledge / Resolve / Open (D-Bus); they go through the
  // same durable queue as every other action, of the account the page came from. One notifier for
  // every account: one D-Bus connection, one sound player.
  const notifier = sound
    ? createHostNotifier({
        appName: 'On-Call Companion',
        logger: ctx.logger,
        sound,
        plain: createNodeNotifier({ appName: 'On-Call Companion', logger: ctx.logger, sound }),
      })
    : null;
  try {
    await Promise.all(sources.map((s) => watchAccount(s, several, notifier, cmd, ctx, term)));
    return 0;
  } finally {
    notifier?.close();
    await Promise.allSettled(sources.map((s) => s.opened.close()));
  }
}

/** Watch one account until stopped. With several, a failed start is said and the others go on. */
async function watchAccount(
  { account, opened }: AccountSource,
  several: boolean,
  notifier: ActionNotifier | null,
  cmd: WatchCommand,
  ctx: CliContext,
  term: OutputTerminal,
): Promise<void> {
  const { companion } = opened;
  const human = createHumanFormatter();
  const prefix = several ? `[${safe(account, 40)}] ` : '';
  const onAction = notificationActionHandler({
    companion: () => companion,
    open: (n) => openInBrowser(n, companion.snapshot().incidents, ctx.logger),
    logger: ctx.logger,
  });
  // What the desktop did with a notification: never printed as sent when it was not.
  const delivered = (n: NotificationRequest, ok: boolean, reason: string | null): void => {
    const at = new Date().toISOString();
    if (cmd.json) {
      ctx.out(
        JSON.stringify({
          type: 'notification.delivery',
          at,
          key: n.key,
          incidentId: n.incidentId,
          delivered: ok,
          reason,
          account,
        }),
      );
    } else if (ok) ctx.out(`${prefix}${clockTime(at)}  NOTIFIED    ${safe(n.title)}`);
    else
      ctx.out(
        `${prefix}${clockTime(at)}  NOT SHOWN   ${safe(n.title)}: ${safe(reason ?? 'unknown reason', 300)}`,
      );
  };
  // Returns the desktop hand-off of a notification, so the page counts as shown only once the
  // notifier answered (a kill before then shows it again on the next start).
  const print = (e: CoreEvent, delivery?: Delivery): Promise<unknown> | undefined => {
    if (cmd.format === 'line') {
      // The line is drawn from the snapshot (watch-line.ts); events only raise notifications.
    } else if (cmd.json) {
      // `eventId`: the outbox id, the same if a kill between printing and marking prints it again.
      ctx.out(
        JSON.stringify(
          delivery ? { ...eventForCli(e), eventId: delivery.id, account } : { ...eventForCli(e), account },
        ),
      );
    } else {
      const line = human(e);
      if (line !== null) ctx.out(prefix + line);
    }
    if (e.type !== 'notification' || !notifier) return undefined;
    const n = several ? { ...e.notification, title: `${account}: ${e.notification.title}` } : e.notification;
    // Returned, so the outbox marks the page shown only once the notification server answered.
    return notifier
      .show(
        n,
        () => onAction(n, 'open'),
        (key) => onAction(n, key),
      )
      .then(
        (r) => delivered(n, r.status === 'shown', r.reason ?? null),
        (err: unknown) => delivered(n, false, err instanceof Error ? err.message : String(err)),
      );
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

/** Open a page in the browser from its notification: https links only, and only on the user's click. */
function openInBrowser(
  n: NotificationRequest,
  incidents: Array<{ id: string; htmlUrl: string | null }>,
  logger: CliContext['logger'],
): void {
  const url = incidents.find((i) => i.id === n.incidentId)?.htmlUrl ?? null;
  if (!url || !url.startsWith('https://')) {
    logger.info("the notification's incident has no https link to open");
    return;
  }
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(opener, [url], { stdio: 'ignore', detached: true })
      .on('error', (e) => logger.warn('could not open the browser', { error: e.message }))
      .unref();
  } catch (e) {
    logger.warn('could not open the browser', { error: e instanceof Error ? e.message : String(e) });
  }
}
