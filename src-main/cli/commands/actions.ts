/**
 * `oncall-companion ack | resolve | snooze`: one action through the engine's durable queue, waiting
 * for its outcome. An action not confirmed in time stays queued on disk and is sent on the next run.
 * With `--accounts FILE` each incident is routed by its account (`ACCOUNT:ID`, or `--account NAME`
 * for all): ids alone can collide between accounts, so they never pick one.
 */
import type { ActionAccepted } from '../../core/companion-types.js';
import type { CoreEvent, EventOf } from '../../core/events.js';
import { DEFAULT_ACCOUNT } from '../accounts.js';
import type { CliCommand, Target } from '../args.js';
import { formatDuration } from '../duration.js';
import { CliError, describeFailure, EXIT_USAGE } from '../errors.js';
import { safe } from '../format.js';
import {
  firstSync,
  openAccounts,
  tapEvents,
  unlessStopped,
  type AccountSource,
  type CliContext,
} from '../session.js';

type ActionCommand = Extract<CliCommand, { name: 'ack' | 'resolve' | 'snooze' }>;

/** How long to wait for the first sync and for the action's outcome. */
const SYNC_WAIT_MS = 30_000;
const OUTCOME_WAIT_MS = 30_000;

type Outcome = EventOf<'action.done'> | EventOf<'action.failed'>;

/** Run an action command; resolves with the exit code (0 done, 1 failed or not confirmed). */
export async function runAction(cmd: ActionCommand, ctx: CliContext): Promise<number> {
  const targets = cmd.name === 'snooze' ? [cmd.id] : cmd.ids;
  const several = cmd.source.accountsFile !== null;
  const ids = new Map<string, string[]>();
  const sources = await openAccounts(cmd.name, cmd.source, ctx, {}, (names) => {
    const known = (name: string): string => {
      const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
      if (found) return found;
      throw new CliError(
        several
          ? `unknown account "${safe(name, 40)}" in ${cmd.name}: the accounts file ${cmd.source.accountsFile} names ${names.join(', ')}`
          : `unknown account "${safe(name, 40)}" in ${cmd.name}: without --accounts the only account is "${DEFAULT_ACCOUNT}"`,
        EXIT_USAGE,
      );
    };
    const fallback = cmd.account !== null ? known(cmd.account) : several ? null : DEFAULT_ACCOUNT;
    for (const t of targets as Target[]) {
      const account = t.account !== null ? known(t.account) : fallback;
      if (account === null) {
        throw new CliError(
          `${cmd.name}: which account is ${t.id} in? write ACCOUNT:${t.id} or add --account NAME (ids can repeat across accounts)`,
          EXIT_USAGE,
        );
      }
      ids.set(account, [...(ids.get(account) ?? []), t.id]);
    }
    // ack --mine: every account, or the one --account names.
    if (cmd.name === 'ack' && cmd.mine) for (const n of fallback ? [fallback] : names) ids.set(n, []);
    return new Set(ids.keys());
  });
  let failed = 0;
  try {
    for (const s of sources) {
      try {
        await actOn(s, ids.get(s.account) ?? [], cmd, ctx);
      } catch (err) {
        if (!several) throw err;
        failed++;
        const { line } = describeFailure(err, (t) => ctx.logger.redact(t));
        ctx.err(`${line.replace(/^oncall-companion: /, `oncall-companion: account ${s.account}: `)}\n`);
      }
    }
  } finally {
    await Promise.allSettled(sources.map((s) => s.opened.close()));
  }
  return failed ? 1 : 0;
}

/** The action on one account's incidents, waiting for its outcome. */
async function actOn(
  { opened, account }: AccountSource,
  ids: string[],
  cmd: ActionCommand,
  ctx: CliContext,
): Promise<number> {
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
          report(ctx, cmd.json, {
            type: 'action.none',
            account,
            message: 'no triggered incidents assigned to you',
          });
          return 0;
        }
      } else {
        accepted = await companion.acknowledge(ids);
      }
    } else if (cmd.name === 'resolve') {
      verb = 'resolved';
      accepted = await companion.resolve(ids);
    } else {
      verb = `snoozed for ${formatDuration(cmd.seconds)}`;
      accepted = await companion.snooze(ids[0]!, cmd.seconds);
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
      return all.some((o) => o.type === 'action.failed') || accepted.incidentIds.every((id) => done.has(id));
    };
    const last = await unlessStopped(ctx, tap.waitFor(settled, OUTCOME_WAIT_MS));
    if (last === null) {
      throw new CliError(
        `not confirmed within ${OUTCOME_WAIT_MS / 1000} s; the action is saved and will be sent the next ` +
          'time oncall-companion runs (e.g. watch)',
      );
    }
    const all = outcomes();
    if (cmd.json) for (const o of all) ctx.out(JSON.stringify({ ...o, account }));
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
}

function report(ctx: CliContext, json: boolean, r: { type: string; account: string; message: string }): void {
  ctx.out(json ? JSON.stringify({ ...r, at: new Date().toISOString() }) : r.message);
}
