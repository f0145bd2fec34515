/**
 * Turns the simulator's internal objects into PagerDuty REST API v2 shapes (references by default,
 * full objects for the `include[]` values the app uses).
 */
import type {
  SimAgent,
  SimAlert,
  SimChangeEvent,
  SimIncident,
  SimLogEntry,
  SimNote,
  SimResponderRequest,
  SimStatusUpdate,
} from './model.js';
import type { SimOncall } from './oncalls.js';
import {
  SIM_SCHEDULES,
  SIM_SERVICES,
  SIM_TEAMS,
  findService,
  policyById,
  priorityById,
  userById,
  type SimEscalationPolicy,
  type SimPriority,
  type SimService,
  type SimUser,
} from './fixtures.js';

/** An incident as PagerDuty's API returns it (the fields the app reads, plus a few more). */
export interface PdIncident {
  id: string;
  type: 'incident';
  summary: string;
  self: string;
  html_url: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  created_at: string;
  updated_at: string;
  last_status_change_at: string;
  resolved_at?: string;
  incident_key: string;
  service: Record<string, unknown>;
  assignments: Array<{ at: string; assignee: Record<string, unknown> }>;
  acknowledgements: Array<{ at: string; acknowledger: Record<string, unknown> }>;
  assigned_via: 'escalation_policy' | 'direct_assignment';
  escalation_policy: Record<string, unknown>;
  teams: Array<Record<string, unknown>>;
  /** Present for high-urgency incidents (P1 on customer-facing services, else P2); absent otherwise. */
  priority?: Record<string, unknown>;
  alert_counts: { all: number; triggered: number; resolved: number };
  pending_actions: Array<{ type: string; at: string }>;
  first_trigger_log_entry: Record<string, unknown>;
  last_status_change_by: Record<string, unknown>;
  is_mergeable: boolean;
  escalation_level?: number;
  /** With `include[]=conference_bridge`, when the incident has one. */
  conference_bridge?: { conference_number: string; conference_url: string };
  /** When the plan includes responders. */
  responder_requests?: Array<Record<string, unknown>>;
}

const API = 'https://api.pagerduty.com';
const WEB = 'https://demo.pagerduty.com';
const iso = (ms: number): string => new Date(ms).toISOString();

/** A reference object of the given kind. */
export function ref(kind: string, plural: string, id: string, summary: string): Record<string, unknown> {
  return {
    id,
    type: `${kind}_reference`,
    summary,
    self: `${API}/${plural}/${id}`,
    html_url: `${WEB}/${plural}/${id}`,
  };
}

/** Full user object (`GET /users/me`, `include[]=assignees`). */
export function pdUser(u: SimUser): Record<string, unknown> {
  return {
    id: u.id,
    type: 'user',
    summary: u.name,
    self: `${API}/users/${u.id}`,
    html_url: `${WEB}/users/${u.id}`,
    name: u.name,
    email: u.email,
    time_zone: u.timeZone,
    color: u.color,
    role: 'user',
    avatar_url: `https://secure.gravatar.com/avatar/${u.id.toLowerCase()}.png?d=mm&r=PG`,
    description: null,
    invitation_sent: false,
    job_title: u.jobTitle,
    teams: SIM_TEAMS.map((t) => ref('team', 'teams', t.id, t.name)),
    contact_methods: [],
    notification_rules: [],
  };
}

/** A user reference by id. */
export function userRef(id: string): Record<string, unknown> {
  return ref('user', 'users', id, userById(id)?.name ?? id);
}

function agentRef(a: SimAgent): Record<string, unknown> {
  if (a.kind === 'user') return userRef(a.id);
  return ref('service', 'services', a.id, findService(a.id)?.name ?? a.id);
}

