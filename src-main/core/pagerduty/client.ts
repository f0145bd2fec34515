/**
 * The PagerDuty REST API v2 client: the `PagerDutyApi` the engine and action queue depend on,
 * over any WHATWG-style `fetch`. Validates every answer (per item for listings), follows paging,
 * chunks bulk updates, and throws only redacted `PagerDutyError`s (or the caller's abort reason).
 */
import type { FetchLike, Logger, Timers } from '../ports.js';
import { silentLogger, systemTimers } from '../ports.js';
import type { User } from '../domain.js';
import { SNOOZE_MAX_S, SNOOZE_MIN_S } from '../../shared/limits.js';
import type {
  CallOptions,
  IncidentInclude,
  IncidentQuery,
  OncallQuery,
  PagerDutyApi,
  UpdateResult,
} from './api.js';
import { PagerDutyError, isPagerDutyError, messages } from './errors.js';
import { createTransport } from './http.js';
import { createPager } from './paging.js';
import { fastIncident } from './fast-incident.js';
import { toIncident, toLogEntry, toOncallEntry, toUser } from './map.js';
import { redactSecrets, redactingLogger } from './redact.js';
import { createScheduleOps, type ScheduleApi } from './schedules.js';
import { createIncidentWorkOps, type IncidentWorkApi } from './incident-work.js';
import { createDirectoryOps, type DirectoryApi } from './directory.js';
import {
  formatIssues,
  incidentsEnvelope,
  logEntriesEnvelope,
  oncallsEnvelope,
  userEnvelope,
  usersEnvelope,
  wireIncident,
  wireLogEntry,
  wireOncall,
  wireUser,
} from './schemas.js';

/** PagerDuty's US service region. */
export const US_BASE_URL = 'https://api.pagerduty.com';
/** PagerDuty's EU service region. */
export const EU_BASE_URL = 'https://api.eu.pagerduty.com';
/** Default request timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Most incidents one `PUT /incidents` may carry. */
export const MAX_BULK_UPDATE = 250;
/** Requests a refused bulk update may spend finding which incidents it refused. */
export const FALLBACK_REQUESTS = 12;
/** Groups this small are tried one by one after a refusal. */
const ONE_BY_ONE_MAX = 3;
/** Longest snooze (7 days), in seconds. */
export const MAX_SNOOZE_SECONDS = SNOOZE_MAX_S;
/** What `listIncidents` includes unless the query says otherwise: the first alert's details. */
export const DEFAULT_INCIDENT_INCLUDES: readonly IncidentInclude[] = ['first_trigger_log_entries'];

/** Options of `createPagerDutyClient`. */
export interface PagerDutyClientOptions {
  /** API base URL: US, EU or any compatible server (the simulator). */
  baseUrl: string;
  token: string;
  /** `token` for API keys (`Token token=`), `bearer` for OAuth tokens. Default `token`. */
  authScheme?: 'token' | 'bearer';
  /** Email sent as `From` on writes; when null, the first successful `getMe` sets it. */
  fromEmail?: string | null;
  fetch: FetchLike;
  logger?: Logger;
  /** Per-request timeout (headers and body), default 10 s. */
  timeoutMs?: number;
  userAgent?: string;
  /** Timers for the timeout (tests pass fake ones). */
  timers?: Timers;
}

/** The client: `PagerDutyApi` plus what the app may want to know about its configuration. */
export interface PagerDutyClient extends PagerDutyApi, ScheduleApi, IncidentWorkApi, DirectoryApi {
  /** Host of the base URL, for messages ("api.pagerduty.com"). */
  readonly host: string;
  /** The `From` email writes will carry, if known. */
  getFromEmail(): string | null;
}

/** Errors that concern one incident (not the whole connection): reported per id, not thrown. */
function isItemError(e: unknown): e is PagerDutyError {
  return isPagerDutyError(e) && (e.alreadyDone || e.kind === 'not_found' || e.kind === 'bad_request');
}

/** The per-id outcome of an item error. */
function itemOutcome(id: string, e: PagerDutyError): UpdateResult {
  if (e.alreadyDone) return { id, ok: true, alreadyDone: true, error: null };
  return { id, ok: false, alreadyDone: false, error: e.message };
}

