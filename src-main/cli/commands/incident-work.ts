/**
 * `oncall-companion reassign | escalate | responders | priority | urgency | status-update | merge`:
 * one incident-work action through the durable queue, waiting for its outcome. People, policies and
 * priorities are named by id, email or name (a part of it, as in the window's search); a name that
 * matches several exits 2 listing them, one that matches none exits 2 saying so.
 */
import type { ActionAccepted, Companion } from '../../core/companion-types.js';
import type { CoreEvent, EventOf } from '../../core/events.js';
import type { ActionWorkCommand } from '../work-args.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { safe } from '../format.js';
import { afterFirstSync, unlessStopped, type CliContext } from '../session.js';

const SYNC_WAIT_MS = 30_000;
const OUTCOME_WAIT_MS = 30_000;
const LOOKS_LIKE_ID = /^P[A-Z0-9]{5,}$/;

type Outcome = EventOf<'action.done'> | EventOf<'action.failed'>;

/** Something a name can pick: its id, its name and (people) its email. */
interface Named {
  id: string;
  name: string;
  email?: string;
}

/**
 * Picks the one item a name means: an exact id, email or name (any case) wins; else the items whose
 * name or email contains it. None or several is a usage error naming the candidates.
 */
export function pickOne<T extends Named>(items: readonly T[], given: string, what: string): T {
  const g = given.trim().toLowerCase();
  const exact = items.filter(
    (i) => i.id.toLowerCase() === g || i.name.toLowerCase() === g || i.email?.toLowerCase() === g,
  );
  if (exact.length === 1) return exact[0]!;
  const partial =
    exact.length > 1 ? exact : items.filter((i) => `${i.name}\n${i.email ?? ''}`.toLowerCase().includes(g));
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) throw new CliError(`no ${what} matches "${safe(given, 80)}"`, EXIT_USAGE);
  const list = partial
    .slice(0, 20)
    .map((i) => `${safe(i.name, 60)}${i.email ? ` <${safe(i.email, 80)}>` : ''} (${i.id})`)
    .join(', ');
  const more = partial.length > 20 ? ` and ${partial.length - 20} more` : '';
  throw new CliError(
    `"${safe(given, 80)}" matches ${partial.length} ${what}s: ${list}${more}; give the id or the email`,
    EXIT_USAGE,
  );
}

async function resolveUser(c: Companion, given: string): Promise<Named> {
  const found = await c.findUsers(given);
  if (found.length === 0 && LOOKS_LIKE_ID.test(given)) {
    const all = await c.findUsers('');
    const byId = all.find((u) => u.id === given);
    if (byId) return byId;
  }
  return pickOne(found, given, 'user');
}

async function resolvePolicy(c: Companion, given: string): Promise<Named> {
  let found: Named[] = await c.findPolicies(given);
  if (found.length === 0) found = (await c.findPolicies('')).filter((p) => p.id === given);
  return pickOne(found, given, 'escalation policy');
}

/** Queues the command's action; what it did, in words. */
async function act(
  c: Companion,
  cmd: ActionWorkCommand,
): Promise<{ accepted: ActionAccepted; done: string }> {
  switch (cmd.name) {
    case 'reassign': {
      if (cmd.policy !== null) {
        const p = await resolvePolicy(c, cmd.policy);
        return {
          accepted: await c.reassign(cmd.id, { policyId: p.id }),
          done: `reassigned ${cmd.id} to the escalation policy ${p.name}`,
        };
      }
      const u = await resolveUser(c, cmd.to ?? '');
      return {
        accepted: await c.reassign(cmd.id, { userIds: [u.id] }),
        done: `reassigned ${cmd.id} to ${u.name}`,
      };
    }
    case 'escalate':
      return {
        accepted: await c.escalate(cmd.id, cmd.level),
        done: `escalated ${cmd.id} to level ${cmd.level}`,
      };
    case 'responders': {
      const people: Named[] = [];
      for (const u of cmd.users) people.push(await resolveUser(c, u));
      return {
        accepted: await c.addResponders(
          cmd.id,
          people.map((p) => p.id),
          cmd.message,
        ),
        done: `asked ${people.map((p) => p.name).join(', ')} to join ${cmd.id}`,
      };
    }
    case 'priority': {
      const all = await c.priorities();
      if (all.length === 0)
        throw new CliError(
          'this PagerDuty account has no priorities (none are set up, or the plan lacks them)',
        );
      const p = pickOne(all, cmd.priority, 'priority');
      return {
        accepted: await c.setPriority(cmd.id, p.id),
        done: `set the priority of ${cmd.id} to ${p.name}`,
      };
    }
    case 'urgency':
      return {
        accepted: await c.setUrgency(cmd.id, cmd.urgency),
        done: `set the urgency of ${cmd.id} to ${cmd.urgency}`,
      };
    case 'status-update':
      return {
        accepted: await c.statusUpdate(cmd.id, cmd.message),
        done: `posted a status update on ${cmd.id}`,
      };
    case 'merge':
      return {
        accepted: await c.merge(cmd.into, cmd.ids),
        done: `merged ${cmd.ids.join(' ')} into ${cmd.into}`,
      };
  }
}

/** Runs one incident-work command; resolves with the exit code (0 done, 1 failed or not confirmed). */
export async function runIncidentWork(cmd: ActionWorkCommand, ctx: CliContext): Promise<number> {
  return afterFirstSync(cmd.name, cmd.source, ctx, SYNC_WAIT_MS, async (companion, tap) => {
    const { accepted, done } = await act(companion, cmd);
    const isOutcome = (e: CoreEvent): e is Outcome =>
      (e.type === 'action.done' || (e.type === 'action.failed' && e.final)) &&
      e.action.id === accepted.actionId;
    const last = await unlessStopped(ctx, tap.waitFor(isOutcome, OUTCOME_WAIT_MS));
    if (last === null || !isOutcome(last))
      throw new CliError(
        `not confirmed within ${OUTCOME_WAIT_MS / 1000} s; the action is saved and will be sent the next ` +
          'time oncall-companion runs (e.g. watch)',
      );
    if (cmd.json) ctx.out(JSON.stringify(last));
    if (last.type === 'action.failed')
      throw new CliError(
        `${cmd.name} ${cmd.name === 'merge' ? cmd.into : cmd.id} failed: ${safe(last.error, 300)}`,
      );
    if (!cmd.json) ctx.out(done);
    return 0;
  });
}