/** A service in PagerDuty's shape (`include[]=services`, `GET /services`). */
export function pdService(s: SimService): Record<string, unknown> {
  const ep = policyById(s.escalationPolicyId);
  return {
    ...ref('service', 'services', s.id, s.name),
    type: 'service',
    name: s.name,
    description: s.description,
    status: 'active',
    escalation_policy: ref('escalation_policy', 'escalation_policies', s.escalationPolicyId, ep?.name ?? ''),
    teams: [ref('team', 'teams', s.teamId, SIM_TEAMS.find((t) => t.id === s.teamId)?.name ?? '')],
  };
}

/** A related change event in PagerDuty's shape (`GET /incidents/{id}/related_change_events`). */
export function pdChangeEvent(inc: SimIncident, e: SimChangeEvent): Record<string, unknown> {
  return {
    id: e.id,
    type: 'change_event',
    summary: e.summary,
    timestamp: iso(e.at),
    source: e.source,
    services: [ref('service', 'services', inc.service.id, inc.service.name)],
    integration: { id: `PI${inc.service.id.slice(-5)}`, type: 'inbound_integration_reference' },
    links: e.links.map((l) => ({ href: l.href, ...(l.text !== undefined ? { text: l.text } : {}) })),
    images: [],
    custom_details: e.customDetails,
    correlation_reason: { reason: 'related_service' },
  };
}

/** A log entry in PagerDuty's shape. */
export function pdLogEntry(inc: SimIncident, e: SimLogEntry): Record<string, unknown> {
  const channel: Record<string, unknown> = { type: e.channel };
  if (e.type === 'trigger_log_entry') {
    channel.summary = inc.title;
    channel.details = e.details ?? {};
  }
  const out: Record<string, unknown> = {
    id: e.id,
    type: e.type,
    summary: logSummary(e),
    self: `${API}/log_entries/${e.id}`,
    html_url: `${WEB}/incidents/${inc.id}/log_entries/${e.id}`,
    created_at: iso(e.at),
    agent: agentRef(e.agent),
    channel,
    service: ref('service', 'services', inc.service.id, inc.service.name),
    incident: ref('incident', 'incidents', inc.id, `[#${inc.number}] ${inc.title}`),
    teams: [
      ref(
        'team',
        'teams',
        inc.service.teamId,
        SIM_TEAMS.find((t) => t.id === inc.service.teamId)?.name ?? '',
      ),
    ],
    contexts: [],
  };
  if (e.assigneeIds) out.assignees = e.assigneeIds.map(userRef);
  if (e.message !== undefined) out.message = e.message;
  if (e.note !== undefined) {
    out.note = e.note;
    channel.summary = e.note;
  }
  return out;
}

function logSummary(e: SimLogEntry): string {
  const who = e.agent.kind === 'user' ? (userById(e.agent.id)?.name ?? e.agent.id) : 'the service';
  const names = (e.assigneeIds ?? []).map((id) => userById(id)?.name ?? id).join(', ');
  switch (e.type) {
    case 'trigger_log_entry':
      return 'Triggered through the API.';
    case 'assign_log_entry':
      return `Assigned to ${names} by ${who}.`;
    case 'escalate_log_entry':
      return `Escalated to ${names}.`;
    case 'acknowledge_log_entry':
      return `Acknowledged by ${who}.`;
    case 'resolve_log_entry':
      return `Resolved by ${who}.`;
    case 'annotate_log_entry':
      return `Note added by ${who}.`;
    case 'snooze_log_entry':
      return `Snoozed by ${who}.`;
    case 'unacknowledge_log_entry':
      return 'Unacknowledged due to snooze timeout.';
    case 'urgency_change_log_entry':
      return `Urgency changed by ${who}.`;
    case 'status_update_log_entry':
      return `Status update posted by ${who}.`;
  }
}

/** Which optional full objects to inline. */
export type Includes = ReadonlySet<string>;

