/**
 * The simulator's mutable state: incidents with their assignments, acknowledgements, log entries and
 * notes, plus an append-only record of what happened to each, for tests to count independently.
 */
import type { Urgency } from '../domain.js';
import { CUSTOMER_FACING, policyById, priorityById, type SimService } from './fixtures.js';

/** Who did something: a user or a service (automatic). */
export interface SimAgent {
  kind: 'user' | 'service';
  id: string;
}

/** One internal log entry. */
export interface SimLogEntry {
  id: string;
  type:
    | 'trigger_log_entry'
    | 'assign_log_entry'
    | 'acknowledge_log_entry'
    | 'resolve_log_entry'
    | 'annotate_log_entry'
    | 'snooze_log_entry'
    | 'escalate_log_entry'
    | 'unacknowledge_log_entry'
    | 'urgency_change_log_entry'
    /** Listed by PagerDuty's log (and its own tools read it) though the OpenAPI enum omits it. */
    | 'status_update_log_entry';
  at: number;
  agent: SimAgent;
  /** Channel type: api, auto, web_trigger, timeout, note. */
  channel: string;
  /** User ids assigned by assign/escalate entries. */
  assigneeIds?: string[];
  note?: string;
  /** The message of a status update entry. */
  message?: string;
  /** Alert details of the trigger entry. */
  details?: Record<string, unknown>;
}

/** A change event related to an incident (a deploy, a config change), as change correlation lists it. */
export interface SimChangeEvent {
  id: string;
  summary: string;
  source: string;
  at: number;
  links: Array<{ href: string; text?: string }>;
  customDetails: Record<string, unknown>;
}

/** A change event asked for when an incident is made (`POST /__sim/incidents`). */
export interface NewChangeEvent {
  summary: string;
  source?: string;
  links?: Array<{ href: string; text?: string }>;
  /** This many minutes before the incident (default 10). */
  minutesBefore?: number;
}

/** One alert of an incident (an incident starts with one; a merge moves the source's alerts over). */
export interface SimAlert {
  id: string;
  key: string;
  at: number;
  status: 'triggered' | 'resolved';
  severity: 'info' | 'warning' | 'error' | 'critical';
  summary: string;
  /** Monitoring source (host), from the details. */
  source: string;
  serviceId: string;
  /** `body.details`: any JSON (tests put hostile content here). */
  details: unknown;
}

/** A status update posted on an incident. */
export interface SimStatusUpdate {
  id: string;
  userId: string;
  message: string;
  at: number;
}

/** A responder request made on an incident. */
export interface SimResponderRequest {
  id: string;
  requesterId: string;
  message: string;
  targets: Array<{ id: string; type: 'user_reference' | 'escalation_policy_reference' }>;
  at: number;
}

/** One note. */
export interface SimNote {
  id: string;
  userId: string;
  content: string;
  at: number;
}

/** One incident, internal form (times in epoch ms). */
export interface SimIncident {
  id: string;
  number: number;
  title: string;
  urgency: Urgency;
  service: SimService;
  escalationPolicyId: string;
  escalationLevel: number;
  status: 'triggered' | 'acknowledged' | 'resolved';
  incidentKey: string;
  createdAt: number;
  updatedAt: number;
  lastStatusChangeAt: number;
  lastStatusChangeBy: SimAgent;
  resolvedAt: number | null;
  assignments: Array<{ userId: string; at: number }>;
  acknowledgements: Array<{ userId: string; at: number }>;
  snoozedUntil: number | null;
  logEntries: SimLogEntry[];
  notes: SimNote[];
  /** Priority id, or null for none. */
  priorityId: string | null;
  alerts: SimAlert[];
  statusUpdates: SimStatusUpdate[];
  responderRequests: SimResponderRequest[];
  conferenceBridge: { number: string; url: string } | null;
  /** The incident this one was merged into. */
  mergedInto: string | null;
  /** Change events correlated with it (`GET /incidents/{id}/related_change_events`). */
  changeEvents: SimChangeEvent[];
}

/** History of one incident, as returned by `GET /__sim/state`. */
export interface SimIncidentRecord {
  id: string;
  number: number;
  title: string;
  urgency: Urgency;
  service: string;
  createdAt: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** Every assignment ever made, in order. */
  assignedTo: Array<{ userId: string; at: string }>;
  ackedAt: string | null;
  ackedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  history: Array<{ type: string; at: string; by: string }>;
  /** Who it is assigned to now. */
  assignees: string[];
  escalationPolicy: string;
  escalationLevel: number;
  /** Priority name, or null. */
  priority: string | null;
  alerts: number;
  statusUpdates: Array<{ by: string; message: string; at: string }>;
  responderRequests: Array<{ by: string; message: string; targets: string[]; at: string }>;
  conferenceBridge: { number: string; url: string } | null;
  mergedInto: string | null;
}

