/**
 * The store's pure reducers: snapshot then events, optimistic actions bound to the core's action
 * id, confirmed, or rolled back with a visible error only when the failure is final.
 */
import { describe, expect, it } from 'vitest';
import type { PendingAction } from '../../src-main/core/events.js';
import { emptyData } from '../../src-renderer/src/store/model.js';
import {
  acceptOptimistic,
  applyEvent,
  applySnapshot,
  startOptimistic,
} from '../../src-renderer/src/store/reducer.js';
import { visibleRows } from '../../src-renderer/src/store/selectors.js';
import { incident, snapshot } from './fixtures.js';

const AT = '2026-01-01T10:01:00.000Z';
const action = (id: string, ids: string[], kind: PendingAction['kind'] = 'acknowledge'): PendingAction => ({
  id,
  kind,
  incidentIds: ids,
  createdAt: AT,
  attempts: 1,
  nextAttemptAt: AT,
  lastError: null,
});
const statusOf = (data: ReturnType<typeof emptyData>, id: string) =>
  visibleRows(data, '', Date.parse(AT)).find((r) => r.incident.id === id)?.status ?? null;

describe('renderer reducers', () => {
  const base = applySnapshot(emptyData(), snapshot([incident('P1'), incident('P2')]));

  it('loads a snapshot', () => {
    expect(base.loaded).toBe(true);
    expect(Object.keys(base.incidents)).toEqual(['P1', 'P2']);
    expect(base.me?.id).toBe('ME');
  });

  it('shows an acknowledge at once and keeps it through a stale poll until confirmed', () => {
    let d = startOptimistic(base, ['P1'], 'acknowledge', 'acknowledged');
    expect(statusOf(d, 'P1')).toBe('acknowledged');
    d = acceptOptimistic(d, ['P1'], { actionId: 'A1', incidentIds: ['P1'] }, 'acknowledge').data;
    expect(d.overrides.P1?.actionId).toBe('A1');
    // A poll that started before the action still says triggered: the row stays acknowledged.
    d = applyEvent(d, { type: 'incident.updated', at: AT, incident: incident('P1') }).data;
    expect(statusOf(d, 'P1')).toBe('acknowledged');
    d = applyEvent(d, { type: 'action.done', at: AT, action: action('A1', ['P1']) }).data;
    d = applyEvent(d, {
      type: 'incident.acknowledged',
      at: AT,
      incident: incident('P1', { status: 'acknowledged' }),
      byMe: true,
      by: [],
    }).data;
    expect(d.overrides.P1).toBeUndefined();
    expect(statusOf(d, 'P1')).toBe('acknowledged');
  });

  it('rolls back with an error only on a final failure', () => {
    let d = startOptimistic(base, ['P1'], 'acknowledge', 'acknowledged');
    d = acceptOptimistic(d, ['P1'], { actionId: 'A1', incidentIds: ['P1'] }, 'acknowledge').data;
    const retry = applyEvent(d, {
      type: 'action.failed',
      at: AT,
      action: action('A1', ['P1']),
      error: 'server error',
      final: false,
    });
    expect(retry.effects).toEqual([]);
    expect(statusOf(retry.data, 'P1')).toBe('acknowledged');
    expect(retry.data.overrides.P1?.retrying).toBe('server error');
    const final = applyEvent(retry.data, {
      type: 'action.failed',
      at: AT,
      action: action('A1', ['P1']),
      error: 'forbidden',
      final: true,
    });
    expect(statusOf(final.data, 'P1')).toBe('triggered');
    expect(final.effects).toEqual([
      { type: 'toast', tone: 'error', message: 'Could not acknowledge “Incident P1”: forbidden' },
    ]);
  });

  it('rolls back only the incidents the failure names', () => {
    let d = startOptimistic(base, ['P1', 'P2'], 'acknowledge_all_mine', 'acknowledged');
    d = acceptOptimistic(
      d,
      ['P1', 'P2'],
      { actionId: 'A1', incidentIds: ['P1', 'P2'] },
      'acknowledge_all_mine',
    ).data;
    d = applyEvent(d, { type: 'action.done', at: AT, action: action('A1', ['P1']) }).data;
    d = applyEvent(d, {
      type: 'action.failed',
      at: AT,
      action: action('A1', ['P2']),
      error: 'nope',
      final: true,
    }).data;
    expect(statusOf(d, 'P1')).toBe('acknowledged');
    expect(statusOf(d, 'P2')).toBe('triggered');
  });

  it('applies an outcome that arrived before the request answered', () => {
    let d = startOptimistic(base, ['P1'], 'resolve', 'resolved');
    expect(statusOf(d, 'P1')).toBeNull();
    d = applyEvent(d, {
      type: 'action.failed',
      at: AT,
      action: action('A9', ['P1'], 'resolve'),
      error: 'gone',
      final: true,
    }).data;
    const r = acceptOptimistic(d, ['P1'], { actionId: 'A9', incidentIds: ['P1'] }, 'resolve');
    expect(statusOf(r.data, 'P1')).toBe('triggered');
    expect(r.effects[0]).toMatchObject({ type: 'toast', tone: 'error' });
  });

  it('drops rows the core did not take', () => {
    let d = startOptimistic(base, ['P1', 'P2'], 'acknowledge_all_mine', 'acknowledged');
    d = acceptOptimistic(
      d,
      ['P1', 'P2'],
      { actionId: 'A1', incidentIds: ['P1'] },
      'acknowledge_all_mine',
    ).data;
    expect(statusOf(d, 'P2')).toBe('triggered');
  });

  it('adds triggered incidents, removes resolved ones, asks for a refresh on shift changes', () => {
    let r = applyEvent(base, { type: 'incident.triggered', at: AT, incident: incident('P3') });
    expect(Object.keys(r.data.incidents)).toContain('P3');
    r = applyEvent(r.data, {
      type: 'incident.resolved',
      at: AT,
      incident: incident('P3', { status: 'resolved' }),
      byMe: false,
    });
    expect(Object.keys(r.data.incidents)).not.toContain('P3');
    const entry = {
      user: { id: 'ME', summary: 'me' },
      schedule: null,
      escalationPolicy: { id: 'E', summary: 'E' },
      escalationLevel: 1,
      start: null,
      end: null,
    };
    expect(applyEvent(base, { type: 'shift.started', at: AT, entry }).effects).toEqual([{ type: 'refresh' }]);
    const sync = applyEvent(base, {
      type: 'sync',
      at: AT,
      status: { state: 'auth_error', since: AT, errorKind: 'auth', reason: 'bad token', retryAt: null },
    });
    expect(sync.data.sync.state).toBe('auth_error');
  });

  it('keeps a not yet confirmed resolve hidden across a snapshot, and forgets it once resolved', () => {
    let d = startOptimistic(base, ['P1'], 'resolve', 'resolved');
    d = applySnapshot(d, snapshot([incident('P1'), incident('P2')]));
    expect(statusOf(d, 'P1')).toBeNull();
    d = applySnapshot(d, snapshot([incident('P2')]));
    expect(d.overrides.P1).toBeUndefined();
  });
});
