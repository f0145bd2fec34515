/**
 * The companion's incident-work operations: read what the detail view needs (the incident with its
 * bridge, alerts and escalation levels), find people, policies and priorities, and queue the work
 * actions (reassign, escalate, responders, priority, urgency, status update, merge) in the durable
 * queue, optimistic like an acknowledge. A 402 on responders marks the account as lacking them.
 */
import type { ActionAccepted } from '../companion-types.js';
import type {
  EscalationPolicyInfo,
  Incident,
  IncidentOncall,
  IncidentWork,
  OncallEntry,
  Priority,
  ServicesAnswer,
  Urgency,
  User,
} from '../domain.js';
import type { CoreEvent, PendingAction, WorkActionKind, WorkPayload } from '../events.js';
import type { IncidentWorkApi } from '../pagerduty/incident-work.js';
import type { Clock, Logger } from '../ports.js';
import { createOwnership } from './ownership.js';
import type { ActionInput } from './queue.js';
import { jsonLinkCandidates } from '../runbooks/candidates.js';

/** The most people or incidents one action may name. */
const MAX_TARGETS = 50;
/** Longest message of a status update or responder request. */
const MAX_MESSAGE = 10_000;

/** The operations as the companion offers them (`CompanionWorkApi` in companion-types.ts). */
export interface CompanionWork {
  incidentWork(incidentId: string): Promise<IncidentWork>;
  /**
   * People, policies and priorities of the account. `forIncident` names the incident they are
   * picked for: with several accounts it routes the search to that incident's account (a user id of
   * one account means nothing in another); a single companion has one account and ignores it.
   */
  findUsers(query: string, forIncident?: string): Promise<User[]>;
  findPolicies(query: string, forIncident?: string): Promise<EscalationPolicyInfo[]>;
  /**
   * Services I can see whose name contains `query` (any case), each with its team, its escalation
   * policy and who is on call at each level now, and its open incidents in my feed. From the
   * ownership cache (actions/ownership.ts), refreshed with the on-call data; `refresh` reads it now.
   */
  services(query: string, opts?: { refresh?: boolean }): Promise<ServicesAnswer>;
  /** "Who else is on call" for an incident: its service's owners and its policy's levels, from the same cache. */
  oncallFor(incidentId: string): Promise<IncidentOncall>;
  /** The account's priorities; an empty list when it has none (hide the control). */
  priorities(forIncident?: string): Promise<Priority[]>;
  reassign(incidentId: string, to: { userIds: string[] } | { policyId: string }): Promise<ActionAccepted>;
  escalate(incidentId: string, level: number): Promise<ActionAccepted>;
  addResponders(incidentId: string, userIds: string[], message: string): Promise<ActionAccepted>;
  setPriority(incidentId: string, priorityId: string | null): Promise<ActionAccepted>;
  setUrgency(incidentId: string, urgency: Urgency): Promise<ActionAccepted>;
  statusUpdate(incidentId: string, message: string): Promise<ActionAccepted>;
  merge(targetId: string, sourceIds: string[]): Promise<ActionAccepted>;
  /** Why adding responders is off for this account (a 402 was answered), or null. */
  respondersUnavailable(forIncident?: string): string | null;
}

/** What the operations need from the companion. */
export interface CompanionWorkDeps {
  api: IncidentWorkApi | null;
  me(): User | null;
  /** The incident as shown now (with pending actions applied), if in the feed. */
  shown(incidentId: string): Incident | undefined;
  enqueue(input: ActionInput): Promise<PendingAction>;
  /** Who is on call now for these escalation policies (every level). */
  oncallsNow(policyIds: string[]): Promise<OncallEntry[]>;
  /** The open incidents of the feed. */
  openIncidents(): Incident[];
  subscribe(listener: (e: CoreEvent) => unknown): () => void;
  clock: Clock;
  logger: Logger;
}

const noSource = (): Error =>
  new Error('This source cannot work incidents (reassign, escalate, responders...): connect to PagerDuty.');

function oneId(id: string): string {
  const t = id.trim();
  if (!t) throw new RangeError('Give an incident id.');
  return t;
}

function ids(list: readonly string[], what: string): string[] {
  const clean = [...new Set(list.map((s) => s.trim()).filter(Boolean))];
  if (clean.length === 0) throw new RangeError(`Give at least one ${what}.`);
  if (clean.length > MAX_TARGETS) throw new RangeError(`At most ${MAX_TARGETS} ${what}s at once.`);
  return clean;
}

function message(text: string, what: string): string {
  const m = text.trim();
  if (!m) throw new RangeError(`${what} needs a message.`);
  if (m.length > MAX_MESSAGE) throw new RangeError(`${what} is limited to ${MAX_MESSAGE} characters.`);
  return m;
}

