/**
 * A team's past weeks for the simulator: several services, several people on a weekly rotation (with a
 * shift swap), and weeks of resolved pages with known noise (alerts that resolve themselves within
 * minutes) and repeat offenders, so the demo's Team view and review have something true to show.
 *
 * It is its own small account beside the live demo: its team, services, people and escalation policy
 * are not the demo's, so the live shift, its tests and its counts are untouched. The routes answer
 * `GET /teams`, `GET /incidents` filtered to the team or its services, `GET /log_entries`,
 * `GET /incidents/{id}/log_entries` of its incidents, `GET /oncalls` for its policy, and the
 * Analytics endpoints (`POST /analytics/raw/incidents`, `POST /analytics/metrics/incidents/all`).
 * Tests pass their own history (counted independently) instead of the seeded one.
 */
import type { Urgency } from '../domain.js';
import { page, parsePaging, invalid, notFound, type Query } from './http-util.js';
import { createRng } from './prng.js';
import { ref } from './wire.js';

/** One page of the team's past. Times epoch ms. */
export interface SimTeamIncident {
  id: string;
  number: number;
  title: string;
  /** incident_key; defaults to a per-incident key. */
  alertKey?: string;
  serviceId: string;
  urgency: Urgency;
  createdAt: number;
  /** First assignee. */
  responderId: string;
  ack?: { at: number; by: string };
  /** Escalated to level 2 (this user) at this time. */
  escalation?: { at: number; to: string };
  notes?: Array<{ at: number; by: string; content: string }>;
  /** Resolved at; by a user id, or null for the service (auto-resolve). */
  resolved: { at: number; by: string | null };
}

/** A team's past, as the simulator serves it. */
export interface SimTeamHistory {
  team: { id: string; name: string };
  policy: { id: string; name: string };
  services: Array<{ id: string; name: string }>;
  people: Array<{ id: string; name: string }>;
  incidents: SimTeamIncident[];
  /** Level-1 on-call spans of the policy. */
  oncalls: Array<{ userId: string; start: number; end: number }>;
  /** Answer the Analytics endpoints (false: 402, as on plans without Analytics). */
  analytics?: boolean;
}

const API = 'https://api.pagerduty.com';
const WEB = 'https://demo.pagerduty.com';
const iso = (ms: number): string => new Date(ms).toISOString();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

/** The demo team. */
export const DEMO_TEAM = { id: 'PTE0009', name: 'Payments' };

