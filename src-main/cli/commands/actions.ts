/**
 * `oncall-companion ack | resolve | snooze`: one action through the engine's durable queue, waiting
 * for its outcome. An action not confirmed in time stays queued on disk and is sent on the next run.
 */
import type { ActionAccepted } from '../../core/companion-types.js';
import type { CoreEvent, EventOf } from '../../core/events.js';
import type { CliCommand } from '../args.js';
import { formatDuration } from '../duration.js';
import { CliError } from '../errors.js';
import { safe } from '../format.js';
import {
  firstSync,
  openFromFlags,
  tapEvents,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';

type ActionCommand = Extract<CliCommand, { name: 'ack' | 'resolve' | 'snooze' }>;

/** How long to wait for the first sync and for the action's outcome. */
const SYNC_WAIT_MS = 30_000;
const OUTCOME_WAIT_MS = 30_000;

type Outcome = EventOf<'action.done'> | EventOf<'action.failed'>;

/** Run an action command; resolves with the exit code (0 done, 1 failed or not confirmed). */
export async function runAction(cmd: ActionCommand, ctx: CliContext): Promise<number> {
  const opened = await openFromFlags(cmd.name, cmd.source, ctx);
  return withSource(opened, async () => {
    const { companion } = opened;
    const tap = tapEvents(companion);
    try {
      await companion.start();
      await unlessStopped(ctx, firstSync(companion, tap, { strict: true, timeoutMs: SYNC_WAIT_MS }));
      let accepted: ActionAccepted;
      let verb: string;
      if (cmd.name === 'ack') {
        verb = 'acknowledged';
        if (cmd.mine) {
          accepted = await companion.acknowledgeAllMine();
          if (accepted.incidentIds.length === 0) {
            report(ctx, cmd.json, { type: 'action.none', message: 'no triggered incidents assigned to you' });
            return 0;
          }
        } else {
          accepted = await companion.acknowledge(cmd.ids);
        }
      } else if (cmd.name === 'resolve') {
        verb = 'resolved';
        accepted = await companion.resolve(cmd.ids);
      } else {
        verb = `snoozed for ${formatDuration(cmd.seconds)}`;
        accepted = await companion.snooze(cmd.id, cmd.seconds);
      }
      const isOutcome = (e: CoreEvent): e is Outcome =>
        (e.type === 'action.done' || (e.type === 'action.failed' && e.final)) &&
        e.action.id === accepted.actionId;
      // A bulk action may end in parts: `action.done` for the incidents that went through, then a
      // final `action.failed` for the rest. It is settled when it failed or all its incidents are done.
      const outcomes = (): Outcome[] => tap.events.filter(isOutcome);
      const settled = (e: CoreEvent): boolean => {
        if (!isOutcome(e)) return false;
        const all = outcomes();
        const done = new Set(all.flatMap((o) => (o.type === 'action.done' ? o.action.incidentIds : [])));
        return (
          all.some((o) => o.type === 'action.failed') || accepted.incidentIds.every((id) => done.has(id))
        );
      };
      const last = await unlessStopped(ctx, tap.waitFor(settled, OUTCOME_WAIT_MS));
      if (last === null) {
        throw new CliError(
          `not confirmed within ${OUTCOME_WAIT_MS / 1000} s; the action is saved and will be sent the next ` +
            'time oncall-companion runs (e.g. watch)',
        );
      }
      const all = outcomes();
      if (cmd.json) for (const o of all) ctx.out(JSON.stringify(o));
      const doneIds = all.flatMap((o) => (o.type === 'action.done' ? o.action.incidentIds : []));
      const failure = all.find((o): o is EventOf<'action.failed'> => o.type === 'action.failed');
      if (failure) {
        if (!cmd.json && doneIds.length > 0) ctx.out(`${verb}: ${doneIds.join(' ')}`);
        const failedIds = failure.action.incidentIds.join(' ');
        throw new CliError(`could not mark ${failedIds} ${verb}: ${safe(failure.error, 300)}`);
      }
      if (!cmd.json) ctx.out(`${verb}: ${doneIds.join(' ')}`);
      return 0;
    } finally {
      tap.close();
    }
  });
}

function report(ctx: CliContext, json: boolean, r: { type: string; message: string }): void {
  ctx.out(json ? JSON.stringify({ ...r, at: new Date().toISOString() }) : r.message);
}
