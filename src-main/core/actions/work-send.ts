/**
 * Sends the incident-work actions of the queue (reassign, escalate, responders, priority, urgency,
 * status update, merge) exactly once where PagerDuty lets us tell: before a retry, or the first send
 * of an action a previous run left (it may have reached PagerDuty before the kill or the timeout), the
 * incident is read and an action whose effect is already there counts as done. The PUTs set a state
 * (assignees, policy, level, urgency, priority), so that state is the proof; responder requests are
 * listed on the incident (`GET /incidents/{id}`'s `responder_requests`); merged sources are resolved;
 * a status update is listed in the incident's log as a `status_update_log_entry` with its message
 * (PagerDuty's log lists that type though its OpenAPI enum omits it; an account whose log does not
 * list it gets at least once).
 */
import type { PagerDutyError } from '../pagerduty/errors.js';
import { PagerDutyError as PdError } from '../pagerduty/errors.js';
import type { UpdateResult } from '../pagerduty/api.js';
import type { IncidentWorkApi } from '../pagerduty/incident-work.js';
import { STATUS_UPDATE_LOG_ENTRY } from '../pagerduty/map.js';
import type { LogEntry } from '../domain.js';
import type { PendingAction } from '../events.js';
import type { Logger } from '../ports.js';

/**
 * A responder request or status update PagerDuty dates this long before the action was first sent
 * still counts as its own (clock skew). Kept short: an identical update posted on purpose a few
 * minutes earlier must not be taken for this one (that would drop it; a duplicate is the lesser harm).
 */
const CLOCK_SKEW_MS = 60_000;

/** Since when an earlier delivery of this action can be in PagerDuty. */
const sentSince = (a: PendingAction): number => Date.parse(a.firstSentAt ?? a.createdAt) - CLOCK_SKEW_MS;

/** What sending needs. */
export interface WorkSendContext {
  api: IncidentWorkApi | undefined;
  /** True when the action may already have reached PagerDuty (a retry, or left by a previous run). */
  resend: boolean;
  logger: Logger;
  signal: AbortSignal;
  /** The incident's log (`GET /incidents/{id}/log_entries`), to find a status update already posted. */
  logEntries?: (incidentId: string, signal: AbortSignal) => Promise<LogEntry[]>;
}

const missing = (what: string): PagerDutyError =>
  new PdError(`This action has no ${what}; it cannot be sent.`, { kind: 'bad_request' });

/** Sends one work action; resolves to per-incident results (or nothing when it simply succeeded). */
export async function sendWork(a: PendingAction, ctx: WorkSendContext): Promise<UpdateResult[] | void> {
  const api = ctx.api;
  if (!api)
    throw new PdError('This source cannot work incidents (reassign, escalate, ...).', {
      kind: 'bad_request',
    });
  const id = a.incidentIds[0] ?? '';
  const w = a.work ?? {};
  const signal = ctx.signal;
  const done = (why: string): UpdateResult[] => {
    ctx.logger.info('the action reached PagerDuty in an earlier attempt; not sending it again', {
      actionId: a.id,
      kind: a.kind,
      why,
    });
    return [{ id, ok: true, alreadyDone: true, error: null }];
  };
  const current = async () => (await api.getIncidentWork(id, { signal })).incident;

  switch (a.kind) {
    case 'reassign': {
      if (w.policy) {
        if (ctx.resend && (await current()).escalationPolicy?.id === w.policy.id) return done('policy');
        return [await api.reassign(id, { policyId: w.policy.id }, { signal })];
      }
      const userIds = (w.users ?? []).map((u) => u.id);
      if (userIds.length === 0) throw missing('assignee');
      if (ctx.resend) {
        const now = (await current()).assignees.map((u) => u.id).sort();
        if (JSON.stringify(now) === JSON.stringify([...userIds].sort())) return done('assignees');
      }
      return [await api.reassign(id, { userIds }, { signal })];
    }
    case 'escalate': {
      if (w.level === undefined) throw missing('level');
      if (ctx.resend && (await current()).escalationLevel === w.level) return done('level');
      return [await api.escalate(id, w.level, { signal })];
    }
    case 'set_urgency': {
      if (!w.urgency) throw missing('urgency');
      if (ctx.resend && (await current()).urgency === w.urgency) return done('urgency');
      return [await api.setUrgency(id, w.urgency, { signal })];
    }
    case 'set_priority': {
      if (!w.priority) throw missing('priority');
      if (ctx.resend && (await current()).priority === w.priority.name) return done('priority');
      return [await api.setPriority(id, w.priority.id, { signal })];
    }
    case 'add_responders': {
      const userIds = (w.users ?? []).map((u) => u.id);
      const message = w.message ?? '';
      if (userIds.length === 0 || !w.requesterId) throw missing('responder or requester');
      if (ctx.resend) {
        const since = sentSince(a);
        const { responderRequests } = await api.getIncidentWork(id, { signal });
        const there = responderRequests.some(
          (r) =>
            r.message.trim() === message.trim() &&
            !(Date.parse(r.requestedAt ?? '') < since) &&
            userIds.every((u) => r.targets.some((t) => t.id === u)),
        );
        if (there) return done('responder request listed');
      }
      await api.addResponders(id, { requesterId: w.requesterId, userIds, message }, { signal });
      return;
    }
    case 'status_update': {
      if (!w.message) throw missing('message');
      if (ctx.resend && ctx.logEntries) {
        const since = sentSince(a);
        const text = w.message.trim();
        const log = await ctx.logEntries(id, signal);
        const there = log.some(
          (e) =>
            e.type === STATUS_UPDATE_LOG_ENTRY &&
            (e.content ?? '').trim() === text &&
            !(Date.parse(e.createdAt) < since),
        );
        if (there) return done('status update in the log');
      }
      await api.postStatusUpdate(id, w.message, { signal });
      return;
    }
    case 'merge': {
      let sources = w.sourceIds ?? [];
      if (sources.length === 0) throw missing('incident to merge');
      if (ctx.resend) {
        const open: string[] = [];
        for (const s of sources) {
          const inc = await api.getIncidentWork(s, { signal }).catch(() => null);
          if (!inc || inc.incident.status !== 'resolved') open.push(s);
        }
        if (open.length === 0) return done('sources resolved');
        sources = open;
      }
      await api.merge(id, sources, { signal });
      return;
    }
    default:
      throw new PdError(`Unknown action ${a.kind}.`, { kind: 'bad_request' });
  }
}
