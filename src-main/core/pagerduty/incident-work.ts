/**
 * Working an incident over the REST API v2 beyond acknowledge and resolve: its alerts, the people,
 * escalation policies and priorities to pick from, reassign (user or policy), escalate, urgency,
 * priority, responders, status updates and merges. Every answer is validated with zod; a bad item in a
 * listing is skipped with its reason (logged), the rest kept.
 */
import { z } from 'zod';
import type {
  Alert,
  ChangeEventInfo,
  ConferenceBridge,
  EscalationPolicyInfo,
  Incident,
  Priority,
  ResponderRequestInfo,
  ServiceInfo,
  Urgency,
  User,
} from '../domain.js';
import type { Logger } from '../ports.js';
import type { CallOptions, Listing, UpdateResult } from './api.js';
import { PagerDutyError, isPagerDutyError, messages } from './errors.js';
import type { HttpAnswer, RequestSpec } from './http.js';
import { toIncident, toRef, toUser, toUtcIso } from './map.js';
import type { PageSpec } from './paging.js';
import { redactSecrets } from './redact.js';
import {
  formatIssues,
  incidentEnvelope,
  isoTime,
  usersEnvelope,
  wireIncident,
  wireRef,
  wireUser,
} from './schemas.js';

/** Who an incident is reassigned to: users, or an escalation policy (its first level). */
export type ReassignTarget = { userIds: string[] } | { policyId: string };

/** The incident-work operations. */
export interface IncidentWorkApi {
  /** GET /incidents/{id}?include[]=conference_bridge: the incident, its bridge and responder requests. */
  getIncidentWork(
    id: string,
    opts?: CallOptions,
  ): Promise<{
    incident: Incident;
    conferenceBridge: ConferenceBridge | null;
    responderRequests: ResponderRequestInfo[];
  }>;
  /** GET /incidents/{id}/alerts, every page. */
  listAlerts(id: string, opts?: CallOptions): Promise<Listing<Alert>>;
  /** GET /users?query= (name or email part), every page. */
  listUsers(query: string, opts?: CallOptions): Promise<Listing<User>>;
  /** GET /escalation_policies?query=, every page. */
  listEscalationPolicies(query: string, opts?: CallOptions): Promise<Listing<EscalationPolicyInfo>>;
  /** GET /services?query=, every page. */
  listServices(query: string, opts?: CallOptions): Promise<Listing<ServiceInfo>>;
  /**
   * GET /incidents/{id}/related_change_events (the first pages); null when the account has no change
   * correlation (404). Only `https:` links are kept.
   */
  listRelatedChangeEvents(id: string, opts?: CallOptions): Promise<Listing<ChangeEventInfo> | null>;
  /** GET /priorities; null when the account has none (404 or an empty list). */
  listPriorities(opts?: CallOptions): Promise<Listing<Priority> | null>;
  /** PUT /incidents/{id} with `assignments` or `escalation_policy`. */
  reassign(id: string, to: ReassignTarget, opts?: CallOptions): Promise<UpdateResult>;
  /** PUT /incidents/{id} with `escalation_level`. */
  escalate(id: string, level: number, opts?: CallOptions): Promise<UpdateResult>;
  /** PUT /incidents/{id} with `urgency`. */
  setUrgency(id: string, urgency: Urgency, opts?: CallOptions): Promise<UpdateResult>;
  /** PUT /incidents/{id} with `priority` (a reference; null clears it). */
  setPriority(id: string, priorityId: string | null, opts?: CallOptions): Promise<UpdateResult>;
  /** POST /incidents/{id}/responder_requests. A 402 (plan lacks it) is a `forbidden` error with status 402. */
  addResponders(
    id: string,
    req: { requesterId: string; userIds: string[]; message: string },
    opts?: CallOptions,
  ): Promise<void>;
  /** POST /incidents/{id}/status_updates. */
  postStatusUpdate(id: string, message: string, opts?: CallOptions): Promise<void>;
  /** PUT /incidents/{id}/merge with the source incidents. */
  merge(targetId: string, sourceIds: string[], opts?: CallOptions): Promise<void>;
}

/** Longest alert `body.details` kept, as JSON text; a larger one is replaced by a note saying so. */
export const MAX_ALERT_DETAILS_CHARS = 2_000_000;

