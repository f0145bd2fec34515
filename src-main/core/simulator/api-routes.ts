/**
 * The PagerDuty REST API v2 routes the app uses, answered from the simulator's state with PagerDuty's
 * shapes, paging, filters and errors. Authentication and `From` are checked before a route runs.
 */
import { z } from 'zod';
import type { Clock } from '../ports.js';
import {
  SIM_ME,
  SIM_PRIORITIES,
  SIM_USERS,
  policyById,
  priorityById,
  userByEmail,
  userById,
  type SimPlan,
} from './fixtures.js';
import { incidentAnswer, routeDirectory, routeIncidentWork } from './work-routes.js';
import { SimConflict, type SimIncident, type SimState } from './model.js';
import { onCallAt } from './oncalls.js';
import type { SimRoster } from './schedules.js';
import { listIncidents, listOncalls } from './list-routes.js';
import { routeSchedules } from './schedule-routes.js';
import { pdError, invalid, notFound, page, parsePaging, type Query, HttpError } from './http-util.js';
import { pdIncident, pdLogEntry, pdNote, pdUser, ref } from './wire.js';
import { SIM_TEAMS } from './fixtures.js';
import type { TeamHistoryRoutes } from './team-history.js';

/** What a route needs. */
export interface ApiContext {
  state: SimState;
  clock: Clock;
  oncalls: SimRoster;
  /** Arms the timer that ends a snooze. */
  onSnoozed(inc: SimIncident): void;
  /** A team's past weeks (the Team view's data), when served. */
  teamHistory?: TeamHistoryRoutes | null;
  /** What the account's plan includes (responders, priorities). */
  plan: SimPlan;
}

