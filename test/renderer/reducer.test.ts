/**
 * The store's pure reducers: snapshot then events. The core's snapshot carries the optimistic
 * overlay; a row is only marked "sending" from the keypress until a snapshot requested after the
 * core accepted the action arrives, and loses the mark (with a visible error) when the call or the
 * action finally fails.
 */
import { describe, expect, it } from 'vitest';
import type { PendingAction } from '../../src-main/core/events.js';
import { emptyData } from '../../src-renderer/src/store/model.js';
import {
  acceptSending,
  applyEvent,
  applySnapshot,
  startSending,
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
  const acked = (id: string) => incident(id, { status: 'acknowledged' });

  it('loads a snapshot', () => {
    expect(base.loaded).toBe(true);
    expect(Object.keys(base.incidents)).toEqual(['P1', 'P2']);
    expect(base.me?.id).toBe('ME');
  });

  it('marks a row sending at once, keeps the mark through a snapshot requested before acceptance, drops it after', () => {
    let d = startSending(base, ['P1'], 'acknowledge', 'acknowledged');
    expect(statusOf(d, 'P1')).toBe('acknowledged');
    expect(visibleRows(d, '', Date.parse(AT)).find((r) => r.incident.id === 'P1')?.pending).toBe(true);
    // A snapshot requested before the core accepted still says triggered: the mark stays.
    d = applySnapshot(d, snapshot([incident('P1'), incident('P2')]), 0);
    expect(statusOf(d, 'P1')).toBe('acknowledged');
    d = acceptSending(d, ['P1'], { actionId: 'A1', incidentIds: ['P1'] }, 1);
    expect(d.sending.P1).toMatchObject({ actionId: 'A1', acceptedAt: 1 });
    // The core's snapshot after acceptance shows its overlay and the queued action: no mark needed.
    d = applySnapshot(
      d,
      { ...snapshot([acked('P1'), incident('P2')]), pendingActions: [action('A1', ['P1'])] },
      1,
    );
    expect(d.sending).toEqual({});
    const row = visibleRows(d, '', Date.parse(AT)).find((r) => r.incident.id === 'P1');
    expect(row).toMatchObject({ status: 'acknowledged', pending: true, retrying: null });
    d = applyEvent(d, { type: 'action.done', at: AT, action: action('A1', ['P1']) }).data;
    expect(visibleRows(d, '', Date.parse(AT)).find((r) => r.incident.id === 'P1')?.pending).toBe(false);
  });

  it('shows a retry from the core, and on a final failure drops the mark with an error and asks the core again', () => {
    let d = startSending(base, ['P1'], 'acknowledge', 'acknowledged');
    d = acceptSending(d, ['P1'], { actionId: 'A1', incidentIds: ['P1'] }, 1);
    d = applyEvent(d, { type: 'action.queued', at: AT, action: action('A1', ['P1']) }).data;
    const retry = applyEvent(d, {
      type: 'action.failed',
      at: AT,
      action: action('A1', ['P1']),
      error: 'server error',
      final: false,
    });
    expect(retry.effects).toEqual([]);
    expect(statusOf(retry.data, 'P1')).toBe('acknowledged');
    expect(visibleRows(retry.data, '', Date.parse(AT)).find((r) => r.incident.id === 'P1')?.retrying).toBe(
      'server error',
    );
    const final = applyEvent(retry.data, {
      type: 'action.failed',
      at: AT,
      action: action('A1', ['P1']),
      error: 'forbidden',
      final: true,
    });
    expect(statusOf(final.data, 'P1')).toBe('triggered');
    expect(final.data.pendingActions).toEqual([]);
    expect(final.effects).toEqual([
      { type: 'refresh' },
      { type: 'toast', tone: 'error', message: 'Could not acknowledge “Incident P1”: forbidden' },
    ]);
  });

  it('forgets the marks of the incidents a failure names, only those', () => {
    let d = startSending(base, ['P1', 'P2'], 'acknowledge_all_mine', 'acknowledged');
    d = acceptSending(d, ['P1', 'P2'], { actionId: 'A1', incidentIds: ['P1', 'P2'] }, 1);
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

  it('a failure that arrives before the call answered leaves no mark behind', () => {
    let d = startSending(base, ['P1'], 'resolve', 'resolved');
    expect(statusOf(d, 'P1')).toBeNull();
    const failed = applyEvent(d, {
      type: 'action.failed',
      at: AT,
      action: action('A9', ['P1'], 'resolve'),
      error: 'gone',
      final: true,
    });
    expect(failed.effects).toContainEqual({
      type: 'toast',
      tone: 'error',
      message: 'Could not resolve “Incident P1”: gone',
    });
    d = acceptSending(failed.data, ['P1'], { actionId: 'A9', incidentIds: ['P1'] }, 1);
    expect(statusOf(d, 'P1')).toBe('triggered');
  });

  it('drops the marks of rows the core did not take', () => {
    let d = startSending(base, ['P1', 'P2'], 'acknowledge_all_mine', 'acknowledged');
    d = acceptSending(d, ['P1', 'P2'], { actionId: 'A1', incidentIds: ['P1'] }, 1);
    expect(statusOf(d, 'P2')).toBe('triggered');
    expect(statusOf(d, 'P1')).toBe('acknowledged');
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

  it('a resolve the core shows as gone drops the mark with the row', () => {
    let d = startSending(base, ['P1'], 'resolve', 'resolved');
    d = applySnapshot(d, snapshot([incident('P1'), incident('P2')]), 0);
    expect(statusOf(d, 'P1')).toBeNull();
    d = applySnapshot(d, snapshot([incident('P2')]), 0);
    expect(d.sending.P1).toBeUndefined();
  });
});
