/**
 * `oncall-companion services [SEARCH]` and `who SERVICE`: who owns what. Each service I can see, its
 * team, its escalation policy and who is on call at each level now, and my open incidents on it,
 * from the companion's ownership cache (one `GET /services` and `GET /oncalls` for their policies).
 */
import type { ServiceOwnership } from '../../core/domain.js';
import type { WorkCommand } from '../work-args.js';
import { safe } from '../format.js';
import { afterFirstSync, type CliContext } from '../session.js';
import { pickOne } from './incident-work.js';

type ServicesCommand = Extract<WorkCommand, { name: 'services' | 'who' }>;

const SYNC_WAIT_MS = 30_000;

function levelsText(o: ServiceOwnership): string[] {
  if (o.levels.length === 0) return ['  nobody on call now (or the policy could not be read)'];
  return o.levels.map(
    (l) => `  level ${l.level}: ${l.users.map((u) => safe(u.summary, 80)).join(', ') || 'nobody'}`,
  );
}

function header(o: ServiceOwnership): string {
  const teams = o.service.teams.map((t) => safe(t.summary, 60)).join(', ') || 'no team';
  return `${safe(o.service.name, 80)} (${teams}) · ${safe(o.service.escalationPolicy.summary, 80)} · open: ${o.openIncidents}`;
}

/** Runs `services` or `who`; resolves with the exit code. */
export async function runServices(cmd: ServicesCommand, ctx: CliContext): Promise<number> {
  return afterFirstSync(cmd.name, cmd.source, ctx, SYNC_WAIT_MS, async (companion) => {
    if (cmd.name === 'services') {
      const answer = await companion.services(cmd.query);
      const all = answer.services;
      if (cmd.json) ctx.out(JSON.stringify(answer));
      else if (all.length === 0) ctx.out('no services match');
      else for (const o of all) ctx.out([header(o), ...levelsText(o)].join('\n'));
      if (answer.stale && !cmd.json) ctx.err(answer.stale);
      return 0;
    }
    const found = (await companion.services(cmd.service)).services;
    // Both answers come from the one cache: the second costs no request.
    const list = found.length > 0 ? found : (await companion.services('')).services;
    const one = pickOne(
      list.map((o) => ({ id: o.service.id, name: o.service.name, o })),
      cmd.service,
      'service',
    ).o;
    if (cmd.json) ctx.out(JSON.stringify(one));
    else ctx.out([header(one), ...levelsText(one)].join('\n'));
    return 0;
  });
}
