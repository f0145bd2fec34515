/**
 * The listing routes of the simulator: `GET /incidents` (filters, time window, sorting, includes) and
 * `GET /oncalls` (time range, earliest), both with PagerDuty's offset paging.
 */
import type { ApiAnswer, ApiContext } from './api-routes.js';
import type { SimIncident } from './model.js';
import { queryOncalls } from './oncalls.js';
import { invalid, page, parsePaging, type Query } from './http-util.js';
import { pdIncident, pdOncall } from './wire.js';

/** `GET /incidents`. */
export function listIncidents(ctx: ApiContext, q: Query): ApiAnswer {
  const p = parsePaging(q);
  const statuses = q.list('statuses');
  const userIds = q.list('user_ids');
  const teamIds = q.list('team_ids');
  const serviceIds = q.list('service_ids');
  const urgencies = q.list('urgencies');
  const all = q.one('date_range') === 'all';
  const now = ctx.clock.now();
  const since = all ? undefined : (q.time('since') ?? now - 30 * 86_400_000);
  const until = all ? undefined : q.time('until');
  for (const s of statuses)
    if (!['triggered', 'acknowledged', 'resolved'].includes(s))
      throw invalid('Status must be a list of triggered, acknowledged, or resolved.');
  for (const u of urgencies)
    if (!['high', 'low'].includes(u)) throw invalid('Urgencies must be high or low.');
  let items = ctx.state.all().filter((i) => {
    if (statuses.length && !statuses.includes(i.status)) return false;
    if (userIds.length && !i.assignments.some((a) => userIds.includes(a.userId))) return false;
    if (teamIds.length && !teamIds.includes(i.service.teamId)) return false;
    if (serviceIds.length && !serviceIds.includes(i.service.id)) return false;
    if (urgencies.length && !urgencies.includes(i.urgency)) return false;
    if (since !== undefined && i.createdAt < since) return false;
    if (until !== undefined && i.createdAt >= until) return false;
    return true;
  });
  items = sortIncidents(items, q.one('sort_by'));
  const include = new Set(q.list('include'));
  const pg = page(items, p);
  return {
    status: 200,
    body: {
      incidents: pg.items.map((i) => pdIncident(i, include, ctx.plan)),
      limit: pg.limit,
      offset: pg.offset,
      more: pg.more,
      total: pg.total,
    },
  };
}

function sortIncidents(items: SimIncident[], sortBy: string | undefined): SimIncident[] {
  const keys = (sortBy ?? 'created_at:asc').split(',').slice(0, 2);
  const fields: Record<string, (i: SimIncident) => number> = {
    created_at: (i) => i.createdAt,
    incident_number: (i) => i.number,
    resolved_at: (i) => i.resolvedAt ?? Infinity,
    urgency: (i) => (i.urgency === 'high' ? 1 : 0),
  };
  const cmp = keys.map((k) => {
    const [field = '', dir = 'asc'] = k.split(':');
    const get = fields[field];
    if (!get || !['asc', 'desc'].includes(dir)) throw invalid(`Invalid sort_by: ${k}`);
    const sign = dir === 'desc' ? -1 : 1;
    return (a: SimIncident, b: SimIncident) => sign * (get(a) - get(b));
  });
  return [...items].sort((a, b) => {
    for (const c of cmp) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return a.number - b.number;
  });
}

/** `GET /oncalls`. */
export function listOncalls(ctx: ApiContext, q: Query): ApiAnswer {
  const p = parsePaging(q);
  const now = ctx.clock.now();
  const since = q.time('since') ?? now;
  const until = q.time('until') ?? since;
  if (until < since) throw invalid('until must be after since');
  if (until > now + 90 * 86_400_000 + 60_000)
    throw invalid('until may not be more than 90 days in the future');
  const hits = queryOncalls(ctx.oncalls.entries(since, until), {
    userIds: q.list('user_ids'),
    escalationPolicyIds: q.list('escalation_policy_ids'),
    scheduleIds: q.list('schedule_ids'),
    since,
    until,
    earliest: q.flag('earliest'),
  });
  const pg = page(hits, p);
  return {
    status: 200,
    body: {
      oncalls: pg.items.map(pdOncall),
      limit: pg.limit,
      offset: pg.offset,
      more: pg.more,
      total: pg.total,
    },
  };
}
