/**
 * Domain types of On-Call Companion: what the app knows about the user's incidents and shifts,
 * normalised from PagerDuty's wire shapes (see `pagerduty/schemas.ts`). Plain data, JSON-safe,
 * shared by the core, the CLI, the IPC contract and the renderer.
 */

/** PagerDuty urgency of an incident. */
export type Urgency = 'high' | 'low';

/** PagerDuty incident status. Open incidents are `triggered` or `acknowledged`. */
export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** A reference to another PagerDuty object: its id and display name. */
export interface Ref {
  id: string;
  summary: string;
}

/** A user reference with its email when known. */
export interface UserRef extends Ref {
  email?: string;
}

/** One incident, as the app shows and diffs it. Times are ISO-8601 strings. */
export interface Incident {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  createdAt: string;
  updatedAt: string;
  lastStatusChangeAt: string;
  /** Web page of the incident; untrusted, open only when `https:` on a provider host. */
  htmlUrl: string | null;
  service: Ref;
  escalationPolicy: Ref | null;
  /** Current escalation level when the API reports it (1 = first level). */
  escalationLevel: number | null;
  /** Users the incident is assigned to now. */
  assignees: UserRef[];
  /** When each current assignee was assigned (user id -> ISO time); tells an escalation from a new page. */
  assignedAt: Record<string, string>;
  /** Users who acknowledged it (empty while triggered). */
  acknowledgers: UserRef[];
  teams: Ref[];
  priority: string | null;
  incidentKey: string | null;
  /** Body details of the first alert when included; untrusted plain text. */
  details: string | null;
  /**
   * When PagerDuty will unacknowledge it (a snooze, by anyone, from PagerDuty's `pending_actions`);
   * null or absent when not snoozed. UTC ISO.
   */
  snoozedUntil?: string | null;
  /**
   * The account it came from, set by the app runtime when the window runs several (the core never
   * sets it): its id routes actions, its name is the row's badge.
   */
  account?: { id: string; name: string };
}

/** The user the token belongs to (or the `From` user of an account-level key). */
export interface User {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  htmlUrl: string | null;
}

/** One on-call entry: the user is on call for an escalation policy level, via a schedule or directly. */
export interface OncallEntry {
  user: UserRef;
  schedule: Ref | null;
  escalationPolicy: Ref;
  escalationLevel: number;
  /** null start/end means permanently on call. */
  start: string | null;
  end: string | null;
}

/** One line of an incident's timeline. */
export interface LogEntry {
  id: string;
  type: string;
  createdAt: string;
  summary: string;
  agent: Ref | null;
  /** Note text, for annotate entries; the message, for status update entries. */
  content: string | null;
  /** Users an assign or escalate entry gave the incident to (absent when the API does not say). */
  assignees?: UserRef[];
}

/** Open statuses, in display order. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged'];

/** True when the incident is assigned to the given user. */
export function isAssignedTo(incident: Incident, userId: string): boolean {
  return incident.assignees.some((a) => a.id === userId);
}

/** One alert of an incident (`GET /incidents/{id}/alerts`). Every text is untrusted. */
export interface Alert {
  id: string;
  summary: string;
  status: 'triggered' | 'resolved';
  severity: string | null;
  /** The monitoring source (`body.cef_details.source_origin`), when sent. */
  source: string | null;
  createdAt: string;
  htmlUrl: string | null;
  alertKey: string | null;
  service: Ref | null;
  /** `body.details` as the monitoring tool sent it: any JSON, untrusted, possibly huge or deep. */
  details: unknown;
  /** The https links found in the details: candidates shown as text, opened only by a click. */
  links?: string[];
}

/** An incident priority (`GET /priorities`). */
export interface Priority {
  id: string;
  name: string;
  description: string | null;
}

/** One level of an escalation policy: who or what it pages. */
export interface EscalationLevel {
  level: number;
  delayMinutes: number | null;
  /** Users and schedules of the level (`type` is `user`, `schedule`, ...). */
  targets: Array<Ref & { type: string }>;
}

/** An escalation policy with its levels (`GET /escalation_policies`). */
export interface EscalationPolicyInfo {
  id: string;
  name: string;
  levels: EscalationLevel[];
  teams: Ref[];
}

/** A service and who owns it (`GET /services`). */
export interface ServiceInfo {
  id: string;
  name: string;
  description: string | null;
  htmlUrl: string | null;
  teams: Ref[];
  escalationPolicy: Ref;
}

/** Who owns a service now: its team, its policy and who is on call at each level. */
export interface ServiceOwnership {
  service: ServiceInfo;
  levels: Array<{ level: number; users: UserRef[] }>;
  /** Open incidents of the service in my feed. */
  openIncidents: number;
  /** The account it belongs to, set by the app runtime when the window runs several. */
  account?: { id: string; name: string };
}

/** The services that match a search, from the ownership cache (refreshed with the on-call data). */
export interface ServicesAnswer {
  services: ServiceOwnership[];
  /** When PagerDuty last answered for the cache (ISO), null when it never has. */
  fetchedAt: string | null;
  /** Why the list may be out of date (the last refresh failed, and how old the list is), or null. */
  stale: string | null;
}

/** Who is on call for an incident: its service's owners and its escalation policy's levels now. */
export interface IncidentOncall {
  incidentId: string;
  /** The incident's service as the ownership cache knows it, null when the cache lacks it. */
  service: ServiceOwnership | null;
  /** The incident's escalation policy and who is at each level now, null when it has none. */
  policy: { id: string; summary: string; levels: ServiceOwnership['levels'] } | null;
  fetchedAt: string | null;
  stale: string | null;
}

/** A conference bridge of an incident; the URL is untrusted (opened only when https:, by a click). */
export interface ConferenceBridge {
  url: string | null;
  number: string | null;
}

/**
 * A change event PagerDuty correlates with an incident (a deploy, a config change). Its text is
 * untrusted; its links are only the `https:` ones (opened on a click, through `openExternal`).
 */
export interface ChangeEventInfo {
  id: string;
  summary: string;
  timestamp: string;
  source: string | null;
  services: Ref[];
  links: Array<{ href: string; text: string | null }>;
  /** Why PagerDuty relates it: most_recent, related_service or intelligent. */
  reason: string | null;
}

/** A responder request made on an incident. */
export interface ResponderRequestInfo {
  id: string | null;
  requester: Ref | null;
  message: string;
  requestedAt: string | null;
  targets: Ref[];
}

/** What the detail view needs to work an incident beyond the feed's fields. */
export interface IncidentWork {
  incident: Incident;
  conferenceBridge: ConferenceBridge | null;
  responderRequests: ResponderRequestInfo[];
  alerts: Alert[];
  /** Alerts the client skipped as invalid, each with its reason. */
  skippedAlerts: Array<{ index: number; id: string | null; reason: string }>;
  /** The incident's escalation policy with its levels, when it could be read. */
  escalationPolicy: EscalationPolicyInfo | null;
  /**
   * Related change events, newest first; empty when the account returns none, has no change
   * correlation (404) or they could not be read (the section hides).
   */
  changeEvents: ChangeEventInfo[];
}