/** An incident in PagerDuty's shape, with the requested `include[]` expansions. */
export function pdIncident(
  inc: SimIncident,
  include: Includes = new Set(),
  plan: { responders: boolean } = { responders: true },
): PdIncident {
  const ep = policyById(inc.escalationPolicyId);
  const team = SIM_TEAMS.find((t) => t.id === inc.service.teamId);
  const person = (id: string): Record<string, unknown> => {
    const u = userById(id);
    return u ? pdUser(u) : userRef(id);
  };
  const trigger = inc.logEntries[0]!;
  const out: PdIncident = {
    id: inc.id,
    type: 'incident',
    summary: `[#${inc.number}] ${inc.title}`,
    self: `${API}/incidents/${inc.id}`,
    html_url: `${WEB}/incidents/${inc.id}`,
    incident_number: inc.number,
    title: inc.title,
    status: inc.status,
    urgency: inc.urgency,
    created_at: iso(inc.createdAt),
    updated_at: iso(inc.updatedAt),
    last_status_change_at: iso(inc.lastStatusChangeAt),
    incident_key: inc.incidentKey,
    service: include.has('services')
      ? pdService(inc.service)
      : ref('service', 'services', inc.service.id, inc.service.name),
    assignments: inc.assignments.map((a) => ({
      at: iso(a.at),
      assignee: include.has('assignees') ? person(a.userId) : userRef(a.userId),
    })),
    acknowledgements: inc.acknowledgements.map((a) => ({
      at: iso(a.at),
      acknowledger: include.has('acknowledgers') ? person(a.userId) : userRef(a.userId),
    })),
    assigned_via: 'escalation_policy',
    escalation_policy: ref(
      'escalation_policy',
      'escalation_policies',
      inc.escalationPolicyId,
      ep?.name ?? '',
    ),
    teams: team
      ? [
          include.has('teams')
            ? { ...ref('team', 'teams', team.id, team.name), type: 'team', name: team.name }
            : ref('team', 'teams', team.id, team.name),
        ]
      : [],
    alert_counts: {
      all: inc.alerts.length,
      triggered: inc.alerts.filter((a) => a.status === 'triggered').length,
      resolved: inc.alerts.filter((a) => a.status === 'resolved').length,
    },
    pending_actions: inc.snoozedUntil !== null ? [{ type: 'unacknowledge', at: iso(inc.snoozedUntil) }] : [],
    first_trigger_log_entry: include.has('first_trigger_log_entries')
      ? pdLogEntry(inc, trigger)
      : { ...ref('trigger_log_entry', 'log_entries', trigger.id, 'Triggered through the API.') },
    last_status_change_by: agentRef(inc.lastStatusChangeBy),
    is_mergeable: true,
    escalation_level: inc.escalationLevel,
  };
  if (inc.resolvedAt !== null) out.resolved_at = iso(inc.resolvedAt);
  const priority = inc.priorityId ? priorityById(inc.priorityId) : undefined;
  if (priority) out.priority = pdPriority(priority);
  if (include.has('conference_bridge') && inc.conferenceBridge)
    out.conference_bridge = {
      conference_number: inc.conferenceBridge.number,
      conference_url: inc.conferenceBridge.url,
    };
  if (plan.responders) out.responder_requests = inc.responderRequests.map((r) => pdResponderRequest(inc, r));
  return out;
}

/** A priority in PagerDuty's shape. */
export function pdPriority(p: SimPriority): Record<string, unknown> {
  return {
    id: p.id,
    type: 'priority',
    summary: p.name,
    self: `${API}/priorities/${p.id}`,
    html_url: null,
    name: p.name,
    description: p.description,
  };
}

/** An alert in PagerDuty's shape, with `body.details` as the monitoring tool sent them. */
export function pdAlert(inc: SimIncident, a: SimAlert): Record<string, unknown> {
  const service = findService(a.serviceId);
  const trigger = inc.logEntries[0]!;
  return {
    id: a.id,
    type: 'alert',
    summary: a.summary,
    self: `${API}/incidents/${inc.id}/alerts/${a.id}`,
    html_url: `${WEB}/alerts/${a.id}`,
    created_at: iso(a.at),
    status: a.status,
    alert_key: a.key,
    service: ref('service', 'services', a.serviceId, service?.name ?? a.serviceId),
    first_trigger_log_entry: ref(
      'trigger_log_entry',
      'log_entries',
      trigger.id,
      'Triggered through the API.',
    ),
    incident: ref('incident', 'incidents', inc.id, `[#${inc.number}] ${inc.title}`),
    suppressed: false,
    severity: a.severity,
    body: {
      type: 'alert_body',
      contexts: [],
      details: a.details,
      cef_details: { source_origin: a.source, severity: a.severity },
    },
  };
}