/** Creates the operations; `ownershipTick` is for the companion to call after each good poll. */
export function companionWork(d: CompanionWorkDeps): CompanionWork & { ownershipTick(): void } {
  /** Names seen in answers, so a queued action can show who or what it names at once. */
  const users = new Map<string, string>();
  const policies = new Map<string, EscalationPolicyInfo>();
  let priorities: Priority[] | null = null;
  let respondersOff: string | null = null;

  d.subscribe((e) => {
    if (e.type !== 'action.failed' || !e.final || e.action.kind !== 'add_responders') return;
    if (/402|plan/i.test(e.error)) {
      respondersOff = `Adding responders is not part of this PagerDuty account's plan (${e.error})`;
      d.logger.warn('adding responders is off for this account: its plan lacks it');
    }
  });

  const api = (): IncidentWorkApi => {
    if (!d.api) throw noSource();
    return d.api;
  };
  const queue = async (
    kind: WorkActionKind,
    incidentId: string,
    work: WorkPayload,
  ): Promise<ActionAccepted> => {
    const a = await d.enqueue({ kind, incidentIds: [incidentId], work });
    return { actionId: a.id, incidentIds: a.incidentIds };
  };
  const ownership = createOwnership({
    api,
    oncallsNow: (ids) => d.oncallsNow(ids),
    openIncidents: () => d.openIncidents(),
    clock: d.clock,
    logger: d.logger,
  });
  const loadPriorities = async (): Promise<Priority[]> => {
    if (priorities) return priorities;
    const l = await api().listPriorities();
    priorities = l ? l.items : [];
    return priorities;
  };

  return {
    respondersUnavailable: () => respondersOff,

    async incidentWork(incidentId) {
      const id = oneId(incidentId);
      const [work, alerts, changes] = await Promise.all([
        api().getIncidentWork(id),
        api().listAlerts(id),
        // Change correlation is extra: a failure hides the section, it does not fail the detail.
        api()
          .listRelatedChangeEvents(id)
          .catch((e: unknown) => {
            d.logger.warn('could not read the related change events', {
              error: e instanceof Error ? e.message : String(e),
            });
            return null;
          }),
      ]);
      const policyId = work.incident.escalationPolicy?.id;
      let policy: EscalationPolicyInfo | null = policyId ? (policies.get(policyId) ?? null) : null;
      if (policyId && !policy) {
        const found = await api()
          .listEscalationPolicies(work.incident.escalationPolicy?.summary ?? '')
          .catch(() => null);
        for (const p of found?.items ?? []) policies.set(p.id, p);
        policy = policies.get(policyId) ?? null;
      }
      // What the feed shows (with my queued actions applied) wins over the just-read incident.
      const shown = d.shown(id);
      return {
        incident: shown ?? work.incident,
        conferenceBridge: work.conferenceBridge,
        responderRequests: work.responderRequests,
        alerts: alerts.items.map((a) => ({ ...a, links: jsonLinkCandidates(a.details) })),
        skippedAlerts: alerts.skipped,
        escalationPolicy: policy,
        changeEvents: changes?.items ?? [],
      };
    },

    async findUsers(query) {
      const l = await api().listUsers(query.trim());
      for (const u of l.items) users.set(u.id, u.name);
      return l.items;
    },

    async findPolicies(query) {
      const l = await api().listEscalationPolicies(query.trim());
      for (const p of l.items) policies.set(p.id, p);
      return l.items;
    },

    priorities: loadPriorities,

    services: (query, opts) => ownership.services(query, opts),

    async oncallFor(incidentId) {
      const id = oneId(incidentId);
      const incident = d.shown(id) ?? (await api().getIncidentWork(id)).incident;
      return ownership.forIncident(incident);
    },

    ownershipTick: () => ownership.tick(),

    async reassign(incidentId, to) {
      const id = oneId(incidentId);
      if ('policyId' in to) {
        const pid = oneId(to.policyId);
        return queue('reassign', id, { policy: { id: pid, summary: policies.get(pid)?.name ?? pid } });
      }
      const list = ids(to.userIds, 'user');
      return queue('reassign', id, { users: list.map((u) => ({ id: u, summary: users.get(u) ?? u })) });
    },

    async escalate(incidentId, level) {
      if (!Number.isInteger(level) || level < 1 || level > 20)
        throw new RangeError('Escalate to a level from 1 to 20 of the incident\u2019s escalation policy.');
      return queue('escalate', oneId(incidentId), { level });
    },

    async addResponders(incidentId, userIds, text) {
      if (respondersOff) throw new Error(respondersOff);
      const me = d.me();
      if (!me) throw new Error('Not connected to PagerDuty yet: who asks for responders is not known.');
      const list = ids(userIds, 'responder');
      return queue('add_responders', oneId(incidentId), {
        users: list.map((u) => ({ id: u, summary: users.get(u) ?? u })),
        message: message(text, 'Adding responders'),
        requesterId: me.id,
      });
    },

    async setPriority(incidentId, priorityId) {
      let name: string | null = null;
      if (priorityId !== null) {
        // The names come from the list the picker showed; when it cannot be read now (PagerDuty
        // down), the action is queued anyway and shows the id until the next poll.
        const list = await loadPriorities().catch(() => null);
        const p = list?.find((x) => x.id === priorityId);
        if (list && !p) throw new RangeError(`No priority ${priorityId} on this account.`);
        name = p?.name ?? priorityId;
      }
      return queue('set_priority', oneId(incidentId), { priority: { id: priorityId, name } });
    },

    async setUrgency(incidentId, urgency) {
      if (urgency !== 'high' && urgency !== 'low') throw new RangeError('Urgency is high or low.');
      return queue('set_urgency', oneId(incidentId), { urgency });
    },

    async statusUpdate(incidentId, text) {
      return queue('status_update', oneId(incidentId), { message: message(text, 'A status update') });
    },

    async merge(targetId, sourceIds) {
      const target = oneId(targetId);
      const sources = ids(sourceIds, 'incident to merge').filter((s) => s !== target);
      if (sources.length === 0) throw new RangeError('Merge needs an incident other than the target.');
      return queue('merge', target, { sourceIds: sources });
    },
  };
}
