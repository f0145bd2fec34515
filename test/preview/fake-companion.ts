/**
 * A minimal in-memory Companion for the preview server's unit tests: records calls, emits events
 * on demand, and holds a fixed snapshot.
 */
import type { Companion, CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { CoreEvent } from '../../src-main/core/events.js';
import type { CoreSettings } from '../../src-main/core/settings.js';
import type { AppSettings } from '../../src-main/ipc/app-settings.js';
import type { HistoryPort, Runtime } from '../../src-main/app/runtime.js';
import type { SourceRequest } from '../../src-main/app/sources.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { createPreviewRuntime } from '../../src-main/preview/runtime.js';

/** The preview's runtime over fake companions: `first` runs first, `next(req)` after a switch. */
export function runtimeOver(
  first: Companion,
  o: {
    next?: (req: SourceRequest) => Companion;
    opened?: SourceRequest[];
    history?: HistoryPort | null;
    settings?: Partial<AppSettings>;
  } = {},
): Runtime {
  let n = 0;
  return createPreviewRuntime({
    openSource: async (req) => {
      n++;
      o.opened?.push(req);
      return { companion: n === 1 || !o.next ? first : o.next(req), close: async () => {} };
    },
    logger: silentLogger,
    ...(o.history !== undefined ? { history: o.history } : {}),
    ...(o.settings ? { settings: o.settings } : {}),
  });
}

/** A history port over one (fake or real) service. */
export function historyOf(service: unknown): HistoryPort {
  const handle = { service: service as never, close: async () => {} };
  return { open: async () => handle };
}

/** The fake with its call log. */
export interface FakeCompanion extends Companion {
  calls: Array<{ name: string; args: unknown[] }>;
  emit(event: CoreEvent): void;
  listenerCount(): number;
  settings: CoreSettings | null;
}

/** Create a fake companion of the given source kind. */
export function fakeCompanion(kind: 'demo' | 'pagerduty' = 'demo'): FakeCompanion {
  const listeners = new Set<(e: CoreEvent) => void>();
  const calls: FakeCompanion['calls'] = [];
  const accepted = (ids: string[]) => ({ actionId: `act-${calls.length}`, incidentIds: ids });
  const snap: CompanionSnapshot = {
    source: { kind, apiUrl: 'http://127.0.0.1:1' },
    me: null,
    sync: { state: 'live', lastSyncAt: '2026-01-01T00:00:00.000Z' },
    incidents: [],
    shifts: { current: [], next: null, fetchedAt: null },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    at: '2026-01-01T00:00:00.000Z',
  };
  const c: FakeCompanion = {
    calls,
    settings: null,
    emit: (e) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
    snapshot: () => snap,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async syncNow() {
      calls.push({ name: 'syncNow', args: [] });
    },
    async acknowledge(ids) {
      calls.push({ name: 'acknowledge', args: [ids] });
      return accepted(ids);
    },
    async resolve(ids) {
      calls.push({ name: 'resolve', args: [ids] });
      return accepted(ids);
    },
    async snooze(id, s) {
      calls.push({ name: 'snooze', args: [id, s] });
      return accepted([id]);
    },
    async acknowledgeAllMine() {
      calls.push({ name: 'acknowledgeAllMine', args: [] });
      return accepted([]);
    },
    async addNote(id, content) {
      calls.push({ name: 'addNote', args: [id, content] });
      return accepted([id]);
    },
    async hold(kind, ids, seconds) {
      calls.push({ name: 'hold', args: [kind, ids, seconds] });
      return { actionId: `held-${calls.length}`, kind, incidentIds: ids, releaseAt: seconds * 1000 };
    },
    async undo(actionId) {
      calls.push({ name: 'undo', args: [actionId] });
      return true;
    },
    async logEntries(id) {
      calls.push({ name: 'logEntries', args: [id] });
      return [];
    },
    pauseLowUrgency(until) {
      calls.push({ name: 'pauseLowUrgency', args: [until] });
    },
    async roster(days) {
      calls.push({ name: 'roster', args: [days] });
      throw new Error('no roster in this fake');
    },
    async trade(request) {
      calls.push({ name: 'trade', args: [request] });
      throw new Error('no trades in this fake');
    },
    async incidentWork(id) {
      calls.push({ name: 'incidentWork', args: [id] });
      throw new Error('no incident work in this fake');
    },
    async findUsers(q) {
      calls.push({ name: 'findUsers', args: [q] });
      return [];
    },
    async findPolicies(q) {
      calls.push({ name: 'findPolicies', args: [q] });
      return [];
    },
    async priorities() {
      calls.push({ name: 'priorities', args: [] });
      return [];
    },
    async reassign(id, to) {
      calls.push({ name: 'reassign', args: [id, to] });
      return accepted([id]);
    },
    async escalate(id, level) {
      calls.push({ name: 'escalate', args: [id, level] });
      return accepted([id]);
    },
    async addResponders(id, users, message) {
      calls.push({ name: 'addResponders', args: [id, users, message] });
      return accepted([id]);
    },
    async setPriority(id, p) {
      calls.push({ name: 'setPriority', args: [id, p] });
      return accepted([id]);
    },
    async setUrgency(id, u) {
      calls.push({ name: 'setUrgency', args: [id, u] });
      return accepted([id]);
    },
    async statusUpdate(id, m) {
      calls.push({ name: 'statusUpdate', args: [id, m] });
      return accepted([id]);
    },
    async merge(id, sources) {
      calls.push({ name: 'merge', args: [id, sources] });
      return accepted([id]);
    },
    respondersUnavailable: () => null,
    async services(q, opts) {
      calls.push({ name: 'services', args: [q, opts] });
      return { services: [], fetchedAt: null, stale: null };
    },
    async oncallFor(id) {
      calls.push({ name: 'oncallFor', args: [id] });
      return { incidentId: id, service: null, policy: null, fetchedAt: null, stale: null };
    },
    async findServices(q) {
      calls.push({ name: 'findServices', args: [q] });
      return { matches: [], total: 0, problem: null };
    },
    async findTeams(q) {
      calls.push({ name: 'findTeams', args: [q] });
      return { matches: [], total: 0, problem: null };
    },
    async lookupNames(ids) {
      calls.push({ name: 'lookupNames', args: [ids] });
      return {
        services: { found: [], complete: true, problem: null },
        teams: { found: [], complete: true, problem: null },
      };
    },
    async start() {},
    async stop() {},
    updateSettings(s) {
      c.settings = s;
      calls.push({ name: 'updateSettings', args: [s] });
    },
  };
  return c;
}