/** The whole record of a simulator run. */
export interface SimRecord {
  now: string;
  incidents: SimIncidentRecord[];
}

/** Input to create an incident. */
export interface NewIncident {
  title: string;
  urgency: Urgency;
  service: SimService;
  /** First assignee (user id). */
  assigneeId: string;
  details?: Record<string, unknown>;
  /** Its related change events; absent: a deploy of a customer-facing service shortly before. */
  changeEvents?: NewChangeEvent[];
  at: number;
}

/** What a scenario (and the demo's backlog) creates an incident from: alert details, a time unless now. */
export type ScenarioIncident = Omit<NewIncident, 'details' | 'at'> & {
  details: Record<string, string>;
  /** Creation time (default now): the demo's backlog is created in the past. */
  at?: number;
};

/** A state-change refusal with PagerDuty's error code. */
export class SimConflict extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Holds every incident and applies changes to them. */
export class SimState {
  readonly incidents = new Map<string, SimIncident>();
  private readonly order: SimIncident[] = [];
  private seq = 0;

  constructor(private readonly idSalt: number) {}

  /** A PagerDuty-looking id, unique within this state. */
  newId(prefix: string): string {
    this.seq += 1;
    const n = (Math.imul(this.seq, 2654435761) ^ this.idSalt) >>> 0;
    return (prefix + n.toString(36).toUpperCase() + this.seq.toString(36).toUpperCase())
      .slice(0, 14)
      .padEnd(7, '0');
  }

  /** All incidents, oldest first. */
  all(): readonly SimIncident[] {
    return this.order;
  }

  /** Finds an incident by id or incident number. */
  find(idOrNumber: string): SimIncident | undefined {
    return this.incidents.get(idOrNumber) ?? this.order.find((i) => String(i.number) === idOrNumber);
  }

  /** Creates a triggered incident assigned to one user. */
  create(input: NewIncident): SimIncident {
    const number = this.order.length + 1;
    const id = this.newId('Q');
    const agent: SimAgent = { kind: 'service', id: input.service.id };
    const inc: SimIncident = {
      id,
      number,
      title: input.title,
      urgency: input.urgency,
      service: input.service,
      escalationPolicyId: input.service.escalationPolicyId,
      escalationLevel: 1,
      status: 'triggered',
      incidentKey: `sim-${input.service.name}-${number}`,
      createdAt: input.at,
      updatedAt: input.at,
      lastStatusChangeAt: input.at,
      lastStatusChangeBy: agent,
      resolvedAt: null,
      assignments: [{ userId: input.assigneeId, at: input.at }],
      acknowledgements: [],
      snoozedUntil: null,
      logEntries: [],
      notes: [],
      priorityId: null,
      alerts: [],
      statusUpdates: [],
      responderRequests: [],
      conferenceBridge: null,
      mergedInto: null,
      changeEvents: [],
    };
    const changes: NewChangeEvent[] =
      input.changeEvents ??
      (CUSTOMER_FACING.includes(input.service.name)
        ? [
            {
              summary: `Deploy ${input.service.name} build ${1400 + number}`,
              source: 'ci.demo.oncall-companion.dev',
              links: [
                {
                  href: `https://ci.demo.oncall-companion.dev/${input.service.name}/builds/${1400 + number}`,
                  text: 'Build log',
                },
              ],
              minutesBefore: 12,
            },
          ]
        : []);
    inc.changeEvents = changes.map((c) => ({
      id: this.newId('CE'),
      summary: c.summary,
      source: c.source ?? 'ci.demo.oncall-companion.dev',
      at: input.at - Math.round((c.minutesBefore ?? 10) * 60_000),
      links: (c.links ?? []).map((l) => ({ ...l })),
      customDetails: { service: input.service.name },
    }));
    if (input.urgency === 'high') {
      const facing = CUSTOMER_FACING.includes(input.service.name);
      inc.priorityId = facing ? 'PPR0001' : 'PPR0002';
      // A customer-facing high-urgency page opens a bridge (a demo host; https only).
      if (facing)
        inc.conferenceBridge = {
          number: `+1 415-555-0134,,,,${String(number).padStart(4, '0')}#`,
          url: `https://meet.demo.oncall-companion.dev/incident-${number}`,
        };
    }
    const details = input.details ?? {};
    const sev = details.severity;
    inc.alerts.push({
      id: this.newId('PA'),
      key: `sim-${input.service.name}-${number}-a1`,
      at: input.at,
      status: 'triggered',
      severity: sev === 'critical' || sev === 'error' || sev === 'warning' || sev === 'info' ? sev : 'error',
      summary: input.title,
      source: typeof details.source === 'string' ? details.source : input.service.name,
      serviceId: input.service.id,
      details,
    });
    this.log(inc, {
      type: 'trigger_log_entry',
      at: input.at,
      agent,
      channel: 'api',
      details: input.details ?? {},
    });
    this.log(inc, {
      type: 'assign_log_entry',
      at: input.at,
      agent,
      channel: 'auto',
      assigneeIds: [input.assigneeId],
    });
    this.incidents.set(id, inc);
    this.order.push(inc);
    return inc;
  }