/** Creates a PagerDuty REST API v2 client. Throws `PagerDutyError` (`bad_request`) on an invalid base URL. */
export function createPagerDutyClient(opts: PagerDutyClientOptions): PagerDutyClient {
  const secrets = [opts.token];
  const logger = redactingLogger(opts.logger ?? silentLogger, secrets);
  const transport = createTransport({
    baseUrl: opts.baseUrl,
    token: opts.token,
    authScheme: opts.authScheme ?? 'token',
    fetch: opts.fetch,
    logger,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userAgent: opts.userAgent ?? 'oncall-companion',
    timers: opts.timers ?? systemTimers,
  });
  const host = transport.host;
  let fromEmail: string | null = opts.fromEmail?.trim() || null;

  const { envelope, paginate } = createPager({ request: transport.request, logger, secrets, host });

  /** Sends one write; resolves to the per-id result, or throws when the failure is not about this id. */
  async function writeOne(
    id: string,
    path: string,
    method: 'PUT' | 'POST',
    body: unknown,
    signal?: AbortSignal,
  ): Promise<UpdateResult> {
    try {
      await transport.request({
        method,
        path,
        body,
        write: true,
        from: fromEmail,
        signal,
        what: `incident ${id}`,
      });
      return { id, ok: true, alreadyDone: false, error: null };
    } catch (e) {
      if (isItemError(e)) return itemOutcome(id, e);
      throw e;
    }
  }

  const incidentPath = (id: string): string => `/incidents/${encodeURIComponent(id)}`;

  const updateIncident: PagerDutyApi['updateIncident'] = (id, status, o) =>
    writeOne(id, incidentPath(id), 'PUT', { incident: { type: 'incident_reference', status } }, o?.signal);

  /** Account-level keys: find the `From` user by email. */
  async function userByEmail(email: string, o?: CallOptions): Promise<User> {
    const listing = await paginate({
      path: '/users',
      key: 'users',
      envelope: usersEnvelope,
      query: { query: email },
      item: wireUser,
      map: toUser,
      what: 'user',
      signal: o?.signal,
      maxPages: 1,
    });
    const user = listing.items.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user) throw new PagerDutyError(messages.fromUserUnknown(email), { kind: 'from_required' });
    return user;
  }

  const scheduleOps = createScheduleOps({
    request: transport.request,
    from: () => fromEmail,
    logger,
    secrets,
    host,
  });

  const workOps = createIncidentWorkOps({
    request: transport.request,
    paginate,
    writeOne,
    from: () => fromEmail,
    logger,
    secrets,
    host,
  });

  const directoryOps = createDirectoryOps({ paginate });

  return {
    ...scheduleOps,
    ...workOps,
    ...directoryOps,
    host,
    getFromEmail: () => fromEmail,
    setFromEmail(email) {
      fromEmail = email?.trim() || null;
    },

    async getMe(o) {
      try {
        const answer = await transport.request({
          method: 'GET',
          path: '/users/me',
          signal: o?.signal,
          what: 'your user',
        });
        const env = envelope(userEnvelope, answer.body, '/users/me');
        const parsed = wireUser.safeParse(env.user);
        if (!parsed.success) {
          const reason = redactSecrets(formatIssues(parsed.error), secrets);
          throw new PagerDutyError(messages.invalidResponse(host, `/users/me: ${reason}`), {
            kind: 'invalid_response',
          });
        }
        const user = toUser(parsed.data);
        fromEmail ??= user.email;
        return user;
      } catch (e) {
        if (isPagerDutyError(e) && e.kind === 'from_required' && fromEmail) return userByEmail(fromEmail, o);
        throw e;
      }
    },

    listIncidents(query: IncidentQuery, o) {
      return paginate({
        path: '/incidents',
        key: 'incidents',
        envelope: incidentsEnvelope,
        query: {
          'statuses[]': query.statuses,
          'user_ids[]': query.userIds,
          'team_ids[]': query.teamIds,
          'service_ids[]': query.serviceIds,
          'urgencies[]': query.urgencies,
          since: query.since,
          until: query.until,
          date_range: query.dateRangeAll ? 'all' : undefined,
          sort_by: query.sortBy,
          'include[]': query.include ?? DEFAULT_INCIDENT_INCLUDES,
        },
        item: wireIncident,
        map: toIncident,
        fast: fastIncident,
        what: 'incident',
        limit: query.limit,
        keyOf: (i) => i.id,
        signal: o?.signal,
        // The routine poll asks the same question every few seconds: unchanged pages are reused.
        reuseUnchangedPages: !query.since && !query.until,
      });
    },

    listOncalls(query: OncallQuery, o) {
      return paginate({
        path: '/oncalls',
        key: 'oncalls',
        envelope: oncallsEnvelope,
        query: {
          'user_ids[]': query.userIds,
          'schedule_ids[]': query.scheduleIds,
          'escalation_policy_ids[]': query.escalationPolicyIds,
          since: query.since,
          until: query.until,
          earliest: query.earliest ? true : undefined,
        },
        item: wireOncall,
        map: toOncallEntry,
        what: 'on-call entry',
        signal: o?.signal,
      });
    },

    listLogEntries(id, o) {
      return paginate({
        path: `${incidentPath(id)}/log_entries`,
        key: 'log_entries',
        envelope: logEntriesEnvelope,
        query: o?.overview === false ? {} : { is_overview: true },
        item: wireLogEntry,
        map: toLogEntry,
        what: 'log entry',
        keyOf: (l) => l.id,
        signal: o?.signal,
      });
    },

    updateIncident,

    async updateIncidents(ids, status, o) {
      const bulk = (group: string[], signal?: AbortSignal): Promise<unknown> =>
        transport.request({
          method: 'PUT',
          path: '/incidents',
          body: { incidents: group.map((id) => ({ id, type: 'incident_reference', status })) },
          write: true,
          from: fromEmail,
          signal,
          what: group.length === 1 ? `incident ${group[0]}` : 'one of the incidents',
        });
      /**
       * After a refused bulk update: halves are tried in bulk (a half that goes through is done),
       * small groups one by one, at most FALLBACK_REQUESTS requests in all; a group still refused
       * when they are spent is reported failed with the refusal, so 200 unknown ids cost a dozen
       * requests, not 200.
       */
      const narrowDown = async (
        chunk: string[],
        refusal: PagerDutyError,
        signal?: AbortSignal,
      ): Promise<UpdateResult[]> => {
        const out = new Map<string, UpdateResult>();
        let budget = FALLBACK_REQUESTS;
        const refused: Array<{ group: string[]; error: PagerDutyError }> = [{ group: chunk, error: refusal }];
        while (refused.length > 0) {
          const { group, error } = refused.shift()!;
          if (group.length <= ONE_BY_ONE_MAX && budget >= group.length) {
            budget -= group.length;
            for (const id of group) out.set(id, await updateIncident(id, status, { signal }));
            continue;
          }
          if (group.length <= ONE_BY_ONE_MAX || budget < 2) {
            for (const id of group)
              out.set(id, { id, ok: false, alreadyDone: false, error: `not changed: ${error.message}` });
            continue;
          }
          const mid = Math.ceil(group.length / 2);
          for (const half of [group.slice(0, mid), group.slice(mid)]) {
            budget -= 1;
            try {
              await bulk(half, signal);
              for (const id of half) out.set(id, { id, ok: true, alreadyDone: false, error: null });
            } catch (e) {
              if (!isItemError(e)) throw e;
              if (half.length === 1) out.set(half[0]!, itemOutcome(half[0]!, e));
              else refused.push({ group: half, error: e });
            }
          }
        }
        return chunk.map((id) => out.get(id)!);
      };
      const unique = [...new Set(ids)];
      const results: UpdateResult[] = [];
      for (let i = 0; i < unique.length; i += MAX_BULK_UPDATE) {
        const chunk = unique.slice(i, i + MAX_BULK_UPDATE);
        try {
          await bulk(chunk, o?.signal);
          for (const id of chunk) results.push({ id, ok: true, alreadyDone: false, error: null });
        } catch (e) {
          if (!isItemError(e)) throw e;
          if (chunk.length === 1) {
            results.push(itemOutcome(chunk[0] as string, e));
            continue;
          }
          // One incident (or more) spoiled the chunk: find out which, within a few requests.
          logger.info('Bulk update refused; finding the incidents it refused', {
            count: chunk.length,
            kind: e.kind,
          });
          results.push(...(await narrowDown(chunk, e, o?.signal)));
        }
      }
      return results;
    },

    async snooze(id, durationSeconds, o) {
      if (
        !Number.isInteger(durationSeconds) ||
        durationSeconds < SNOOZE_MIN_S ||
        durationSeconds > MAX_SNOOZE_SECONDS
      ) {
        throw new PagerDutyError(messages.badSnooze(durationSeconds), { kind: 'bad_request' });
      }
      return writeOne(id, `${incidentPath(id)}/snooze`, 'POST', { duration: durationSeconds }, o?.signal);
    },

    async addNote(id, content, o) {
      if (content.trim() === '') {
        throw new PagerDutyError('A note needs some text.', { kind: 'bad_request' });
      }
      await transport.request({
        method: 'POST',
        path: `${incidentPath(id)}/notes`,
        body: { note: { content } },
        write: true,
        from: fromEmail,
        signal: o?.signal,
        what: `incident ${id}`,
      });
    },
  };
}