const wireAlert = z.object({
  id: z.string().min(1),
  summary: z.string().nullish(),
  status: z.enum(['triggered', 'resolved']),
  severity: z.string().nullish(),
  created_at: isoTime,
  html_url: z.string().nullish(),
  alert_key: z.string().nullish(),
  service: wireRef.nullish(),
  body: z
    .object({
      details: z.unknown().optional(),
      cef_details: z.object({ source_origin: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
const wireTarget = wireRef.extend({ type: z.string().nullish() });
const wirePolicy = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  escalation_rules: z.array(
    z.object({
      escalation_delay_in_minutes: z.number().int().nullish(),
      targets: z.array(wireTarget),
    }),
  ),
  teams: z.array(wireRef).nullish(),
});
const wirePriority = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  description: z.string().nullish(),
});
const wireResponderRequest = z.object({
  id: z.string().nullish(),
  requester: wireRef.nullish(),
  requested_at: z.string().nullish(),
  message: z.string().nullish(),
  responder_request_targets: z.array(wireRef.passthrough()).nullish(),
});
const wireWorkExtras = z.object({
  conference_bridge: z
    .object({ conference_number: z.string().nullish(), conference_url: z.string().nullish() })
    .nullish(),
  responder_requests: z.array(z.unknown()).nullish(),
});
const wireService = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  description: z.string().nullish(),
  html_url: z.string().nullish(),
  teams: z.array(wireRef).nullish(),
  escalation_policy: wireRef,
});
const servicesEnvelope = z.object({ services: z.array(z.unknown()), more: z.boolean().nullish() });
const alertsEnvelope = z.object({ alerts: z.array(z.unknown()), more: z.boolean().nullish() });
const policiesEnvelope = z.object({ escalation_policies: z.array(z.unknown()), more: z.boolean().nullish() });
const wireChangeEvent = z.object({
  id: z.string().min(1),
  summary: z.string().nullish(),
  timestamp: isoTime,
  source: z.string().nullish(),
  services: z.array(wireRef.extend({ summary: z.string().nullish() })).nullish(),
  links: z.array(z.object({ href: z.string().nullish(), text: z.string().nullish() })).nullish(),
  correlation_reason: z.object({ reason: z.string().nullish() }).nullish(),
});
const changeEventsEnvelope = z.object({
  change_events: z.array(z.unknown()),
  more: z.boolean().nullish(),
});
/** Longest change-event summary or link text kept (PagerDuty allows 1024 characters). */
const MAX_CHANGE_TEXT = 2_000;
/** Most links kept per change event. */
const MAX_CHANGE_LINKS = 10;

/** An untrusted href as an `https:` URL without credentials, or null. */
function httpsOnly(href: string | null | undefined): string | null {
  if (!href || href.length > 4_000) return null;
  try {
    const u = new URL(href);
    return u.protocol === 'https:' && !u.username && !u.password ? u.toString() : null;
  } catch {
    return null;
  }
}

function toChangeEvent(w: z.infer<typeof wireChangeEvent>): ChangeEventInfo {
  const cut = (s: string | null | undefined): string | null =>
    s ? (s.length > MAX_CHANGE_TEXT ? `${s.slice(0, MAX_CHANGE_TEXT)}…` : s) : null;
  const links: ChangeEventInfo['links'] = [];
  for (const l of w.links ?? []) {
    const href = httpsOnly(l.href);
    if (href && !links.some((x) => x.href === href)) links.push({ href, text: cut(l.text) });
    if (links.length >= MAX_CHANGE_LINKS) break;
  }
  return {
    id: w.id,
    summary: cut(w.summary) ?? '(no summary)',
    timestamp: toUtcIso(w.timestamp),
    source: cut(w.source),
    // A bare reference (id only) names nothing readable: only services with a name are listed.
    services: (w.services ?? []).flatMap((s) => (s.summary ? [{ id: s.id, summary: s.summary }] : [])),
    links,
    reason: w.correlation_reason?.reason ?? null,
  };
}
const prioritiesEnvelope = z.object({ priorities: z.array(z.unknown()), more: z.boolean().nullish() });

function toAlert(w: z.infer<typeof wireAlert>): Alert {
  let details: unknown = w.body?.details ?? null;
  if (details !== null && typeof details === 'object') {
    const size = JSON.stringify(details).length;
    if (size > MAX_ALERT_DETAILS_CHARS)
      details = `(alert details of ${size} characters are too large to show; open the alert in PagerDuty)`;
  } else if (typeof details === 'string' && details.length > MAX_ALERT_DETAILS_CHARS) {
    details = `${details.slice(0, MAX_ALERT_DETAILS_CHARS)}…`;
  }
  return {
    id: w.id,
    summary: w.summary ?? '',
    status: w.status,
    severity: w.severity ?? null,
    source: w.body?.cef_details?.source_origin ?? null,
    createdAt: toUtcIso(w.created_at),
    htmlUrl: w.html_url ?? null,
    alertKey: w.alert_key ?? null,
    service: w.service ? toRef(w.service) : null,
    details,
  };
}

