/** A fake companion that records the actions asked of it. */
import { vi } from 'vitest';
import type { Companion, CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { CoreEvent } from '../../src-main/core/events.js';
import type { IncidentOncall, IncidentWork, ServicesAnswer } from '../../src-main/core/domain.js';
import { snapshot as makeSnapshot } from './fixtures.js';

/** A companion whose snapshot the test sets and whose actions are spies. */
export function fakeCompanion(initial: CompanionSnapshot = makeSnapshot()) {
  let snap = initial;
  const listeners = new Set<(e: CoreEvent) => void>();
  const accepted = (ids: string[]) => Promise.resolve({ actionId: `act-${ids.join(',')}`, incidentIds: ids });
  const companion = {
    snapshot: () => snap,
    subscribe: (l: (e: CoreEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    syncNow: vi.fn(async () => {}),
    acknowledge: vi.fn((ids: string[]) => accepted(ids)),
    resolve: vi.fn((ids: string[]) => accepted(ids)),
    snooze: vi.fn((id: string) => accepted([id])),
    acknowledgeAllMine: vi.fn(() => accepted(['mine'])),
    addNote: vi.fn((id: string) => accepted([id])),
    hold: vi.fn((kind: 'resolve' | 'acknowledge_all_mine', ids: string[], seconds: number) =>
      Promise.resolve({
        actionId: `held-${ids.join(',')}`,
        kind,
        incidentIds: ids,
        releaseAt: seconds * 1000,
      }),
    ),
    undo: vi.fn(async (_actionId: string) => true),
    logEntries: vi.fn(async () => []),
    pauseLowUrgency: vi.fn(),
    roster: vi.fn(async () => Promise.reject(new Error('no roster in this fake'))),
    trade: vi.fn(async () => Promise.reject(new Error('no trades in this fake'))),
    incidentWork: vi.fn(async (_id: string): Promise<IncidentWork> =>
      Promise.reject(new Error('no incident work in this fake')),
    ),
    findUsers: vi.fn(async () => []),
    findPolicies: vi.fn(async () => []),
    priorities: vi.fn(async () => []),
    reassign: vi.fn((id: string) => accepted([id])),
    escalate: vi.fn((id: string) => accepted([id])),
    addResponders: vi.fn((id: string) => accepted([id])),
    setPriority: vi.fn((id: string) => accepted([id])),
    setUrgency: vi.fn((id: string) => accepted([id])),
    statusUpdate: vi.fn((id: string) => accepted([id])),
    merge: vi.fn((id: string) => accepted([id])),
    respondersUnavailable: vi.fn(() => null),
    findServices: vi.fn(async () => ({ matches: [], total: 0, problem: null })),
    findTeams: vi.fn(async () => ({ matches: [], total: 0, problem: null })),
    lookupNames: vi.fn(async () => ({
      services: { found: [], complete: true, problem: null },
      teams: { found: [], complete: true, problem: null },
    })),
    services: vi.fn(async (_query: string, _opts?: { refresh?: boolean }): Promise<ServicesAnswer> => ({
      services: [],
      fetchedAt: null,
      stale: null,
    })),
    oncallFor: vi.fn(async (id: string): Promise<IncidentOncall> => ({
      incidentId: id,
      service: null,
      policy: null,
      fetchedAt: null,
      stale: null,
    })),
    start: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    updateSettings: vi.fn(),
  } satisfies Companion;
  return {
    companion,
    setSnapshot: (s: CompanionSnapshot) => {
      snap = s;
    },
    emit: (e: CoreEvent) => {
      for (const l of listeners) l(e);
    },
    listenerCount: () => listeners.size,
  };
}