/** Builds the demo team's last `weeks` weeks before `now` (deterministic for a seed). */
export function demoTeamHistory(now: number, seed = 1, weeks = 12): SimTeamHistory {
  const rng = createRng((seed ^ 0x7ea3) >>> 0);
  const services = [
    { id: 'PSV0091', name: 'payments-db' },
    { id: 'PSV0092', name: 'payments-api' },
    { id: 'PSV0093', name: 'ledger' },
    { id: 'PSV0094', name: 'fraud-scoring' },
  ];
  const people = [
    { id: 'PTM0091', name: 'Dana Cruz' },
    { id: 'PTM0092', name: 'Eli Novak' },
    { id: 'PTM0093', name: 'Fatima Haddad' },
    { id: 'PTM0094', name: 'Gus Moreno' },
  ];
  const level2 = 'PTM0093';
  // Rotation hands over on Mondays 09:00 UTC; the week 5 back had a swap (Eli covered Wed-Fri).
  const dayOfWeek = (Math.floor(now / DAY) + 3) % 7; // 0 = Monday
  const thisMonday = (Math.floor(now / DAY) - dayOfWeek) * DAY + 9 * HOUR;
  const start = thisMonday - weeks * 7 * DAY;
  const oncalls: SimTeamHistory['oncalls'] = [];
  for (let w = 0; w < weeks + 1; w++) {
    const a = start + w * 7 * DAY;
    const b = Math.min(a + 7 * DAY, now + 7 * DAY);
    const who = people[w % people.length]!.id;
    if (w === weeks - 5) {
      oncalls.push({ userId: who, start: a, end: a + 2 * DAY });
      oncalls.push({ userId: 'PTM0092', start: a + 2 * DAY, end: a + 5 * DAY });
      oncalls.push({ userId: who, start: a + 5 * DAY, end: b });
    } else oncalls.push({ userId: who, start: a, end: b });
  }
  const onCallAt = (t: number): string =>
    oncalls.find((o) => t >= o.start && t < o.end)?.userId ?? people[0]!.id;

  const incidents: SimTeamIncident[] = [];
  let n = 0;
  const add = (
    serviceId: string,
    title: string,
    at: number,
    kind: 'noise' | 'acked-note' | 'acked-silent' | 'escalated',
    urgency: Urgency = 'high',
  ) => {
    if (at >= now) return;
    n += 1;
    const responder = onCallAt(at);
    const inc: SimTeamIncident = {
      id: `QTH${String(n).padStart(5, '0')}`,
      number: 9000 + n,
      title,
      serviceId,
      urgency,
      createdAt: at,
      responderId: responder,
      resolved: { at: at + (2 + rng.int(0, 2)) * MIN, by: null },
    };
    if (kind !== 'noise') {
      const late = kind === 'escalated';
      const ackAt = at + (late ? 16 + rng.int(0, 6) : 1 + rng.int(0, 7)) * MIN;
      if (late) inc.escalation = { at: at + 15 * MIN, to: level2 };
      const by = late ? level2 : responder;
      inc.ack = { at: ackAt, by };
      if (kind === 'acked-note' || late)
        inc.notes = [{ at: ackAt + 5 * MIN, by, content: 'Found the cause; fix in progress.' }];
      inc.resolved = { at: ackAt + (10 + rng.int(0, 80)) * MIN, by };
    }
    incidents.push(inc);
  };
  for (let w = 0; w < weeks; w++) {
    const monday = start + w * 7 * DAY - 9 * HOUR;
    const at = (day: number, hour: number) => monday + day * DAY + hour * HOUR + rng.int(0, 59) * MIN;
    // payments-db: the disk alert flaps, more every week lately (the trend gets worse).
    const disk = 6 + Math.floor((w * 6) / weeks) + rng.int(0, 2);
    for (let i = 0; i < disk; i++) {
      const night = i % 2 === 0;
      add(
        'PSV0091',
        i % 3 === 0 ? 'disk-93% on payments-db' : 'disk-91% on payments-db',
        at(rng.int(0, 6), night ? rng.int(0, 5) : rng.int(9, 20)),
        i % 4 === 3 ? 'acked-silent' : 'noise',
      );
    }
    add(
      'PSV0091',
      'Replication lag above 30 s on payments-db',
      at(rng.int(0, 4), rng.int(10, 17)),
      'acked-note',
    );
    for (let i = 0; i < 2 + rng.int(0, 2); i++)
      add('PSV0092', '5xx rate above 2% on payments-api', at(rng.int(0, 6), rng.int(8, 23)), 'acked-note');
    if (w % 2 === 0)
      add('PSV0093', 'Ledger reconciliation job failed', at(rng.int(0, 6), rng.int(1, 4)), 'escalated');
    for (let i = 0; i < 2 + rng.int(0, 2); i++)
      add(
        'PSV0094',
        'Model latency p99 above 800 ms on fraud-scoring',
        at(rng.int(0, 6), rng.int(7, 22)),
        'acked-silent',
        i === 0 ? 'low' : 'high',
      );
  }
  incidents.sort((a, b) => a.createdAt - b.createdAt);
  return {
    team: DEMO_TEAM,
    policy: { id: 'PEP0009', name: 'Payments Escalation' },
    services,
    people,
    incidents,
    oncalls,
    analytics: true,
  };
}

/** Serves a team history. */
export interface TeamHistoryRoutes {
  /** The answer when the call is about the team history, else null (the live demo answers). */
  route(call: {
    method: string;
    path: string;
    query: Query;
    body: unknown;
  }): { status: number; body: unknown } | null;
  /** Teams to list besides the demo's. */
  team: { id: string; name: string };
}

interface LogRow {
  inc: SimTeamIncident;
  entry: Record<string, unknown>;
  at: number;
}

