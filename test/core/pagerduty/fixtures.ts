/**
 * Canned PagerDuty JSON in the shapes of the published OpenAPI examples (pagerduty-openapi.json),
 * with builders for lists of many.
 */

const API = 'https://api.pagerduty.com';
const WEB = 'https://acme.pagerduty.com';

/** A user reference. */
export function userRef(id: string, name: string): Record<string, unknown> {
  return {
    id,
    type: 'user_reference',
    summary: name,
    self: `${API}/users/${id}`,
    html_url: `${WEB}/users/${id}`,
  };
}

/** The `/users/me` user of the spec's example. */
export const ME = {
  id: 'PXPGF42',
  type: 'user',
  summary: 'Earline Greenholt',
  self: `${API}/users/PXPGF42`,
  html_url: `${WEB}/users/PXPGF42`,
  name: 'Earline Greenholt',
  email: 'earline.greenholt@acme.example',
  time_zone: 'America/Lima',
  color: 'green',
  role: 'admin',
  avatar_url: 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png',
  description: null,
  invitation_sent: false,
  job_title: 'Director of Engineering',
  contact_methods: [
    {
      id: 'PTDVERC',
      type: 'email_contact_method_reference',
      summary: 'Default',
      self: `${API}/users/PXPGF42/contact_methods/PTDVERC`,
      html_url: null,
    },
  ],
  teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering', self: `${API}/teams/PQ9K7I8` }],
};

/** One incident like the spec's `GET /incidents` example; `over` replaces fields. */
export function incident(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `PINC${String(n).padStart(4, '0')}`;
  return {
    id,
    type: 'incident',
    summary: `[#${1000 + n}] The server is on fire.`,
    self: `${API}/incidents/${id}`,
    html_url: `${WEB}/incidents/${id}`,
    incident_number: 1000 + n,
    title: `The server is on fire (${n}).`,
    created_at: '2015-10-06T21:30:42Z',
    updated_at: '2015-10-06T21:40:23Z',
    status: 'triggered',
    incident_key: 'baf7cf21b1da41b4b0221008339ff357',
    service: {
      id: 'PIJ90N7',
      type: 'service_reference',
      summary: 'My Mail Service',
      self: `${API}/services/PIJ90N7`,
      html_url: `${WEB}/service-directory/PIJ90N7`,
    },
    assignments: [{ at: '2015-11-10T00:31:52Z', assignee: userRef('PXPGF42', 'Earline Greenholt') }],
    assigned_via: 'escalation_policy',
    last_status_change_at: '2015-10-06T21:38:23Z',
    resolved_at: null,
    first_trigger_log_entry: {
      id: 'Q02JTSNZWHSEKV',
      type: 'trigger_log_entry_reference',
      summary: 'Triggered through the API',
      self: `${API}/log_entries/Q02JTSNZWHSEKV?incident_id=${id}`,
      html_url: `${WEB}/incidents/${id}/log_entries/Q02JTSNZWHSEKV`,
    },
    alert_counts: { all: 2, triggered: 1, resolved: 1 },
    is_mergeable: true,
    incident_type: { name: 'incident_default' },
    escalation_policy: {
      id: 'PT20YPA',
      type: 'escalation_policy_reference',
      summary: 'Another Escalation Policy',
      self: `${API}/escalation_policies/PT20YPA`,
      html_url: `${WEB}/escalation_policies/PT20YPA`,
    },
    teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering', self: `${API}/teams/PQ9K7I8` }],
    pending_actions: [],
    acknowledgements: [],
    alert_grouping: { grouping_type: 'advanced', started_at: '2015-10-06T21:30:42Z', ended_at: null },
    last_status_change_by: userRef('PXPGF42', 'Earline Greenholt'),
    priority: { id: 'P53ZZH5', type: 'priority_reference', summary: 'P2', self: `${API}/priorities/P53ZZH5` },
    resolve_reason: null,
    conference_bridge: {
      conference_number: '+1-415-555-1212,,,,1234#',
      conference_url: 'https://example.com/acb-123',
    },
    incidents_responders: [],
    responder_requests: [],
    urgency: 'high',
    ...over,
  };
}

/** One on-call entry like the spec's `GET /oncalls` example. */
export function oncall(level: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    user: userRef('PXPGF42', 'Earline Greenholt'),
    schedule: {
      id: 'PI7DH85',
      type: 'schedule_reference',
      summary: 'Daily Engineering Rotation',
      self: `${API}/schedules/PI7DH85`,
      html_url: `${WEB}/schedules/PI7DH85`,
    },
    escalation_policy: {
      id: 'PT20YPA',
      type: 'escalation_policy_reference',
      summary: 'Engineering Escalation Policy',
      self: `${API}/escalation_policies/PT20YPA`,
      html_url: `${WEB}/escalation_policies/PT20YPA`,
    },
    escalation_level: level,
    start: '2015-03-06T15:28:51-05:00',
    end: '2015-03-07T15:28:51-05:00',
    ...over,
  };
}

/** One log entry like the spec's `GET /incidents/{id}/log_entries` example. */
export function logEntry(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    type: 'trigger_log_entry',
    summary: 'Triggered through the API',
    self: `${API}/log_entries/${id}?incident_id=PT4KHLK`,
    html_url: `${WEB}/incidents/PT4KHLK/log_entries/${id}`,
    created_at: '2015-11-07T00:14:20Z',
    agent: {
      id: 'PIJ90N7',
      type: 'service_reference',
      summary: 'My Mail Service',
      self: `${API}/services/PIJ90N7`,
      html_url: `${WEB}/service-directory/PIJ90N7`,
    },
    channel: { type: 'api' },
    incident: { id: 'PT4KHLK', type: 'incident_reference', summary: '[#1234] The server is on fire.' },
    teams: [],
    contexts: [],
    event_details: { description: 'Tasks::SFDCValidator - PD_Data__c - duplicates' },
    ...over,
  };
}

/** A classic listing page. */
export function page(
  key: string,
  items: unknown[],
  offset: number,
  limit: number,
  more: boolean,
): Record<string, unknown> {
  return { [key]: items, limit, offset, more, total: null };
}

/** PagerDuty's usual error body. */
export function pdError(code: number, message: string, errors?: string[]): Record<string, unknown> {
  return { error: errors ? { message, code, errors } : { message, code } };
}
