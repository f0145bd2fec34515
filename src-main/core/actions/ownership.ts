/**
 * Who owns what, cached: the services I can see (`GET /services`) and who is on call now for their
 * escalation policies (`GET /oncalls` with `escalation_policy_ids[]`), read once and then again on
 * the on-call cadence (every 5 minutes and at a shift boundary, like my own shifts), never per poll.
 * A search filters the cache; a forced refresh reads it again now. A failed refresh keeps the last
 * answer and says how old it is. The cache starts on first use, so an account whose Services view
 * is never opened spends no request on it.
 */
import type {
  Incident,
  IncidentOncall,
  OncallEntry,
  ServiceInfo,
  ServiceOwnership,
  ServicesAnswer,
  UserRef,
} from '../domain.js';
import type { IncidentWorkApi } from '../pagerduty/incident-work.js';
import type { Clock, Logger } from '../ports.js';
import { ONCALL_REFRESH_MS, ONCALL_RETRY_MS } from '../sync/fetch.js';
import { isCurrent, nextBoundary } from '../sync/shifts.js';

/** Policies per `GET /oncalls` (keeps the URL short). */
const POLICIES_PER_READ = 50;

/** The least time between two forced reads of the services (the view's Refresh, clicked again and again). */
export const MIN_FORCED_REFRESH_MS = 5_000;

export interface OwnershipDeps {
  api: () => IncidentWorkApi;
  /** Who is on call now for these escalation policies (every level). */
  oncallsNow(policyIds: string[]): Promise<OncallEntry[]>;
  /** The open incidents of the feed (with queued actions applied). */
  openIncidents(): Incident[];
  clock: Clock;
  logger: Logger;
}

export interface Ownership {
  /** Services whose name contains `query` (any case), from the cache; read first when due or forced. */
  services(query: string, opts?: { refresh?: boolean }): Promise<ServicesAnswer>;
  /** Who is on call for an incident's service and escalation policy, from the same cache. */
  forIncident(incident: Incident): Promise<IncidentOncall>;
  /** After a good poll: refresh in the background when due (only once the cache is in use). */
  tick(): void;
}

