/**
 * The routes that work an incident beyond acknowledge and resolve: its alerts, the escalation policies
 * and priorities to pick from, responder requests (a 402 when the plan lacks them), status updates and
 * merges, each applied to the simulator's state with PagerDuty's shapes.
 */
import { z } from 'zod';
import {
  SIM_ESCALATION_POLICIES,
  SIM_PRIORITIES,
  SIM_SERVICES,
  policyById,
  userById,
  type SimPlan,
} from './fixtures.js';
import { SimConflict, type SimIncident } from './model.js';
import type { HttpError } from './http-util.js';
import { invalid, page, parsePaging, pdError } from './http-util.js';
import type { ApiAnswer, ApiCall, ApiContext } from './api-routes.js';
import {
  pdAlert,
  pdChangeEvent,
  pdEscalationPolicy,
  pdIncident,
  pdPriority,
  pdResponderRequest,
  pdService,
  pdStatusUpdate,
  ref,
} from './wire.js';

/** The answer PagerDuty gives when the account's plan lacks a feature. */
export function paymentRequired(feature: string): HttpError {
  return pdError(402, 'Payment Required', 2012, [`Your account's plan does not include ${feature}.`]);
}

const target = z.object({
  id: z.string().min(1),
  type: z.enum(['user_reference', 'escalation_policy_reference']),
});
const responderBody = z.object({
  requester_id: z.string().min(1),
  message: z.string().min(1).max(10_000),
  responder_request_targets: z
    .array(z.union([z.object({ responder_request_target: target }), target]))
    .min(1)
    .max(50),
});
const statusUpdateBody = z.object({
  message: z.string().min(1).max(50_000),
  subject: z.string().optional(),
  html_message: z.string().optional(),
});
const mergeBody = z.object({
  source_incidents: z
    .array(z.object({ id: z.string().min(1), type: z.literal('incident_reference') }))
    .min(1)
    .max(100),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw invalid(...r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
  return r.data;
}

function conflict(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimConflict) throw pdError(400, e.message, e.code, [e.message]);
    throw e;
  }
}

/** Does a policy have a level 2 in the simulated roster? */
function hasLevel2(ctx: ApiContext, policyId: string): boolean {
  return ctx.oncalls
    .entries(ctx.clock.now(), ctx.clock.now())
    .some((o) => o.escalationPolicyId === policyId && o.escalationLevel === 2);
}

/** `GET /escalation_policies`, `GET /services` and `GET /priorities`, or null for other calls. */
export function routeDirectory(ctx: ApiContext & { plan: SimPlan }, call: ApiCall): ApiAnswer | null {
  if (call.method !== 'GET') return null;
  if (call.path === '/escalation_policies') {
    const needle = (call.query.one('query') ?? '').toLowerCase();
    const pg = page(
      SIM_ESCALATION_POLICIES.filter((p) => !needle || p.name.toLowerCase().includes(needle)),
      parsePaging(call.query),
    );
    return {
      status: 200,
      body: {
        escalation_policies: pg.items.map((p) => pdEscalationPolicy(p, hasLevel2(ctx, p.id))),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  if (call.path === '/services') {
    const needle = (call.query.one('query') ?? '').toLowerCase();
    const pg = page(
      SIM_SERVICES.filter((s) => !needle || s.name.toLowerCase().includes(needle)),
      parsePaging(call.query),
    );
    return {
      status: 200,
      body: {
        services: pg.items.map(pdService),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  if (call.path === '/priorities') {
    const pg = page(ctx.plan.priorities ? SIM_PRIORITIES : [], parsePaging(call.query));
    return {
      status: 200,
      body: {
        priorities: pg.items.map(pdPriority),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  return null;
}

/**
 * `GET /incidents/{id}/alerts`, `GET .../related_change_events`, `POST .../responder_requests`,
 * `POST .../status_updates` and `PUT .../merge` on one incident, or null for other calls. `writer` is the acting user of a write.
 */
export function routeIncidentWork(
  ctx: ApiContext & { plan: SimPlan },
  call: ApiCall,
  inc: SimIncident,
  sub: string,
  writer: string | null,
): ApiAnswer | null {
  const now = ctx.clock.now();
  if (sub === 'alerts' && call.method === 'GET') {
    const statuses = call.query.list('statuses');
    const alerts = inc.alerts.filter((a) => statuses.length === 0 || statuses.includes(a.status));
    const pg = page(alerts, parsePaging(call.query));
    return {
      status: 200,
      body: {
        alerts: pg.items.map((a) => pdAlert(inc, a)),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  if (sub === 'related_change_events' && call.method === 'GET') {
    // An account without change correlation answers 404 (the app then hides the section).
    if (!ctx.plan.changeEvents) throw pdError(404, 'Not Found', 2100, ['Change correlation is not enabled']);
    const pg = page(inc.changeEvents, parsePaging(call.query));
    return {
      status: 200,
      body: {
        change_events: pg.items.map((e) => pdChangeEvent(inc, e)),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  if (sub === 'responder_requests' && call.method === 'POST') {
    if (!ctx.plan.responders) throw paymentRequired('adding responders');
    const b = parse(responderBody, call.body);
    if (!userById(b.requester_id)) throw invalid(`Requester ${b.requester_id} not found`);
    const targets = b.responder_request_targets.map((t) =>
      'responder_request_target' in t ? t.responder_request_target : t,
    );
    for (const t of targets) {
      const known = t.type === 'user_reference' ? userById(t.id) : policyById(t.id);
      if (!known) throw invalid(`Responder ${t.id} not found`);
    }
    let made: ReturnType<typeof ctx.state.addResponderRequest> | null = null;
    conflict(() => {
      made = ctx.state.addResponderRequest(inc, b.requester_id, b.message, targets, now);
    });
    return { status: 200, body: { responder_request: pdResponderRequest(inc, made!) } };
  }
  if (sub === 'status_updates' && call.method === 'POST') {
    const b = parse(statusUpdateBody, call.body);
    const u = ctx.state.addStatusUpdate(inc, writer!, b.message, now);
    return { status: 200, body: { status_update: pdStatusUpdate(u) } };
  }
  if (sub === 'merge' && call.method === 'PUT') {
    const b = parse(mergeBody, call.body);
    const sources = b.source_incidents.map((s) => {
      const found = ctx.state.find(s.id);
      if (!found) throw pdError(404, 'Not Found', 2100, [`Incident ${s.id} not found`]);
      return found;
    });
    conflict(() => ctx.state.merge(inc, sources, writer!, now));
    return {
      status: 200,
      body: {
        incident: {
          ...ref('incident', 'incidents', inc.id, `[#${inc.number}] ${inc.title}`),
          type: 'incident_reference',
        },
      },
    };
  }
  return null;
}

/** An incident answer with the plan applied (responder requests only when the plan has them). */
export function incidentAnswer(
  ctx: ApiContext & { plan: SimPlan },
  inc: SimIncident,
  include: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  return { incident: pdIncident(inc, include, ctx.plan) };
}
