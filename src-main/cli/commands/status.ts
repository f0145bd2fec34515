/**
 * `oncall-companion status`: one sync, then who I am, on call now and next, and the open incidents.
 * With `--accounts FILE`, one such status per account (one JSON object per line with `--json`); the
 * status and every incident carry `account` (`default` for the single-account flags).
 */
import type { CompanionSnapshot } from '../../core/companion-types.js';
import type { CliCommand } from '../args.js';
import { describeFailure } from '../errors.js';
import { safe, statusText } from '../format.js';
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

/** Run `status`; resolves with the exit code. */
export async function runStatus(cmd: StatusCommand, ctx: CliContext): Promise<number> {
  const sources = await openAccounts('status', cmd.source, ctx);
  const several = cmd.source.accountsFile !== null;
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
      if (cmd.json) {
        ctx.out(
          JSON.stringify({
            type: 'status',
            account,
            at: s.at,
            source: s.source,
            me: s.me,
            sync: s.sync,
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
