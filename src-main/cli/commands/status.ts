/**
 * `oncall-companion status`: one sync, then who I am, on call now and next, and the open incidents.
 */
import type { CliCommand } from '../args.js';
import { statusText } from '../format.js';
import {
  firstSync,
  openFromFlags,
  tapEvents,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';

type StatusCommand = Extract<CliCommand, { name: 'status' }>;

/** How long status waits for the first sync and the on-call data. */
const SYNC_WAIT_MS = 30_000;
const ONCALL_WAIT_MS = 10_000;

/** Run `status`; resolves with the exit code. */
export async function runStatus(cmd: StatusCommand, ctx: CliContext): Promise<number> {
  const opened = await openFromFlags('status', cmd.source, ctx);
  return withSource(opened, async () => {
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
      const s = companion.snapshot();
      if (cmd.json) {
        ctx.out(
          JSON.stringify({
            type: 'status',
            at: s.at,
            source: s.source,
            me: s.me,
            sync: s.sync,
            oncall: { now: s.shifts.current, next: s.shifts.next, fetchedAt: s.shifts.fetchedAt },
            incidents: s.incidents,
            pendingActions: s.pendingActions,
          }),
        );
      } else {
        for (const line of statusText(s)) ctx.out(line);
      }
      return 0;
    } finally {
      tap.close();
    }
  });
}