function toPolicy(w: z.infer<typeof wirePolicy>): EscalationPolicyInfo {
  return {
    id: w.id,
    name: w.name || w.summary || w.id,
    levels: w.escalation_rules.map((r, i) => ({
      level: i + 1,
      delayMinutes: r.escalation_delay_in_minutes ?? null,
      targets: r.targets.map((t) => ({
        ...toRef(t),
        type: (t.type ?? 'unknown').replace(/_reference$/, ''),
      })),
    })),
    teams: (w.teams ?? []).map(toRef),
  };
}

function toService(w: z.infer<typeof wireService>): ServiceInfo {
  return {
    id: w.id,
    name: w.name || w.summary || w.id,
    description: w.description ?? null,
    htmlUrl: w.html_url ?? null,
    teams: (w.teams ?? []).map(toRef),
    escalationPolicy: toRef(w.escalation_policy),
  };
}

function toPriority(w: z.infer<typeof wirePriority>): Priority {
  return { id: w.id, name: w.name || w.summary || w.id, description: w.description ?? null };
}

/** What the operations need from the client. */
export interface IncidentWorkDeps {
  request(spec: RequestSpec): Promise<HttpAnswer>;
  paginate<S extends z.ZodType, T>(p: PageSpec<S, T>): Promise<Listing<T>>;
  /** One incident write as a per-id result (item errors reported, not thrown). */
  writeOne(
    id: string,
    path: string,
    method: 'PUT' | 'POST',
    body: unknown,
    signal?: AbortSignal,
  ): Promise<UpdateResult>;
  from(): string | null;
  logger: Logger;
  secrets: readonly string[];
  host: string;
}

