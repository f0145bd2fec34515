/**
 * The zustand store against a fake API whose snapshot carries an overlay like the core's: an
 * acknowledge shows at once (the "sending" mark), then as the core's snapshot shows it; a refused
 * call or a final failure (the core drops its overlay) brings the row back with an error toast;
 * resolving the selected row leaves nothing selected (never a page the user did not pick).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../src-main/core/events.js';
import type { RendererApi } from '../../src-renderer/src/api/http-bridge.js';
import { createAppStore, selectRows } from '../../src-renderer/src/store/store.js';
import { incident, settingsView, snapshot } from './fixtures.js';

function fakeApi(over: Partial<RendererApi> = {}) {
  let emit: (e: CoreEvent) => void = () => {};
  const listeners = new Map<string, (p: unknown) => void>();
  // The fake core's overlay: ids acknowledged or resolved by a queued action.
  const overlay = new Map<string, 'acknowledged' | 'resolved'>();
  const snapshots: number[] = [];
  const api = {
    getSnapshot: async () => {
      snapshots.push(Date.now());
      const all = ['P1', 'P2', 'P3'].filter((id) => overlay.get(id) !== 'resolved');
      return {
        ok: true,
        value: snapshot(all.map((id) => incident(id, overlay.has(id) ? { status: 'acknowledged' } : {}))),
      };
    },
    getSettings: async () => ({ ok: false, error: { code: 'unavailable', message: 'n/a' } }),
    acknowledge: async (ids: string[]) => {
      ids.forEach((id) => overlay.set(id, 'acknowledged'));
      return { ok: true, value: { actionId: 'A1', incidentIds: ids } };
    },
    resolve: async (ids: string[]) => {
      ids.forEach((id) => overlay.set(id, 'resolved'));
      return { ok: true, value: { actionId: 'R1', incidentIds: ids } };
    },
    on: (name: string, l: (e: CoreEvent) => void) => {
      if (name === 'coreEvent') emit = l;
      listeners.set(name, l as (p: unknown) => void);
      return () => {
        listeners.delete(name);
      };
    },
    ...over,
  } as unknown as RendererApi;
  return {
    api,
    overlay,
    snapshots,
    emit: (e: CoreEvent) => emit(e),
    push: (name: string, payload: unknown) => listeners.get(name)?.(payload),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const status = (store: ReturnType<typeof createAppStore>, id: string) =>
  selectRows(store.getState()).find((r) => r.incident.id === id)?.status ?? null;

describe('app store', () => {
  afterEach(() => vi.useRealTimers());

  it('acknowledges at once, then as the core shows it, and rolls back with a toast on a final failure', async () => {
    const { api, emit, overlay, snapshots } = fakeApi();
    const store = createAppStore(api, () => Date.parse('2026-01-01T10:05:00.000Z'));
    const stop = store.getState().start();
    await settle();
    expect(selectRows(store.getState())).toHaveLength(3);
    const before = snapshots.length;
    const pending = store.getState().acknowledge(['P2']);
    expect(status(store, 'P2')).toBe('acknowledged');
    expect(store.getState().data.sending.P2).toBeDefined();
    await pending;
    await settle();
    // The store asked the core again; its snapshot shows the acknowledge, so the mark is gone.
    expect(snapshots.length).toBe(before + 1);
    expect(store.getState().data.sending).toEqual({});
    expect(status(store, 'P2')).toBe('acknowledged');
    // The core gives up: it drops its overlay and says so.
    overlay.delete('P2');
    emit({ type: 'incident.updated', at: '2026-01-01T10:05:01.000Z', incident: incident('P2') });
    emit({
      type: 'action.failed',
      at: '2026-01-01T10:05:01.000Z',
      action: {
        id: 'A1',
        kind: 'acknowledge',
        incidentIds: ['P2'],
        createdAt: '',
        attempts: 3,
        nextAttemptAt: '',
        lastError: 'x',
      },
      error: 'Forbidden: the token cannot write',
      final: true,
    });
    expect(status(store, 'P2')).toBe('triggered');
    expect(store.getState().toasts.map((t) => t.message)).toEqual([
      'Could not acknowledge “Incident P2”: Forbidden: the token cannot write',
    ]);
    stop();
  });

  it('rolls back at once when the call itself is refused', async () => {
    const { api } = fakeApi({
      acknowledge: async () => ({ ok: false, error: { code: 'unavailable', message: 'server gone' } }),
    } as Partial<RendererApi>);
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    await store.getState().acknowledge(['P1']);
    expect(status(store, 'P1')).toBe('triggered');
    expect(store.getState().toasts[0]?.tone).toBe('error');
    stop();
  });

  it('selects nothing when the selected row is resolved, until the user moves', async () => {
    const { api } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    const ids = selectRows(store.getState()).map((r) => r.incident.id);
    store.getState().select(ids[1]!);
    store.getState().setSettings(settingsView(0));
    await store.getState().resolve([ids[1]!]);
    expect(status(store, ids[1]!)).toBeNull();
    expect(store.getState().selectedId).toBeNull();
    store.getState().move('first');
    expect(store.getState().selectedId).toBe(ids[0]);
    store.getState().move(1);
    expect(store.getState().selectedId).toBe(ids[2]);
    stop();
  });

  it('keeps what main says about notifications (Do Not Disturb, the last failure)', async () => {
    const { api, push } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    expect(store.getState().notificationHealth).toBeNull();
    push('notificationHealth', { silenced: 'dunst is paused', lastFailure: null });
    expect(store.getState().notificationHealth?.silenced).toBe('dunst is paused');
    stop();
  });

  it('switches to the view the tray asks for (openView), history being the Load tab', async () => {
    const { api, push } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    store.getState().open('P1');
    expect(store.getState().view).toBe('detail');
    push('openView', { view: 'settings' });
    expect(store.getState().view).toBe('settings');
    push('openView', { view: 'history' });
    expect(store.getState().view).toBe('load');
    push('openView', { view: 'incidents' });
    expect(store.getState().view).toBe('incidents');
    push('openView', { view: 'nonsense' });
    expect(store.getState().view).toBe('incidents');
    stop();
    push('openView', { view: 'settings' });
    expect(store.getState().view).toBe('incidents');
  });
});
