// Test doubles for the history tests: incidents, a companion that emits what the test says, a store.
import type { CompanionApi, CompanionSnapshot } from '../../../src-main/core/companion-types.js';
import type { Incident, OncallEntry } from '../../../src-main/core/domain.js';
import type { CoreEvent } from '../../../src-main/core/events.js';
import type { DocumentStore, Logger } from '../../../src-main/core/ports.js';

export const ME = { id: 'PME', summary: 'Me Myself' };
export const OTHER = { id: 'POTHER', summary: 'Olga Other' };

export function incident(over: Partial<Incident> & { id: string }): Incident {
  const createdAt = over.createdAt ?? '2026-11-30T08:00:00.000Z';
  return {
    number: 1,
    title: `Incident ${over.id}`,
    status: 'triggered',
    urgency: 'high',
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    lastStatusChangeAt: '2026-11-30T08:00:00.000Z',
    htmlUrl: null,
    service: { id: 'PSVC1', summary: 'Checkout API' },
    escalationPolicy: null,
    escalationLevel: 1,
    assignees: [ME],
    assignedAt: { [ME.id]: createdAt },
    acknowledgers: [],
    teams: [],
    priority: null,
    incidentKey: null,
    details: null,
    ...over,
  };
}

export function entry(start: string | null, end: string | null): OncallEntry {
  return {
    user: ME,
    schedule: { id: 'PSCH', summary: 'Primary' },
    escalationPolicy: { id: 'PEP', summary: 'Checkout' },
    escalationLevel: 1,
    start,
    end,
  };
}

export function fakeCompanion(now: () => number): CompanionApi & {
  emit(e: CoreEvent): void;
  state: CompanionSnapshot;
  listeners: number;
} {
  const listeners = new Set<(e: CoreEvent) => void>();
  const state: CompanionSnapshot = {
    source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
    me: { id: ME.id, name: ME.summary, email: 'me@example.com', timeZone: 'UTC', htmlUrl: null },
    sync: { state: 'live', lastSyncAt: new Date(now()).toISOString() },
    incidents: [],
    shifts: { current: [], next: null, fetchedAt: null },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    at: new Date(now()).toISOString(),
  };
  const notUsed = () => Promise.reject(new Error('not used'));
  return {
    state,
    get listeners() {
      return listeners.size;
    },
    emit: (e) => listeners.forEach((l) => l(e)),
    snapshot: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    syncNow: () => Promise.resolve(),
    roster: notUsed,
    trade: notUsed,
    incidentWork: notUsed,
    findUsers: notUsed,
    findPolicies: notUsed,
    priorities: notUsed,
    reassign: notUsed,
    escalate: notUsed,
    addResponders: notUsed,
    setPriority: notUsed,
    setUrgency: notUsed,
    statusUpdate: notUsed,
    merge: notUsed,
    respondersUnavailable: () => null,
    services: notUsed,
    oncallFor: notUsed,
    acknowledge: notUsed,
    resolve: notUsed,
    snooze: notUsed,
    acknowledgeAllMine: notUsed,
    addNote: notUsed,
    hold: notUsed,
    undo: notUsed,
    logEntries: () => Promise.resolve([]),
    pauseLowUrgency() {},
  };
}

export function memoryStore(): DocumentStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async read<T>(k: string) {
      return structuredClone(data.get(k)) as T | undefined;
    },
    async write<T>(k: string, v: T) {
      data.set(k, structuredClone(v));
    },
    async delete(k: string) {
      data.delete(k);
    },
  };
}

export function recordingLogger(): Logger & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (msg: string) => void lines.push([level, msg]);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