interface Cache {
  services: ServiceInfo[];
  oncalls: OncallEntry[];
  fetchedAt: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** "4 min", "2 h 5 min", "less than a minute". */
export function ageText(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'less than a minute';
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Who is on call now at each level of a policy, from on-call entries. */
export function levelsOf(
  oncalls: readonly OncallEntry[],
  policyId: string,
  now: number,
): ServiceOwnership['levels'] {
  const levels = new Map<number, Map<string, UserRef>>();
  for (const o of oncalls) {
    if (o.escalationPolicy.id !== policyId) continue;
    if (!isCurrent(o, now)) continue;
    const at = levels.get(o.escalationLevel) ?? new Map<string, UserRef>();
    at.set(o.user.id, { id: o.user.id, summary: o.user.summary });
    levels.set(o.escalationLevel, at);
  }
  return [...levels.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([level, users]) => ({ level, users: [...users.values()] }));
}

/** Creates the cache (empty until first used). */
export function createOwnership(d: OwnershipDeps): Ownership {
  let cache: Cache | null = null;
  let dueAt = 0;
  let used = false;
  let failure: string | null = null;
  let inflight: Promise<void> | null = null;
  /** Policies of incidents that no visible service uses: read with the rest from then on. */
  const extraPolicies = new Set<string>();

  const readOncalls = async (policyIds: string[]): Promise<OncallEntry[]> => {
    const out: OncallEntry[] = [];
    for (let i = 0; i < policyIds.length; i += POLICIES_PER_READ)
      out.push(...(await d.oncallsNow(policyIds.slice(i, i + POLICIES_PER_READ))));
    return out;
  };

  const due = (now: number, oncalls: readonly OncallEntry[]): number => {
    const boundary = nextBoundary(oncalls, now);
    return Math.min(now + ONCALL_REFRESH_MS, boundary === null ? Infinity : boundary + 1000);
  };

  const refresh = (): Promise<void> =>
    (inflight ??= (async () => {
      try {
        const listing = await d.api().listServices('');
        const policyIds = [
          ...new Set([...listing.items.map((s) => s.escalationPolicy.id), ...extraPolicies]),
        ];
        const oncalls = policyIds.length ? await readOncalls(policyIds) : [];
        const now = d.clock.now();
        cache = { services: listing.items, oncalls, fetchedAt: now };
        dueAt = due(now, oncalls);
        if (failure) d.logger.info('the services and their on-call are read again');
        failure = null;
      } catch (e) {
        failure = message(e);
        dueAt = d.clock.now() + ONCALL_RETRY_MS;
        d.logger.warn('could not refresh the services and who is on call for them', { error: failure });
        throw e;
      } finally {
        inflight = null;
      }
    })());

  /** The cache, read first when there is none, it is due, or a refresh is forced; a failure keeps it. */
  const current = async (force: boolean): Promise<Cache> => {
    used = true;
    // A forced read (the view's Refresh) at most every 5 s: clicking again and again costs nothing.
    const forced = force && (!cache || d.clock.now() - cache.fetchedAt >= MIN_FORCED_REFRESH_MS);
    if (forced || !cache || d.clock.now() >= dueAt) {
      try {
        await refresh();
      } catch (e) {
        if (!cache) throw e;
      }
    }
    return cache!;
  };

  const stale = (c: Cache): string | null =>
    failure
      ? `Could not read the services again (${failure}); this is what PagerDuty said ${ageText(d.clock.now() - c.fetchedAt)} ago.`
      : null;

  const ownershipOf = (
    c: Cache,
    s: ServiceInfo,
    open: readonly Incident[],
    now: number,
  ): ServiceOwnership => ({
    service: s,
    levels: levelsOf(c.oncalls, s.escalationPolicy.id, now),
    openIncidents: open.filter((i) => i.service.id === s.id).length,
  });

  return {
    async services(query, opts) {
      const c = await current(opts?.refresh === true);
      const q = query.trim().toLowerCase();
      const now = d.clock.now();
      const open = d.openIncidents();
      const services = c.services
        .filter((s) => !q || s.name.toLowerCase().includes(q))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ownershipOf(c, s, open, now));
      return { services, fetchedAt: new Date(c.fetchedAt).toISOString(), stale: stale(c) };
    },

    async forIncident(incident) {
      let c = await current(false);
      const policy = incident.escalationPolicy;
      if (policy && !c.oncalls.some((o) => o.escalationPolicy.id === policy.id)) {
        const known =
          c.services.some((s) => s.escalationPolicy.id === policy.id) || extraPolicies.has(policy.id);
        if (!known) {
          // A policy no visible service uses (reassigned to it): read it once, then with the rest.
          extraPolicies.add(policy.id);
          try {
            const more = await readOncalls([policy.id]);
            // Into the cache as it is now: a refresh that finished meanwhile is kept.
            const now = cache ?? c;
            c = { ...now, oncalls: [...now.oncalls, ...more] };
            cache = c;
          } catch (e) {
            d.logger.warn('could not read who is on call for an escalation policy', { error: message(e) });
          }
        }
      }
      const now = d.clock.now();
      const s = c.services.find((x) => x.id === incident.service.id);
      return {
        incidentId: incident.id,
        service: s ? ownershipOf(c, s, d.openIncidents(), now) : null,
        policy: policy
          ? { id: policy.id, summary: policy.summary, levels: levelsOf(c.oncalls, policy.id, now) }
          : null,
        fetchedAt: new Date(c.fetchedAt).toISOString(),
        stale: stale(c),
      };
    },

    tick() {
      if (!used || inflight || d.clock.now() < dueAt) return;
      refresh().catch(() => undefined);
    },
  };
}