/** Creates the incident-work operations over the client's transport. */
export function createIncidentWorkOps(d: IncidentWorkDeps): IncidentWorkApi {
  const path = (id: string): string => `/incidents/${encodeURIComponent(id)}`;
  const bad = (what: string, reason: string): PagerDutyError =>
    new PagerDutyError(messages.invalidResponse(d.host, `${what}: ${redactSecrets(reason, d.secrets)}`), {
      kind: 'invalid_response',
    });
  const put = (id: string, incident: Record<string, unknown>, o?: CallOptions): Promise<UpdateResult> =>
    d.writeOne(id, path(id), 'PUT', { incident: { type: 'incident_reference', ...incident } }, o?.signal);
  const write = async (spec: Omit<RequestSpec, 'write' | 'from'>): Promise<void> => {
    await d.request({ ...spec, write: true, from: d.from() });
  };

  return {
    async getIncidentWork(id, o) {
      const p = path(id);
      const answer = await d.request({
        method: 'GET',
        path: p,
        query: { 'include[]': ['conference_bridge'] },
        signal: o?.signal,
        what: `incident ${id}`,
      });
      const env = incidentEnvelope.safeParse(answer.body);
      if (!env.success) throw bad(p, formatIssues(env.error));
      const inc = wireIncident.safeParse(env.data.incident);
      if (!inc.success) throw bad(p, formatIssues(inc.error));
      const extras = wireWorkExtras.safeParse(env.data.incident);
      const bridge = extras.success ? extras.data.conference_bridge : null;
      const requests: ResponderRequestInfo[] = [];
      (extras.success ? (extras.data.responder_requests ?? []) : []).forEach((raw, index) => {
        const r = wireResponderRequest.safeParse(raw);
        if (!r.success) {
          d.logger.warn('Skipped an invalid responder request', { index, reason: formatIssues(r.error) });
          return;
        }
        requests.push({
          id: r.data.id ?? null,
          requester: r.data.requester ? toRef(r.data.requester) : null,
          message: r.data.message ?? '',
          requestedAt: r.data.requested_at ?? null,
          targets: (r.data.responder_request_targets ?? []).map(toRef),
        });
      });
      return {
        incident: toIncident(inc.data),
        conferenceBridge:
          bridge && (bridge.conference_url || bridge.conference_number)
            ? { url: bridge.conference_url ?? null, number: bridge.conference_number ?? null }
            : null,
        responderRequests: requests,
      };
    },

    listAlerts(id, o) {
      return d.paginate({
        path: `${path(id)}/alerts`,
        key: 'alerts',
        envelope: alertsEnvelope,
        query: {},
        item: wireAlert,
        map: toAlert,
        what: 'alert',
        keyOf: (a) => a.id,
        signal: o?.signal,
      });
    },

    listUsers(query, o) {
      return d.paginate({
        path: '/users',
        key: 'users',
        envelope: usersEnvelope,
        query: { query: query || undefined },
        item: wireUser,
        map: toUser,
        what: 'user',
        keyOf: (u) => u.id,
        signal: o?.signal,
        maxPages: 10,
      });
    },

    listEscalationPolicies(query, o) {
      return d.paginate({
        path: '/escalation_policies',
        key: 'escalation_policies',
        envelope: policiesEnvelope,
        query: { query: query || undefined },
        item: wirePolicy,
        map: toPolicy,
        what: 'escalation policy',
        keyOf: (p) => p.id,
        signal: o?.signal,
        maxPages: 10,
      });
    },

    listServices(query, o) {
      return d.paginate({
        path: '/services',
        key: 'services',
        envelope: servicesEnvelope,
        query: { query: query || undefined },
        item: wireService,
        map: toService,
        what: 'service',
        keyOf: (s) => s.id,
        signal: o?.signal,
        maxPages: 20,
      });
    },

    async listRelatedChangeEvents(id, o) {
      // The operation declares `limit` only (no offset): one page of the most relevant ones.
      const p = `${path(id)}/related_change_events`;
      let answer: HttpAnswer;
      try {
        answer = await d.request({
          method: 'GET',
          path: p,
          query: { limit: 100 },
          signal: o?.signal,
          what: `change events of incident ${id}`,
        });
      } catch (e) {
        if (isPagerDutyError(e) && e.kind === 'not_found') return null;
        throw e;
      }
      const env = changeEventsEnvelope.safeParse(answer.body);
      if (!env.success) throw bad(p, formatIssues(env.error));
      const items: ChangeEventInfo[] = [];
      const skipped: Listing<ChangeEventInfo>['skipped'] = [];
      env.data.change_events.forEach((raw, index) => {
        const r = wireChangeEvent.safeParse(raw);
        if (!r.success) {
          const reason = formatIssues(r.error);
          d.logger.warn('Skipped an invalid change event', { index, reason });
          const rid = (raw as { id?: unknown } | null)?.id;
          skipped.push({ index, id: typeof rid === 'string' ? rid : null, reason });
          return;
        }
        if (!items.some((c) => c.id === r.data.id)) items.push(toChangeEvent(r.data));
      });
      items.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      return { items, skipped };
    },

    async listPriorities(o) {
      try {
        const l = await d.paginate({
          path: '/priorities',
          key: 'priorities',
          envelope: prioritiesEnvelope,
          query: {},
          item: wirePriority,
          map: toPriority,
          what: 'priority',
          keyOf: (p) => p.id,
          signal: o?.signal,
        });
        return l.items.length === 0 && l.skipped.length === 0 ? null : l;
      } catch (e) {
        if (isPagerDutyError(e) && e.kind === 'not_found') return null;
        throw e;
      }
    },

    reassign(id, to, o) {
      if ('policyId' in to)
        return put(id, { escalation_policy: { id: to.policyId, type: 'escalation_policy_reference' } }, o);
      if (to.userIds.length === 0)
        throw new PagerDutyError('Reassign needs at least one user.', { kind: 'bad_request' });
      return put(
        id,
        { assignments: to.userIds.map((u) => ({ assignee: { id: u, type: 'user_reference' } })) },
        o,
      );
    },

    escalate(id, level, o) {
      if (!Number.isInteger(level) || level < 1)
        throw new PagerDutyError(`An escalation level is a whole number from 1 (got ${level}).`, {
          kind: 'bad_request',
        });
      return put(id, { escalation_level: level }, o);
    },

    setUrgency: (id, urgency, o) => put(id, { urgency }, o),

    setPriority: (id, priorityId, o) =>
      put(id, { priority: priorityId === null ? null : { id: priorityId, type: 'priority_reference' } }, o),

    async addResponders(id, req, o) {
      if (req.userIds.length === 0 || req.message.trim() === '')
        throw new PagerDutyError('Adding responders needs at least one person and a message.', {
          kind: 'bad_request',
        });
      await write({
        method: 'POST',
        path: `${path(id)}/responder_requests`,
        body: {
          requester_id: req.requesterId,
          message: req.message,
          responder_request_targets: req.userIds.map((u) => ({
            responder_request_target: { id: u, type: 'user_reference' },
          })),
        },
        signal: o?.signal,
        what: `incident ${id}`,
      });
    },

    async postStatusUpdate(id, message, o) {
      if (message.trim() === '')
        throw new PagerDutyError('A status update needs some text.', { kind: 'bad_request' });
      await write({
        method: 'POST',
        path: `${path(id)}/status_updates`,
        body: { message },
        signal: o?.signal,
        what: `incident ${id}`,
      });
    },

    async merge(targetId, sourceIds, o) {
      const sources = [...new Set(sourceIds)].filter((s) => s !== targetId);
      if (sources.length === 0)
        throw new PagerDutyError('Merge needs at least one other incident.', { kind: 'bad_request' });
      await write({
        method: 'PUT',
        path: `${path(targetId)}/merge`,
        body: { source_incidents: sources.map((s) => ({ id: s, type: 'incident_reference' })) },
        signal: o?.signal,
        what: `incident ${targetId}`,
      });
    },
  };
}
