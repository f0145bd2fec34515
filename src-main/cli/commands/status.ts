/**
 * `oncall-companion status`: one sync, then who I am, on call now and next, and the open incidents.
 * With `--accounts FILE`, one such status per account (one JSON object per line with `--json`); the
 * status and every incident carry `account` (`default` for the single-account flags). The status
 * bar formats (line, waybar, xbar) show one account.
 */
import { resolve } from 'node:path';
import type { CliCommand, SourceOptions } from '../args.js';
import type { CompanionSnapshot } from '../../core/companion-types.js';
import { describeFailure, CliError, EXIT_USAGE } from '../errors.js';
import { syncForCli } from '../host-wording.js';
import { safe, statusText } from '../format.js';
import type { OutputTerminal } from '../run.js';
import {
  formatBarFailure,
  formatLine,
  formatWaybar,
  formatXbar,
  useColour,
  type XbarActions,
} from '../status-formats.js';
import {
  firstSync,
  openAccounts,
  tapEvents,
  unlessStopped,
  type AccountSource,
  type CliContext,
} from '../session.js';

type StatusCommand = Extract<CliCommand, { name: 'status' }>;

/** How long status waits for the first sync and the on-call data. */
const SYNC_WAIT_MS = 30_000;
const ONCALL_WAIT_MS = 10_000;

/** The source flags again, for commands a status bar menu runs later from another folder. */
export function sourceArgs(o: SourceOptions): string[] {
  return [
    ...(o.tokenFile !== null ? ['--token-file', resolve(o.tokenFile)] : []),
    ...(o.apiUrl !== null ? ['--api-url', o.apiUrl] : []),
    ...(o.fromEmail !== null ? ['--from', o.fromEmail] : []),
    ...(o.dataDir !== null ? ['--data-dir', resolve(o.dataDir)] : []),
  ];
}

/** Whether xbar's menu items can act, and how (see XbarActions). */
function xbarActions(kind: 'demo' | 'pagerduty', o: SourceOptions, self: readonly string[]): XbarActions {
  if (kind === 'demo') return { unavailable: 'the demo source lives only while status runs' };
  if (o.tokenFile === null)
    return { unavailable: 'menu items run without your environment; give the token with --token-file' };
  return { self, sourceArgs: sourceArgs(o) };
}

/** Run `status`; resolves with the exit code. */
export async function runStatus(cmd: StatusCommand, ctx: CliContext, term: OutputTerminal): Promise<number> {
  const f = cmd.format;
  if (f !== 'line' && f !== 'waybar' && f !== 'xbar') return runStatusOnce(cmd, ctx, term);
  try {
    return await runStatusOnce(cmd, ctx, term);
  } catch (err) {
    // A bar shows the failure in its own shape; the one-line error still goes to stderr.
    ctx.out(
      formatBarFailure(f, describeFailure(err, ctx.logger.redact).line.replace(/^oncall-companion: /, '')),
    );
    throw err;
  }
}

async function runStatusOnce(cmd: StatusCommand, ctx: CliContext, term: OutputTerminal): Promise<number> {
  const several = cmd.source.accountsFile !== null;
  if (several && cmd.format !== 'text' && cmd.format !== 'json') {
    throw new CliError(
      `--format ${cmd.format} shows one account: use --format json or text with --accounts`,
      EXIT_USAGE,
    );
  }
  const sources = await openAccounts('status', cmd.source, ctx);
  try {
    const results = await Promise.allSettled(sources.map((s) => snapshotOf(s, ctx)));
    // With one account its failure is the command's; with several, the others are still said.
    if (!several && results[0]?.status === 'rejected') throw results[0].reason;
    let failed = 0;
    for (const [i, r] of results.entries()) {
      const account = sources[i]!.account;
      if (r.status === 'rejected') {
        failed++;
        const { line } = describeFailure(r.reason, (t) => ctx.logger.redact(t));
        ctx.err(`${line.replace(/^oncall-companion: /, `oncall-companion: account ${account}: `)}\n`);
        continue;
      }
      const s = r.value;
      const now = Date.now();
      if (cmd.format === 'line') {
        ctx.out(formatLine(s, now, useColour(term.tty, ctx.env)));
      } else if (cmd.format === 'waybar') {
        ctx.out(formatWaybar(s, now));
      } else if (cmd.format === 'xbar') {
        ctx.out(formatXbar(s, now, xbarActions(s.source.kind, cmd.source, term.self)));
      } else if (cmd.json) {
        ctx.out(
          JSON.stringify({
            type: 'status',
            account,
            at: s.at,
            source: s.source,
            me: s.me,
            sync: syncForCli(s.sync),
            oncall: { now: s.shifts.current, next: s.shifts.next, fetchedAt: s.shifts.fetchedAt },
            incidents: s.incidents.map((inc) => ({ ...inc, account })),
            pendingActions: s.pendingActions,
          }),
        );
      } else {
        if (several) ctx.out(`== ${safe(account, 40)} ==`);
        for (const line of statusText(s)) ctx.out(line);
      }
    }
    return failed ? 1 : 0;
  } finally {
    await Promise.allSettled(sources.map((s) => s.opened.close()));
  }
}

/** One sync of an account, then its snapshot with the on-call data. */
async function snapshotOf({ opened }: AccountSource, ctx: CliContext): Promise<CompanionSnapshot> {
  const { companion } = opened;
  const tap = tapEvents(companion);
  try {
    await companion.start();
    await unlessStopped(ctx, firstSync(companion, tap, { strict: true, timeoutMs: SYNC_WAIT_MS }));
    // On-call entries are fetched with (or right after) the first poll.
    const end = Date.now() + ONCALL_WAIT_MS;
    while (
      (companion.snapshot().shifts.fetchedAt === null || companion.snapshot().me === null) &&
      Date.now() < end
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return companion.snapshot();
  } finally {
    tap.close();
  }
}
