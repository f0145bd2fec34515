/**
 * An in-memory PagerDutyApi for core tests: incidents, on-call entries, a log of every call, and
 * injectable failures (errors with a kind, or calls that never answer).
 */
import type { Incident, LogEntry, OncallEntry, Urgency, User } from '../../../src-main/core/domain.js';
import type { ErrorKind } from '../../../src-main/core/events.js';
import type {
  CallOptions,
  IncidentQuery,
  Listing,
  OncallQuery,
  PagerDutyApi,
  UpdateResult,
} from '../../../src-main/core/pagerduty/api.js';
import type { Clock } from '../../../src-main/core/ports.js';

/** An error shaped like the client's PagerDutyError. */
export class FakeApiError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly alreadyDone = false,
  ) {
    super(message);
  }
}

export const ME: User = {
  id: 'PME',
  name: 'Me Myself',
  email: 'me@example.com',
  timeZone: 'UTC',
  htmlUrl: null,
};
export const OTHER = { id: 'POTHER', summary: 'Other Person' };

/** A complete incident with defaults. */
export function makeIncident(
  p: Partial<Incident> & { id: string },
  at = '2026-01-05T12:00:00.000Z',
): Incident {
  return {
    number: Number(p.id.replace(/\D/g, '')) || 1,
    title: `Incident ${p.id}`,
    status: 'triggered',
    urgency: 'high',
    createdAt: at,
    updatedAt: at,
    lastStatusChangeAt: at,
    htmlUrl: null,
    service: { id: 'PSVC', summary: 'Checkout' },
    escalationPolicy: { id: 'PEP', summary: 'Main' },
    escalationLevel: 1,
    assignees: [{ id: ME.id, summary: ME.name }],
    assignedAt: { [ME.id]: at },
    acknowledgers: [],
    teams: [],
    priority: null,
    incidentKey: null,
    details: null,
    ...p,
  };
}

type Call = { op: string; args: unknown[] };

/** The fake API. */
export class FakeApi implements PagerDutyApi {
  readonly incidents = new Map<string, Incident>();
  readonly everAssigned = new Map<string, Set<string>>();
  oncalls: OncallEntry[] = [];
  readonly calls: Call[] = [];
  fromEmail: string | null = null;
  me: User = ME;
  /** Errors thrown by the next calls (in order); `ops` limits which operations fail. */
  private failures: Array<{ error: Error; ops: string[] | null }> = [];
  /** Operations that never answer. */
  hang = new Set<string>();
  /** Log entries the writes added (acknowledge, snooze), per incident. */
  writeLog = new Map<string, LogEntry[]>();
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  /** Fails the next `count` calls (of `ops`, or any) with `error`. */
  failNext(error: Error, count = 1, ops: string[] | null = null): void {
    for (let i = 0; i < count; i++) this.failures.push({ error, ops });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Calls of one operation. */
  callsOf(op: string): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** Creates an open incident assigned to me (or `assignee`). */
  create(p: Partial<Incident> & { assignee?: string } = {}): Incident {
    const at = new Date(this.clock.now()).toISOString();
    const id = p.id ?? `PINC${++this.counter}`;
    const assignee = p.assignee ?? ME.id;
    const inc = makeIncident(
      {
        id,
        assignees: [{ id: assignee, summary: assignee === ME.id ? ME.name : 'Other Person' }],
        assignedAt: { [assignee]: at },
        ...p,
      },
      at,
    );
    delete (inc as Partial<{ assignee: string }>).assignee;
    this.put(inc);
    return inc;
  }

  put(inc: Incident): void {
    this.incidents.set(inc.id, inc);
    const set = this.everAssigned.get(inc.id) ?? new Set<string>();
    inc.assignees.forEach((a) => set.add(a.id));
    this.everAssigned.set(inc.id, set);
  }

  /** Changes an incident as the server would. */
  change(id: string, patch: Partial<Incident>): Incident {
    const at = new Date(this.clock.now()).toISOString();
    const cur = this.incidents.get(id);
    if (!cur) throw new Error(`no incident ${id}`);
    const next = { ...cur, ...patch, updatedAt: at };
    if (patch.status && patch.status !== cur.status) next.lastStatusChangeAt = at;
    if (next.status === 'resolved') next.assignees = [];
    this.put(next);
    return next;
  }

  private async enter(op: string, args: unknown[]): Promise<void> {
    this.calls.push({ op, args });
    const i = this.failures.findIndex((f) => f.ops === null || f.ops.includes(op));
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      throw f!.error;
    }
    if (this.hang.has(op)) await new Promise<never>(() => undefined);
  }

  async getMe(_opts?: CallOptions): Promise<User> {
    await this.enter('getMe', []);
    return { ...this.me };
  }

