/**
 * Incidents and snapshots for the renderer's unit tests.
 */
import type { CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { Incident } from '../../src-main/core/domain.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import type { SettingsView } from '../../src-main/ipc/contract.js';

/** An incident with sensible defaults. */
export function incident(id: string, over: Partial<Incident> = {}): Incident {
  return {
    id,
    number: Number(id.replace(/\D/g, '')) || 1,
    title: `Incident ${id}`,
    status: 'triggered',
    urgency: 'high',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    lastStatusChangeAt: '2026-01-01T10:00:00.000Z',
    htmlUrl: `https://example.pagerduty.com/incidents/${id}`,
    service: { id: 'S1', summary: 'checkout-api' },
    escalationPolicy: { id: 'E1', summary: 'Platform' },
    escalationLevel: 1,
    assignees: [{ id: 'ME', summary: 'Morgan Lee' }],
    assignedAt: {},
    acknowledgers: [],
    teams: [],
    priority: null,
    incidentKey: null,
    details: null,
    ...over,
  };
}

/** A snapshot holding the given incidents, me = ME. */
export function snapshot(incidents: Incident[]): CompanionSnapshot {
  return {
    source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
    me: { id: 'ME', name: 'Morgan Lee', email: 'me@example.com', timeZone: 'UTC', htmlUrl: null },
    sync: { state: 'live', lastSyncAt: '2026-01-01T10:00:00.000Z' },
    incidents,
    shifts: { current: [], next: null, fetchedAt: null },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    at: '2026-01-01T10:00:00.000Z',
  };
}

/** A settings view with the given undo window (seconds; 0 = no undo). */
export function settingsView(undoSeconds: number): SettingsView {
  return {
    settings: { ...defaultAppSettings(), undoSeconds },
    token: { set: false, storage: 'unavailable', warning: null },
    accountTokens: {},
    shortcutErrors: { acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null },
    runbookSourceError: null,
  };
}