/** An escalation policy with its levels: level 1 a schedule, level 2 a user (when it has one). */
export function pdEscalationPolicy(p: SimEscalationPolicy, hasLevel2: boolean): Record<string, unknown> {
  const sched = SIM_SCHEDULES.find((x) => x.id === p.scheduleId);
  const rules: Array<Record<string, unknown>> = [
    {
      id: `${p.id}R1`,
      escalation_delay_in_minutes: 30,
      targets: [ref('schedule', 'schedules', p.scheduleId, sched?.name ?? p.scheduleId)],
    },
  ];
  if (hasLevel2)
    rules.push({ id: `${p.id}R2`, escalation_delay_in_minutes: 30, targets: [userRef(p.level2UserId)] });
  const team = SIM_TEAMS.find((t) => t.id === p.teamId);
  return {
    ...ref('escalation_policy', 'escalation_policies', p.id, p.name),
    type: 'escalation_policy',
    name: p.name,
    description: '',
    num_loops: 0,
    on_call_handoff_notifications: 'if_has_services',
    escalation_rules: rules,
    services: SIM_SERVICES.filter((s) => s.escalationPolicyId === p.id).map((s) =>
      ref('service', 'services', s.id, s.name),
    ),
    teams: team ? [ref('team', 'teams', team.id, team.name)] : [],
  };
}

/** A status update in PagerDuty's shape. */
export function pdStatusUpdate(u: SimStatusUpdate): Record<string, unknown> {
  return { id: u.id, message: u.message, created_at: iso(u.at), sender: userRef(u.userId) };
}

/** A responder request in PagerDuty's shape. */
export function pdResponderRequest(inc: SimIncident, r: SimResponderRequest): Record<string, unknown> {
  return {
    id: r.id,
    incident: ref('incident', 'incidents', inc.id, `[#${inc.number}] ${inc.title}`),
    requester: userRef(r.requesterId),
    requested_at: iso(r.at),
    message: r.message,
    responder_request_targets: r.targets.map((t) => {
      const isUser = t.type === 'user_reference';
      const name = isUser ? (userById(t.id)?.name ?? t.id) : (policyById(t.id)?.name ?? t.id);
      return {
        type: isUser ? 'user' : 'escalation_policy',
        id: t.id,
        summary: name,
        incident_responders: isUser
          ? [
              {
                state: 'pending',
                user: userRef(t.id),
                incident: ref('incident', 'incidents', inc.id, `[#${inc.number}] ${inc.title}`),
                updated_at: iso(r.at),
                message: r.message,
                requester: userRef(r.requesterId),
                requested_at: iso(r.at),
              },
            ]
          : [],
      };
    }),
  };
}

/** A note in PagerDuty's shape. */
export function pdNote(n: SimNote): Record<string, unknown> {
  return {
    id: n.id,
    user: userRef(n.userId),
    channel: { summary: 'The PagerDuty website or APIs' },
    content: n.content,
    created_at: iso(n.at),
  };
}

/** An on-call entry in PagerDuty's shape. */
export function pdOncall(o: SimOncall): Record<string, unknown> {
  const ep = policyById(o.escalationPolicyId);
  const sched = SIM_SCHEDULES.find((s) => s.id === o.scheduleId);
  return {
    escalation_policy: ref('escalation_policy', 'escalation_policies', o.escalationPolicyId, ep?.name ?? ''),
    escalation_level: o.escalationLevel,
    schedule: sched ? ref('schedule', 'schedules', sched.id, sched.name) : null,
    user: userRef(o.userId),
    start: o.start === null ? null : iso(o.start),
    end: o.end === null ? null : iso(o.end),
  };
}
