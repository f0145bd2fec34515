/** Builders of incidents and snapshots for the shell's tests. */
import type { CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { Incident } from '../../src-main/core/domain.js';
import type { Logger } from '../../src-main/core/ports.js';
import type { SettingsService } from '../../src-main/app/settings-service.js';
import type { AppSettings } from '../../src-main/ipc/app-settings.js';

export const ME = { id: 'PME', summary: 'Me Myself', email: 'me@example.com' };
export const OTHER = { id: 'POTHER', summary: 'Teammate' };

/** An incident with sensible defaults. */
export function incident(over: Partial<Incident> & { id: string }): Incident {
  return {
    number: 1,
    title: `Incident ${over.id}`,
    status: 'triggered',
    urgency: 'high',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    lastStatusChangeAt: '2026-01-01T10:00:00.000Z',
    htmlUrl: `https://acme.pagerduty.com/incidents/${over.id}`,
    service: { id: 'PSVC', summary: 'Checkout API' },
    escalationPolicy: null,
    escalationLevel: 1,
    assignees: [ME],
    assignedAt: {},
    acknowledgers: [],
    teams: [],
    priority: null,
    incidentKey: null,
    details: null,
    ...over,
  };
}

/** A snapshot with defaults: live, on call, no incidents. */
export function snapshot(over: Partial<CompanionSnapshot> = {}): CompanionSnapshot {
  return {
    source: { kind: 'pagerduty', apiUrl: 'https://api.pagerduty.com' },
    me: { id: ME.id, name: ME.summary, email: ME.email, timeZone: 'UTC', htmlUrl: null },
    sync: { state: 'live', lastSyncAt: '2026-01-01T10:00:00.000Z' },
    incidents: [],
    shifts: { current: [], next: null, fetchedAt: null },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    at: '2026-01-01T10:00:00.000Z',
    ...over,
  };
}

/** An on-call entry for me now. */
export const ON_CALL_ENTRY = {
  user: ME,
  schedule: { id: 'PSCHED', summary: 'Primary' },
  escalationPolicy: { id: 'PEP', summary: 'Checkout' },
  escalationLevel: 1,
  start: '2026-01-01T00:00:00.000Z',
  end: '2026-01-02T00:00:00.000Z',
};

/** A logger that keeps every line it was given, fields included, as text. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${fields ? JSON.stringify(fields) : ''}`);
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * A settings service for handler tests: `get` answers `settings`, the other methods answer an empty
 * view and change nothing; `over` replaces any of them.
 */
export function fakeSettingsService(
  settings: AppSettings,
  over: Partial<SettingsService> = {},
): SettingsService {
  return {
    get: () => settings,
    view: () => ({}) as never,
    update: () => ({}) as never,
    setToken: () => ({}) as never,
    clearToken: () => ({}) as never,
    setAccountToken: () => ({}) as never,
    clearAccountToken: () => ({}) as never,
    subscribe: () => () => {},
    refresh: () => {},
    trackRunbookSource: () => {},
    settled: async () => {},
    track: () => {},
    ...over,
  };
}