/** One API call, already authenticated. */
export interface ApiCall {
  method: string;
  path: string;
  query: Query;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A route's answer. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

const ACCOUNT_ME_ERROR =
  'Because this request was made using an account-level access token, we were unable to determine the user. ' +
  'Please use a user-level access token or a From header.';

/** Checks `Authorization`; returns whether the key is account-level. Throws 401 when missing or malformed. */
export function authenticate(headers: ApiCall['headers']): { accountKey: boolean } {
  const raw = headers.authorization;
  const value = typeof raw === 'string' ? raw.trim() : '';
  const m = /^Token token=(\S+)$/.exec(value) ?? /^Bearer (\S+)$/.exec(value);
  if (!m) throw pdError(401, 'Authentication failed', 2006);
  return { accountKey: m[1]!.startsWith('account-') };
}

/** The acting user of a write: the `From` user, who must exist. */
function actor(headers: ApiCall['headers']): string {
  const from = headers.from;
  const email = typeof from === 'string' ? from : '';
  if (!email) {
    throw pdError(400, 'Invalid Input Provided', 2001, [
      'You must specify a user\'s email address in the "From" header to perform this action',
    ]);
  }
  const user = userByEmail(email);
  if (!user) throw pdError(400, 'Invalid Input Provided', 2001, ['Requester User Not Found']);
  return user.id;
}

const incidentUpdate = z.object({
  id: z.string().optional(),
  type: z.enum(['incident', 'incident_reference']),
  status: z.enum(['acknowledged', 'resolved', 'triggered']).optional(),
  escalation_level: z.number().int().min(1).optional(),
  resolution: z.string().optional(),
  assignments: z
    .array(z.object({ assignee: z.object({ id: z.string(), type: z.literal('user_reference') }) }))
    .min(1)
    .optional(),
  escalation_policy: z
    .object({ id: z.string().min(1), type: z.literal('escalation_policy_reference') })
    .optional(),
  urgency: z.enum(['high', 'low']).optional(),
  priority: z
    .union([
      z.object({ id: z.string().min(1), type: z.enum(['priority', 'priority_reference']) }),
      z.string().min(1),
      z.null(),
    ])
    .optional(),
});
const putOne = z.object({ incident: incidentUpdate });
const putMany = z.object({ incidents: z.array(incidentUpdate.extend({ id: z.string() })) });
const snoozeBody = z.object({ duration: z.number().int().min(1).max(604800) });
const noteBody = z.object({ note: z.object({ content: z.string().min(1).max(25_000) }) });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw invalid(...r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
  return r.data;
}

/** Applies one update; conflicts propagate as SimConflict. */
function applyUpdate(ctx: ApiContext, inc: SimIncident, u: z.infer<typeof incidentUpdate>, by: string): void {
  const now = ctx.clock.now();
  if (u.assignments) {
    const ids = u.assignments.map((a) => a.assignee.id);
    for (const id of ids) if (!userById(id)) throw invalid(`Assignee ${id} not found`);
    ctx.state.reassign(inc, ids, { kind: 'user', id: by }, now);
  }
  if (u.escalation_policy) {
    const policy = policyById(u.escalation_policy.id);
    if (!policy) throw invalid(`Escalation policy ${u.escalation_policy.id} not found`);
    const first = onCallAt(ctx.oncalls.entries(now, now), policy.id, 1, now);
    if (!first) throw invalid('Nobody is on call at the first level of that escalation policy');
    ctx.state.setPolicy(inc, policy.id, [first], { kind: 'user', id: by }, now);
  }
  if (u.urgency !== undefined) ctx.state.setUrgency(inc, u.urgency, by, now);
  if (u.priority !== undefined) {
    if (!ctx.plan.priorities && u.priority !== null) throw invalid('This account has no priorities');
    const p =
      u.priority === null
        ? null
        : typeof u.priority === 'string'
          ? SIM_PRIORITY_BY_NAME(u.priority)
          : priorityById(u.priority.id);
    if (p === undefined) throw invalid('Priority not found');
    ctx.state.setPriority(inc, p ? p.id : null, now);
  }
  if (u.escalation_level !== undefined) {
    const target = onCallAt(ctx.oncalls.entries(now, now), inc.escalationPolicyId, u.escalation_level, now);
    if (!target || u.escalation_level > 2) throw invalid('Escalation level does not exist on the policy');
    ctx.state.reassign(inc, [target], { kind: 'user', id: by }, now, u.escalation_level);
  }
  if (u.status === 'acknowledged') ctx.state.acknowledge(inc, by, now);
  else if (u.status === 'resolved') ctx.state.resolve(inc, by, now);
  else if (u.status === 'triggered' && inc.status !== 'triggered') {
    throw invalid('The simulator does not support reopening or unacknowledging incidents');
  }
}

function SIM_PRIORITY_BY_NAME(name: string): { id: string } | undefined {
  return SIM_PRIORITIES.find((p) => p.name.toLowerCase() === name.toLowerCase());
}

function conflictToHttp(e: unknown): never {
  if (e instanceof SimConflict) throw pdError(400, e.message, e.code, [e.message]);
  throw e;
}

/** Routes one authenticated API call; throws HttpError for error answers. */
export function routeApi(ctx: ApiContext, call: ApiCall, accountKey: boolean): ApiAnswer {
  const { method, path, query } = call;
  const seg = path.replace(/\/+$/, '').split('/').slice(1);
  const team = ctx.teamHistory?.route({ method, path, query, body: call.body });
  if (team) return team;
  if (method === 'GET' && path === '/teams') {
    const teams = [...SIM_TEAMS, ...(ctx.teamHistory ? [ctx.teamHistory.team] : [])];
    const needle = (query.one('query') ?? '').toLowerCase();
    const pg = page(
      teams.filter((t) => !needle || t.name.toLowerCase().includes(needle)),
      parsePaging(query),
    );
    return {
      status: 200,
      body: {
        teams: pg.items.map((t) => ({
          ...ref('team', 'teams', t.id, t.name),
          type: 'team',
          name: t.name,
          description: '',
        })),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  const isWrite = method !== 'GET' && method !== 'HEAD';
  // Writes need a known `From`; with a user key the token's owner (me) acts, with an account key the From user.
  const from = isWrite ? actor(call.headers) : null;
  const writer = accountKey ? from : SIM_ME.id;
  const find = (id: string): SimIncident =>
    ctx.state.find(decodeURIComponent(id)) ??
    (() => {
      throw notFound();
    })();

  if (method === 'GET' && path === '/users/me') {
    if (accountKey) throw new HttpError(400, { error: ACCOUNT_ME_ERROR });
    return { status: 200, body: { user: pdUser(SIM_ME) } };
  }
  if (seg[0] === 'users' && seg.length === 2 && method === 'GET') {
    const u = userById(seg[1]!);
    if (!u) throw notFound();
    return { status: 200, body: { user: pdUser(u) } };
  }
  if (method === 'GET' && path === '/users') {
    const needle = (query.one('query') ?? '').toLowerCase();
    const users = SIM_USERS.filter(
      (u) => !needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle),
    );
    const pg = page(users, parsePaging(query));
    return {
      status: 200,
      body: {
        users: pg.items.map(pdUser),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  if (method === 'GET' && path === '/oncalls') return listOncalls(ctx, query);
  const directory = routeDirectory(ctx, call);
  if (directory) return directory;
  const scheduleAnswer = routeSchedules(ctx, call);
  if (scheduleAnswer) return scheduleAnswer;
  if (seg[0] !== 'incidents') throw notFound();
  if (seg.length === 1 && method === 'GET') return listIncidents(ctx, query);
  if (seg.length === 1 && method === 'PUT') {
    const body = call.body as { incidents?: unknown[] } | undefined;
    if (Array.isArray(body?.incidents) && body.incidents.length > 250) {
      throw pdError(413, 'Request Entity Too Large', 2001, [
        'At most 250 incidents may be updated at a time',
      ]);
    }
    const parsed = parseBody(putMany, call.body);
    const targets = parsed.incidents.map((u) => ({ u, inc: ctx.state.find(u.id) }));
    const missing = targets.filter((t) => !t.inc).map((t) => t.u.id);
    if (missing.length)
      throw pdError(
        404,
        'Not Found',
        2100,
        missing.map((id) => `Incident ${id} not found`),
      );
    for (const t of targets) {
      try {
        applyUpdate(ctx, t.inc!, t.u, writer!);
      } catch (e) {
        // Already in the asked state: PagerDuty leaves it and reports it unchanged in bulk.
        if (!(e instanceof SimConflict)) throw e;
      }
    }
    const incidents = targets.map((t) => pdIncident(t.inc!, new Set(), ctx.plan));
    return { status: 200, body: { incidents, limit: incidents.length, offset: 0, more: false, total: null } };
  }
  const inc = find(seg[1]!);
  if (seg.length === 2 && method === 'GET')
    return { status: 200, body: incidentAnswer(ctx, inc, new Set(query.list('include'))) };
  if (seg.length === 3) {
    const work = routeIncidentWork(ctx, call, inc, seg[2]!, writer);
    if (work) return work;
  }
  if (seg.length === 2 && method === 'PUT') {
    const { incident } = parseBody(putOne, call.body);
    try {
      applyUpdate(ctx, inc, incident, writer!);
    } catch (e) {
      conflictToHttp(e);
    }
    return { status: 200, body: incidentAnswer(ctx, inc) };
  }
  if (seg.length === 3 && seg[2] === 'snooze' && method === 'POST') {
    const { duration } = parseBody(snoozeBody, call.body);
    try {
      ctx.state.snooze(inc, writer!, duration, ctx.clock.now());
    } catch (e) {
      conflictToHttp(e);
    }
    ctx.onSnoozed(inc);
    return { status: 201, body: incidentAnswer(ctx, inc) };
  }
  if (seg.length === 3 && seg[2] === 'notes' && method === 'POST') {
    const { note } = parseBody(noteBody, call.body);
    return {
      status: 200,
      body: { note: pdNote(ctx.state.addNote(inc, writer!, note.content, ctx.clock.now())) },
    };
  }
  if (seg.length === 3 && seg[2] === 'notes' && method === 'GET') {
    return { status: 200, body: { notes: inc.notes.map(pdNote) } };
  }
  if (seg.length === 3 && seg[2] === 'log_entries' && method === 'GET') {
    const pg = page(inc.logEntries, parsePaging(query));
    return {
      status: 200,
      body: {
        log_entries: pg.items.map((e) => pdLogEntry(inc, e)),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  throw notFound();
}