  async listIncidents(query: IncidentQuery, _opts?: CallOptions): Promise<Listing<Incident>> {
    await this.enter('listIncidents', [query]);
    const since = query.since ? Date.parse(query.since) : -Infinity;
    const until = query.until ? Date.parse(query.until) : Infinity;
    const items = [...this.incidents.values()].filter((i) => {
      if (query.statuses && !query.statuses.includes(i.status)) return false;
      const c = Date.parse(i.createdAt);
      if (c < since || c >= until) return false;
      if (query.serviceIds && !query.serviceIds.includes(i.service.id)) return false;
      if (query.urgencies && !query.urgencies.includes(i.urgency)) return false;
      if (query.teamIds && !i.teams.some((t) => query.teamIds!.includes(t.id))) return false;
      // Like PagerDuty: `user_ids` matches current assignees only, and resolved incidents have none.
      if (query.userIds && !i.assignees.some((a) => query.userIds!.includes(a.id))) return false;
      return true;
    });
    return { items: items.map((i) => structuredClone(i)), skipped: [] };
  }

  async listOncalls(query: OncallQuery, _opts?: CallOptions): Promise<Listing<OncallEntry>> {
    await this.enter('listOncalls', [query]);
    return { items: structuredClone(this.oncalls), skipped: [] };
  }

  private apply(id: string, status: 'acknowledged' | 'resolved'): UpdateResult {
    const cur = this.incidents.get(id);
    if (!cur) return { id, ok: false, alreadyDone: false, error: 'not found' };
    if (cur.status === status || cur.status === 'resolved')
      return { id, ok: true, alreadyDone: true, error: null };
    const at = new Date(this.clock.now()).toISOString();
    const ack =
      status === 'acknowledged' ? { acknowledgers: [{ id: this.me.id, summary: this.me.name }] } : {};
    this.change(id, { status, ...ack, lastStatusChangeAt: at });
    if (status === 'acknowledged') this.logWrite(id, 'acknowledge_log_entry');
    return { id, ok: true, alreadyDone: false, error: null };
  }

  async updateIncident(
    id: string,
    status: 'acknowledged' | 'resolved',
    _opts?: CallOptions,
  ): Promise<UpdateResult> {
    await this.enter('updateIncident', [id, status]);
    return this.apply(id, status);
  }

  async updateIncidents(
    ids: string[],
    status: 'acknowledged' | 'resolved',
    _opts?: CallOptions,
  ): Promise<UpdateResult[]> {
    await this.enter('updateIncidents', [ids, status]);
    return ids.map((id) => this.apply(id, status));
  }

  /** Records a write in the incident's log, as PagerDuty does. */
  logWrite(id: string, type: string): void {
    const list = this.writeLog.get(id) ?? [];
    const at = new Date(this.clock.now()).toISOString();
    list.push({ id: `W${id}${list.length}`, type, createdAt: at, summary: type, agent: null, content: null });
    this.writeLog.set(id, list);
  }

  async snooze(id: string, durationSeconds: number, _opts?: CallOptions): Promise<UpdateResult> {
    await this.enter('snooze', [id, durationSeconds]);
    if (this.incidents.has(id)) this.logWrite(id, 'snooze_log_entry');
    return { id, ok: this.incidents.has(id), alreadyDone: false, error: null };
  }

  async addNote(id: string, content: string, _opts?: CallOptions): Promise<void> {
    await this.enter('addNote', [id, content]);
  }

  /** The log: one assign entry per user the incident was ever assigned to. */
  async listLogEntries(id: string, _opts?: CallOptions): Promise<Listing<LogEntry>> {
    await this.enter('listLogEntries', [id]);
    const inc = this.incidents.get(id);
    const items: LogEntry[] = [...(this.everAssigned.get(id) ?? [])].map((userId, n) => ({
      id: `R${id}${n}`,
      type: 'assign_log_entry',
      createdAt: inc?.createdAt ?? new Date(this.clock.now()).toISOString(),
      summary: `Assigned to ${userId}`,
      agent: null,
      content: null,
      assignees: [{ id: userId, summary: userId }],
    }));
    items.push(...(this.writeLog.get(id) ?? []));
    if (inc?.status === 'resolved')
      items.push({
        id: `R${id}resolve`,
        type: 'resolve_log_entry',
        createdAt: inc.lastStatusChangeAt,
        summary: 'Resolved',
        agent: null,
        content: null,
      });
    return { items, skipped: [] };
  }

  setFromEmail(email: string | null): void {
    this.fromEmail = email;
  }
}

/** Urgency helper for generated data. */
export const URGENCIES: Urgency[] = ['high', 'low'];