/** Routes of a team history. */
export function teamHistoryRoutes(h: SimTeamHistory): TeamHistoryRoutes {
  const serviceIds = new Set(h.services.map((s) => s.id));
  const serviceName = (id: string) => h.services.find((s) => s.id === id)?.name ?? id;
  const personName = (id: string) => h.people.find((p) => p.id === id)?.name ?? id;
  const userRef = (id: string) => ref('user', 'users', id, personName(id));
  const teamRef = ref('team', 'teams', h.team.id, h.team.name);
  const byId = new Map(h.incidents.map((i) => [i.id, i]));

  const incidentWire = (i: SimTeamIncident): Record<string, unknown> => {
    const status = 'resolved';
    const out: Record<string, unknown> = {
      id: i.id,
      type: 'incident',
      summary: `[#${i.number}] ${i.title}`,
      self: `${API}/incidents/${i.id}`,
      html_url: `${WEB}/incidents/${i.id}`,
      incident_number: i.number,
      title: i.title,
      status,
      urgency: i.urgency,
      created_at: iso(i.createdAt),
      updated_at: iso(i.resolved.at),
      last_status_change_at: iso(i.resolved.at),
      resolved_at: iso(i.resolved.at),
      incident_key: i.alertKey ?? `th-${i.id}`,
      service: ref('service', 'services', i.serviceId, serviceName(i.serviceId)),
      assignments: [],
      acknowledgements: [],
      assigned_via: 'escalation_policy',
      escalation_policy: ref('escalation_policy', 'escalation_policies', h.policy.id, h.policy.name),
      teams: [teamRef],
      alert_counts: { all: 1, triggered: 0, resolved: 1 },
      pending_actions: [],
      first_trigger_log_entry: ref(
        'trigger_log_entry',
        'log_entries',
        `${i.id}T`,
        'Triggered through the API.',
      ),
      last_status_change_by: i.resolved.by
        ? userRef(i.resolved.by)
        : ref('service', 'services', i.serviceId, serviceName(i.serviceId)),
      is_mergeable: true,
      escalation_level: i.escalation ? 2 : 1,
    };
    return out;
  };

  const entry = (
    i: SimTeamIncident,
    suffix: string,
    type: string,
    at: number,
    agent: Record<string, unknown>,
    summary: string,
    extra: Record<string, unknown> = {},
  ): LogRow => ({
    inc: i,
    at,
    entry: {
      id: `${i.id}${suffix}`,
      type,
      summary,
      self: `${API}/log_entries/${i.id}${suffix}`,
      html_url: `${WEB}/incidents/${i.id}/log_entries/${i.id}${suffix}`,
      created_at: iso(at),
      agent,
      channel: {
        type: type === 'annotate_log_entry' ? 'note' : type === 'trigger_log_entry' ? 'api' : 'auto',
      },
      service: ref('service', 'services', i.serviceId, serviceName(i.serviceId)),
      incident: ref('incident', 'incidents', i.id, `[#${i.number}] ${i.title}`),
      teams: [teamRef],
      contexts: [],
      ...extra,
    },
  });
  const logOf = (i: SimTeamIncident): LogRow[] => {
    const svc = ref('service', 'services', i.serviceId, serviceName(i.serviceId));
    const rows: LogRow[] = [
      entry(i, 'T', 'trigger_log_entry', i.createdAt, svc, 'Triggered through the API.'),
      entry(i, 'A', 'assign_log_entry', i.createdAt, svc, `Assigned to ${personName(i.responderId)}.`, {
        assignees: [userRef(i.responderId)],
      }),
    ];
    if (i.escalation)
      rows.push(
        entry(
          i,
          'E',
          'escalate_log_entry',
          i.escalation.at,
          svc,
          `Escalated to ${personName(i.escalation.to)}.`,
          {
            assignees: [userRef(i.escalation.to)],
          },
        ),
      );
    if (i.ack)
      rows.push(
        entry(
          i,
          'K',
          'acknowledge_log_entry',
          i.ack.at,
          userRef(i.ack.by),
          `Acknowledged by ${personName(i.ack.by)}.`,
        ),
      );
    (i.notes ?? []).forEach((note, k) =>
      rows.push(
        entry(
          i,
          `N${k}`,
          'annotate_log_entry',
          note.at,
          userRef(note.by),
          `Note added by ${personName(note.by)}.`,
          {
            note: note.content,
          },
        ),
      ),
    );
    rows.push(
      entry(
        i,
        'R',
        'resolve_log_entry',
        i.resolved.at,
        i.resolved.by ? userRef(i.resolved.by) : svc,
        i.resolved.by ? `Resolved by ${personName(i.resolved.by)}.` : 'Resolved by the service.',
      ),
    );
    return rows;
  };
  let allLogs: LogRow[] | null = null;
  const logs = (): LogRow[] =>
    (allLogs ??= h.incidents
      .flatMap(logOf)
      .sort((a, b) => a.at - b.at || String(a.entry.id).localeCompare(String(b.entry.id))));

  const listing = (key: string, items: unknown[], q: Query) => {
    const pg = page(items, parsePaging(q));
    return {
      status: 200,
      body: { [key]: pg.items, limit: pg.limit, offset: pg.offset, more: pg.more, total: pg.total },
    };
  };

  const analyticsFilter = (body: unknown) => {
    const f = ((body as { filters?: Record<string, unknown> } | undefined)?.filters ?? {}) as {
      created_at_start?: unknown;
      created_at_end?: unknown;
      team_ids?: unknown;
      service_ids?: unknown;
    };
    if (typeof f.created_at_start !== 'string' || typeof f.created_at_end !== 'string')
      throw invalid('filters.created_at_start and filters.created_at_end are required');
    const since = Date.parse(f.created_at_start);
    const until = Date.parse(f.created_at_end);
    if (Number.isNaN(since) || Number.isNaN(until))
      throw invalid('created_at_start and created_at_end must be dates');
    const teams = Array.isArray(f.team_ids) ? (f.team_ids as string[]) : [];
    const svcs = Array.isArray(f.service_ids) ? (f.service_ids as string[]) : [];
    if (teams.length && !teams.includes(h.team.id)) return [];
    return h.incidents.filter(
      (i) => i.createdAt >= since && i.createdAt < until && (!svcs.length || svcs.includes(i.serviceId)),
    );
  };

  return {
    team: h.team,
    route({ method, path, query, body }) {
      const seg = path.replace(/\/+$/, '').split('/').slice(1);
      if (method === 'GET' && path === '/incidents') {
        const teams = query.list('team_ids');
        const svcs = query.list('service_ids');
        const ours = teams.includes(h.team.id) || svcs.some((s) => serviceIds.has(s));
        if (!ours) return null;
        const since = query.time('since') ?? 0;
        const until = query.time('until') ?? Infinity;
        const statuses = query.list('statuses');
        const urgencies = query.list('urgencies');
        const items = h.incidents.filter(
          (i) =>
            i.createdAt >= since &&
            i.createdAt < until &&
            (!svcs.length || svcs.includes(i.serviceId) || teams.includes(h.team.id)) &&
            (!statuses.length || statuses.includes('resolved')) &&
            (!urgencies.length || urgencies.includes(i.urgency)),
        );
        return listing('incidents', items.map(incidentWire), query);
      }
      if (seg[0] === 'incidents' && seg.length === 3 && seg[2] === 'log_entries' && method === 'GET') {
        const inc = byId.get(decodeURIComponent(seg[1]!));
        if (!inc) return null;
        return listing(
          'log_entries',
          logOf(inc).map((r) => r.entry),
          query,
        );
      }
      if (method === 'GET' && path === '/log_entries') {
        const teams = query.list('team_ids');
        if (teams.length && !teams.includes(h.team.id)) return listing('log_entries', [], query);
        const since = query.time('since') ?? 0;
        const until = query.time('until') ?? Infinity;
        if (until < since) throw invalid('until must be after since');
        return listing(
          'log_entries',
          logs()
            .filter((r) => r.at >= since && r.at < until)
            .map((r) => r.entry),
          query,
        );
      }
      if (method === 'GET' && path === '/oncalls') {
        const policies = query.list('escalation_policy_ids');
        if (!policies.includes(h.policy.id)) return null;
        const since = query.time('since') ?? 0;
        const until = query.time('until') ?? since;
        const items = h.oncalls
          .filter((o) => o.end > since && o.start < until)
          .map((o) => ({
            escalation_policy: ref('escalation_policy', 'escalation_policies', h.policy.id, h.policy.name),
            escalation_level: 1,
            schedule: null,
            user: userRef(o.userId),
            start: iso(o.start),
            end: iso(o.end),
          }));
        return listing('oncalls', items, query);
      }
      if (method === 'GET' && seg[0] === 'teams' && seg.length === 2) {
        if (decodeURIComponent(seg[1]!) !== h.team.id) return null;
        return {
          status: 200,
          body: { team: { ...teamRef, type: 'team', name: h.team.name, description: '' } },
        };
      }
      if (method === 'POST' && seg[0] === 'analytics') {
        if (!h.analytics)
          return {
            status: 402,
            body: { error: { message: 'Analytics is not available on this plan', code: 2012 } },
          };
        if (path === '/analytics/raw/incidents') {
          const items = analyticsFilter(body);
          return {
            status: 200,
            body: {
              data: items.map((i) => ({
                id: i.id,
                incident_number: i.number,
                created_at: iso(i.createdAt),
                resolved_at: iso(i.resolved.at),
                service_id: i.serviceId,
                service_name: serviceName(i.serviceId),
                team_id: h.team.id,
                team_name: h.team.name,
                urgency: i.urgency,
                ...(i.ack ? { seconds_to_first_ack: Math.round((i.ack.at - i.createdAt) / 1000) } : {}),
                seconds_to_resolve: Math.round((i.resolved.at - i.createdAt) / 1000),
                escalation_count: i.escalation ? 1 : 0,
              })),
              first: items[0]?.id ?? '',
              last: items[items.length - 1]?.id ?? '',
              more: false,
              limit: Math.max(1, items.length),
              order: 'asc',
              order_by: 'created_at',
              time_zone: 'Etc/UTC',
            },
          };
        }
        if (path === '/analytics/metrics/incidents/all') {
          const items = analyticsFilter(body);
          const acks = items.filter((i) => i.ack).map((i) => (i.ack!.at - i.createdAt) / 1000);
          return {
            status: 200,
            body: {
              data: [
                {
                  total_incident_count: items.length,
                  mean_seconds_to_first_ack: acks.length
                    ? Math.round(acks.reduce((a, b) => a + b, 0) / acks.length)
                    : null,
                  total_escalation_count: items.filter((i) => i.escalation).length,
                },
              ],
              time_zone: 'Etc/UTC',
            },
          };
        }
        throw notFound();
      }
      return null;
    },
  };
}