  /** Acknowledges; 1001 when resolved, 1002 when already acknowledged. */
  acknowledge(inc: SimIncident, userId: string, at: number, channel = 'api'): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    if (inc.status === 'acknowledged') throw new SimConflict(1002, 'Incident Already Acknowledged');
    inc.status = 'acknowledged';
    inc.acknowledgements = [{ userId, at }];
    this.touchStatus(inc, { kind: 'user', id: userId }, at);
    this.log(inc, { type: 'acknowledge_log_entry', at, agent: { kind: 'user', id: userId }, channel });
  }

  /** Resolves; 1001 when already resolved. `userId` null means the service resolved it. */
  resolve(inc: SimIncident, userId: string | null, at: number, channel = 'api'): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    const agent: SimAgent = userId ? { kind: 'user', id: userId } : { kind: 'service', id: inc.service.id };
    inc.status = 'resolved';
    inc.resolvedAt = at;
    for (const a of inc.alerts) a.status = 'resolved';
    inc.assignments = [];
    inc.acknowledgements = [];
    inc.snoozedUntil = null;
    this.touchStatus(inc, agent, at);
    this.log(inc, { type: 'resolve_log_entry', at, agent, channel: userId ? channel : 'auto' });
  }

  /** Snoozes an acknowledged incident until `at + seconds`. */
  snooze(inc: SimIncident, userId: string, seconds: number, at: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    if (inc.status !== 'acknowledged') {
      throw new SimConflict(2001, 'Incident must be acknowledged before it can be snoozed');
    }
    inc.snoozedUntil = at + seconds * 1000;
    inc.updatedAt = at;
    this.log(inc, { type: 'snooze_log_entry', at, agent: { kind: 'user', id: userId }, channel: 'api' });
  }

  /** Ends a snooze: back to triggered, re-notifying the assignees. */
  unsnooze(inc: SimIncident, at: number): void {
    if (inc.status !== 'acknowledged' || inc.snoozedUntil === null) return;
    inc.snoozedUntil = null;
    inc.status = 'triggered';
    inc.acknowledgements = [];
    const agent: SimAgent = { kind: 'service', id: inc.service.id };
    this.touchStatus(inc, agent, at);
    this.log(inc, { type: 'unacknowledge_log_entry', at, agent, channel: 'timeout' });
  }

  /** Reassigns to users: back to triggered, new assignment times. */
  reassign(inc: SimIncident, userIds: string[], by: SimAgent, at: number, level?: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    inc.assignments = userIds.map((userId) => ({ userId, at }));
    inc.acknowledgements = [];
    inc.snoozedUntil = null;
    const wasAcked = inc.status === 'acknowledged';
    inc.status = 'triggered';
    if (level !== undefined) inc.escalationLevel = level;
    if (wasAcked) this.touchStatus(inc, by, at);
    else inc.updatedAt = at;
    const type = level !== undefined ? 'escalate_log_entry' : 'assign_log_entry';
    this.log(inc, {
      type,
      at,
      agent: by,
      channel: by.kind === 'user' ? 'api' : 'auto',
      assigneeIds: userIds,
    });
  }

  /** Adds a user to the assignees (as PagerDuty does when someone not assigned acknowledges). */
  addAssignee(inc: SimIncident, userId: string, by: SimAgent, at: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    if (inc.assignments.some((a) => a.userId === userId)) return;
    inc.assignments.push({ userId, at });
    inc.updatedAt = at;
    const channel = by.kind === 'user' ? 'website' : 'auto';
    this.log(inc, { type: 'assign_log_entry', at, agent: by, channel, assigneeIds: [userId] });
  }

  /** Adds a note. */
  addNote(inc: SimIncident, userId: string, content: string, at: number): SimNote {
    const note: SimNote = { id: this.newId('PN'), userId, content, at };
    inc.notes.push(note);
    inc.updatedAt = at;
    this.log(inc, {
      type: 'annotate_log_entry',
      at,
      agent: { kind: 'user', id: userId },
      channel: 'note',
      note: content,
    });
    return note;
  }

  /** Changes the urgency (an `urgency_change_log_entry`); no change when it already has it. */
  setUrgency(inc: SimIncident, urgency: Urgency, userId: string, at: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    if (inc.urgency === urgency) return;
    inc.urgency = urgency;
    inc.updatedAt = at;
    this.log(inc, {
      type: 'urgency_change_log_entry',
      at,
      agent: { kind: 'user', id: userId },
      channel: 'api',
    });
  }

  /** Sets the priority (null clears it). */
  setPriority(inc: SimIncident, priorityId: string | null, at: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    inc.priorityId = priorityId;
    inc.updatedAt = at;
  }

  /** Moves the incident to another escalation policy, assigned to that policy's first level. */
  setPolicy(inc: SimIncident, policyId: string, assigneeIds: string[], by: SimAgent, at: number): void {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    inc.escalationPolicyId = policyId;
    inc.escalationLevel = 1;
    this.reassign(inc, assigneeIds, by, at);
  }

  /** Posts a status update. */
  addStatusUpdate(inc: SimIncident, userId: string, message: string, at: number): SimStatusUpdate {
    const u: SimStatusUpdate = { id: this.newId('PSU'), userId, message, at };
    inc.statusUpdates.push(u);
    inc.updatedAt = at;
    this.log(inc, {
      type: 'status_update_log_entry',
      at,
      agent: { kind: 'user', id: userId },
      channel: 'api',
      message,
    });
    return u;
  }

  /** Records a responder request (the targets are asked to join; they are not assigned). */
  addResponderRequest(
    inc: SimIncident,
    requesterId: string,
    message: string,
    targets: SimResponderRequest['targets'],
    at: number,
  ): SimResponderRequest {
    if (inc.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    const r: SimResponderRequest = { id: this.newId('PRR'), requesterId, message, targets, at };
    inc.responderRequests.push(r);
    inc.updatedAt = at;
    return r;
  }

  /** Merges sources into the target: their alerts move over and each source is resolved. */
  merge(target: SimIncident, sources: SimIncident[], userId: string, at: number): void {
    if (target.status === 'resolved') throw new SimConflict(1001, 'Incident Already Resolved');
    for (const src of sources) {
      if (src.id === target.id) throw new SimConflict(2001, 'An incident cannot be merged into itself');
      if (src.status === 'resolved') throw new SimConflict(1001, `Incident ${src.id} is already resolved`);
    }
    for (const src of sources) {
      target.alerts.push(...src.alerts);
      src.alerts = [];
      src.mergedInto = target.id;
      this.resolve(src, userId, at);
    }
    target.updatedAt = at;
  }

  /** The independent record of every incident. */
  record(now: number): SimRecord {
    return {
      now: iso(now),
      incidents: this.order.map((inc) => {
        const ack = [...inc.logEntries].reverse().find((e) => e.type === 'acknowledge_log_entry');
        const res = inc.logEntries.find((e) => e.type === 'resolve_log_entry');
        return {
          id: inc.id,
          number: inc.number,
          title: inc.title,
          urgency: inc.urgency,
          service: inc.service.name,
          createdAt: iso(inc.createdAt),
          status: inc.status,
          assignedTo: inc.logEntries
            .filter((e) => e.assigneeIds)
            .flatMap((e) => (e.assigneeIds ?? []).map((userId) => ({ userId, at: iso(e.at) }))),
          ackedAt: ack ? iso(ack.at) : null,
          ackedBy: ack ? ack.agent.id : null,
          resolvedAt: res ? iso(res.at) : null,
          resolvedBy: res ? res.agent.id : null,
          history: inc.logEntries.map((e) => ({
            type: e.type.replace(/_log_entry$/, ''),
            at: iso(e.at),
            by: e.agent.id,
          })),
          assignees: inc.assignments.map((a) => a.userId),
          escalationPolicy: inc.escalationPolicyId,
          escalationLevel: inc.escalationLevel,
          priority: inc.priorityId ? (priorityById(inc.priorityId)?.name ?? inc.priorityId) : null,
          alerts: inc.alerts.length,
          statusUpdates: inc.statusUpdates.map((u) => ({ by: u.userId, message: u.message, at: iso(u.at) })),
          responderRequests: inc.responderRequests.map((r) => ({
            by: r.requesterId,
            message: r.message,
            targets: r.targets.map((t) => t.id),
            at: iso(r.at),
          })),
          conferenceBridge: inc.conferenceBridge,
          mergedInto: inc.mergedInto,
        };
      }),
    };
  }

  /** Name of the policy of an incident (for references). */
  policyName(inc: SimIncident): string {
    return policyById(inc.escalationPolicyId)?.name ?? inc.escalationPolicyId;
  }

  private touchStatus(inc: SimIncident, by: SimAgent, at: number): void {
    inc.updatedAt = at;
    inc.lastStatusChangeAt = at;
    inc.lastStatusChangeBy = by;
  }

  private log(inc: SimIncident, entry: Omit<SimLogEntry, 'id'>): void {
    inc.logEntries.push({ id: this.newId('R'), ...entry });
  }
}
