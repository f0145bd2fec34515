/**
 * The PagerDuty reads the team load needs beyond the app's client: teams (`GET /teams`), the team's
 * log entries in one listing (`GET /log_entries` with `team_ids[]`, instead of one call per incident),
 * the level-1 on-call spans of its escalation policies (`GET /oncalls` with `escalation_policy_ids[]`)
 * and, where the plan has Analytics, `POST /analytics/raw/incidents` and
 * `POST /analytics/metrics/incidents/all` for the cross-check. Same transport, validation and
 * redaction as the app's client; answers validated per item with zod.
 */
import { z } from 'zod';
import type { Listing } from '../pagerduty/api.js';
import { PagerDutyError, isPagerDutyError } from '../pagerduty/errors.js';
import { createTransport } from '../pagerduty/http.js';
import { toLogEntry, toOncallEntry } from '../pagerduty/map.js';
import { createPager } from '../pagerduty/paging.js';
import { redactingLogger } from '../pagerduty/redact.js';
import {
  isoTime,
  logEntriesEnvelope,
  oncallsEnvelope,
  wireLogEntry,
  wireOncall,
  wireRef,
} from '../pagerduty/schemas.js';
import type { FetchLike, Logger, Timers } from '../ports.js';
import { silentLogger, systemTimers } from '../ports.js';
import type { LogEntry, OncallEntry } from '../domain.js';

/** A team. */
export interface TeamRef {
  id: string;
  name: string;
}

/** A log entry with the incident it belongs to. */
export type TeamLogEntry = LogEntry & { incidentId: string | null };

/** One incident as Analytics reports it. */
export interface AnalyticsIncident {
  id: string;
  createdAt: string;
  serviceId: string | null;
  urgency: string | null;
  secondsToFirstAck: number | null;
  secondsToResolve: number | null;
  escalationCount: number | null;
}

/** The reads. */
export interface TeamApi {
  readonly host: string;
  listTeams(signal?: AbortSignal): Promise<Listing<TeamRef>>;
  listLogEntries(
    q: { since: string; until: string; teamIds: string[] },
    signal?: AbortSignal,
  ): Promise<Listing<TeamLogEntry>>;
  listOncalls(
    q: { since: string; until: string; policyIds: string[] },
    signal?: AbortSignal,
  ): Promise<Listing<OncallEntry>>;
  /** Analytics raw incidents, or null when the plan has no Analytics (402/403). */
  analyticsIncidents(
    q: { since: string; until: string; teamIds?: string[]; serviceIds?: string[] },
    signal?: AbortSignal,
  ): Promise<AnalyticsIncident[] | null>;
}

/** Options of {@link createTeamApi}. */
export interface TeamApiOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  logger?: Logger;
  timeoutMs?: number;
  timers?: Timers;
}

const wireTeam = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
});
const teamsEnvelope = z.object({
  teams: z.array(z.unknown()),
  more: z.boolean().nullish(),
  limit: z.number().nullish(),
  offset: z.number().nullish(),
  total: z.number().nullish(),
});
const wireTeamLogEntry = wireLogEntry.extend({ incident: wireRef.nullish() });
const wireAnalyticsIncident = z.object({
  id: z.string().min(1),
  created_at: isoTime,
  service_id: z.string().nullish(),
  urgency: z.string().nullish(),
  seconds_to_first_ack: z.number().nullish(),
  seconds_to_resolve: z.number().nullish(),
  escalation_count: z.number().nullish(),
});
const analyticsEnvelope = z.object({
  data: z.array(z.unknown()),
  more: z.boolean().nullish(),
  last: z.string().nullish(),
});

/** Creates the team reads over a PagerDuty-compatible server. */
export function createTeamApi(o: TeamApiOptions): TeamApi {
  const secrets = [o.token];
  const logger = redactingLogger(o.logger ?? silentLogger, secrets);
  const transport = createTransport({
    baseUrl: o.baseUrl,
    token: o.token,
    authScheme: 'token',
    fetch: o.fetch,
    logger,
    timeoutMs: o.timeoutMs ?? 15_000,
    userAgent: 'oncall-companion',
    timers: o.timers ?? systemTimers,
  });
  const { envelope, paginate } = createPager({
    request: transport.request,
    logger,
    secrets,
    host: transport.host,
  });
  return {
    host: transport.host,
    listTeams: (signal) =>
      paginate({
        path: '/teams',
        key: 'teams',
        envelope: teamsEnvelope,
        query: {},
        item: wireTeam,
        map: (t) => ({ id: t.id, name: t.name ?? t.summary ?? t.id }),
        what: 'team',
        keyOf: (t) => t.id,
        signal,
      }),
    listLogEntries: (q, signal) =>
      paginate({
        path: '/log_entries',
        key: 'log_entries',
        envelope: logEntriesEnvelope,
        query: { since: q.since, until: q.until, 'team_ids[]': q.teamIds, is_overview: false },
        item: wireTeamLogEntry,
        map: (w) => ({ ...toLogEntry(w), incidentId: w.incident?.id ?? null }),
        what: 'log entry',
        keyOf: (l) => l.id,
        signal,
      }),
    listOncalls: (q, signal) =>
      paginate({
        path: '/oncalls',
        key: 'oncalls',
        envelope: oncallsEnvelope,
        query: { since: q.since, until: q.until, 'escalation_policy_ids[]': q.policyIds },
        item: wireOncall,
        map: toOncallEntry,
        what: 'on-call entry',
        signal,
      }),
    async analyticsIncidents(q, signal) {
      const out: AnalyticsIncident[] = [];
      let startingAfter: string | null = null;
      for (let page = 0; page < 100; page++) {
        let answer;
        try {
          answer = await transport.request({
            method: 'POST',
            path: '/analytics/raw/incidents',
            body: {
              filters: {
                created_at_start: q.since,
                created_at_end: q.until,
                ...(q.teamIds?.length ? { team_ids: q.teamIds } : {}),
                ...(q.serviceIds?.length ? { service_ids: q.serviceIds } : {}),
              },
              limit: 1000,
              ...(startingAfter ? { starting_after: startingAfter } : {}),
            },
            signal,
            what: 'analytics',
          });
        } catch (e) {
          // 402 (no Analytics on the plan) and 403 (no permission): the comparison is hidden.
          if (isPagerDutyError(e) && (e.status === 402 || e.status === 403 || e.kind === 'forbidden'))
            return null;
          throw e;
        }
        const env = envelope(analyticsEnvelope, answer.body, '/analytics/raw/incidents');
        for (const raw of env.data) {
          const r = wireAnalyticsIncident.safeParse(raw);
          if (!r.success) continue;
          out.push({
            id: r.data.id,
            createdAt: r.data.created_at,
            serviceId: r.data.service_id ?? null,
            urgency: r.data.urgency ?? null,
            secondsToFirstAck: r.data.seconds_to_first_ack ?? null,
            secondsToResolve: r.data.seconds_to_resolve ?? null,
            escalationCount: r.data.escalation_count ?? null,
          });
        }
        if (!env.more || !env.last) return out;
        startingAfter = env.last;
      }
      throw new PagerDutyError('Analytics kept paging past 100 pages; narrow the range.', {
        kind: 'invalid_response',
      });
    },
  };
}
