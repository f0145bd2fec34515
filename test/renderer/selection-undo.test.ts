/**
 * Keyboard safety in the store: an action never moves the selection to another incident, and a
 * resolve or acknowledge-all waits in an undo window that `undoLast` takes back without sending.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../src-main/core/events.js';
import type { RendererApi } from '../../src-renderer/src/api/http-bridge.js';
import { createAppStore, selectRows } from '../../src-renderer/src/store/store.js';
import { incident, settingsView, snapshot } from './fixtures.js';

// The fake core overlays its actions like the real one: a queued acknowledge shows acknowledged, a
// held resolve resolved (gone from the list) until it is undone.
function fakeApi() {
  let emit: (e: CoreEvent) => void = () => {};
  const calls: Array<{ name: string; args: unknown[] }> = [];
  const held = new Set<string>();
  const overlay = new Map<string, 'acknowledged' | 'resolved'>();
  const heldIds = new Map<string, string[]>();
  let seq = 0;
  const base = [
    incident('P1', { createdAt: '2026-01-01T10:00:00.000Z' }),
    incident('P2', { createdAt: '2026-01-01T10:01:00.000Z' }),
    incident('P3', { createdAt: '2026-01-01T10:02:00.000Z' }),
  ];
  const api = {
    getSnapshot: async () => ({
      ok: true,
      // P3 is the newest (top of the list).
      value: snapshot(
        base
          .filter((i) => overlay.get(i.id) !== 'resolved')
          .map((i) => (overlay.has(i.id) ? { ...i, status: 'acknowledged' as const } : i)),
      ),
    }),
    getSettings: async () => ({ ok: true, value: settingsView(5) }),
    acknowledge: async (ids: string[]) => {
      calls.push({ name: 'acknowledge', args: [ids] });
      ids.forEach((id) => overlay.set(id, 'acknowledged'));
      return { ok: true, value: { actionId: `A${++seq}`, incidentIds: ids } };
    },
    resolve: async (ids: string[]) => {
      calls.push({ name: 'resolve', args: [ids] });
      ids.forEach((id) => overlay.set(id, 'resolved'));
      return { ok: true, value: { actionId: `R${++seq}`, incidentIds: ids } };
    },
    holdAction: async (kind: string, ids: string[], seconds: number) => {
      calls.push({ name: 'holdAction', args: [kind, ids, seconds] });
      const actionId = `H${++seq}`;
      held.add(actionId);
      const incidentIds = kind === 'resolve' ? ids : ['P1', 'P2', 'P3'];
      incidentIds.forEach((id) => overlay.set(id, kind === 'resolve' ? 'resolved' : 'acknowledged'));
      heldIds.set(actionId, incidentIds);
      return { ok: true, value: { actionId, kind, incidentIds, releaseAt: 0 } };
    },
    undoAction: async (id: string) => {
      calls.push({ name: 'undoAction', args: [id] });
      const undone = held.delete(id);
      if (undone) heldIds.get(id)?.forEach((i) => overlay.delete(i));
      return { ok: true, value: { undone } };
    },
    on: (name: string, l: (e: CoreEvent) => void) => {
      if (name === 'coreEvent') emit = l;
      return () => {};
    },
  } as unknown as RendererApi;
  return { api, calls, held, emit: (e: CoreEvent) => emit(e) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const ids = (store: ReturnType<typeof createAppStore>) =>
  selectRows(store.getState()).map((r) => r.incident.id);

describe('selection safety and undo', () => {
  afterEach(() => vi.useRealTimers());

  it('after `a` the selection stays on the acknowledged page as it moves down the list', async () => {
    const { api, emit } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    expect(ids(store)).toEqual(['P3', 'P2', 'P1']);
    expect(store.getState().selectedId).toBe('P3');
    await store.getState().acknowledge(['P3']);
    // P3 moved below the triggered pages; the selection went with it.
    expect(ids(store)).toEqual(['P2', 'P1', 'P3']);
    expect(store.getState().selectedId).toBe('P3');
    // A new page arrives: it goes on top, the selection does not follow it.
    emit({
      type: 'incident.triggered',
      at: '',
      incident: incident('P4', { createdAt: '2026-01-01T10:03:00.000Z' }),
    });
    expect(ids(store)[0]).toBe('P4');
    expect(store.getState().selectedId).toBe('P3');
    stop();
  });

  it('resolve is held: nothing is sent, the row hides, undo brings it back and sends nothing', async () => {
    const { api, calls, held } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    await settle();
    store.getState().select('P2');
    await store.getState().resolve(['P2']);
    expect(calls.map((c) => c.name)).toEqual(['holdAction']);
    expect(calls[0]!.args).toEqual(['resolve', ['P2'], 5]);
    expect(ids(store)).not.toContain('P2');
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().undo?.label).toBe('Resolved #2');
    await store.getState().undoLast();
    expect(calls.map((c) => c.name)).toEqual(['holdAction', 'undoAction']);
    expect(held.size).toBe(0);
    expect(ids(store)).toContain('P2');
    expect(store.getState().selectedId).toBe('P2');
    expect(store.getState().undo).toBeNull();
    expect(calls.some((c) => c.name === 'resolve')).toBe(false);
    stop();
  });

  it('the undo bar goes away when the window ends, and a late undo says so', async () => {
    vi.useFakeTimers();
    const { api, held } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await vi.advanceTimersByTimeAsync(0);
    await store.getState().resolve(['P1']);
    const u = store.getState().undo!;
    expect(u).not.toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState().undo).toBeNull();
    // The core released it meanwhile: an undo now is refused and said so.
    held.delete(u.actionId!);
    store.setState({ undo: u });
    await store.getState().undoLast();
    expect(store.getState().toasts.at(-1)?.message).toMatch(/Too late to undo “Resolved #1”/);
    expect(ids(store)).not.toContain('P1');
    stop();
  });

  it('an undo pressed before the core answered the hold still takes it back, and sends nothing', async () => {
    const { api, calls, held } = fakeApi();
    // The hold's answer is held back until the test lets it go: the keypress beats the round trip.
    const realHold = api.holdAction.bind(api);
    let answer: () => void = () => {};
    (api as { holdAction: unknown }).holdAction = (...a: Parameters<typeof api.holdAction>) =>
      new Promise((resolve) => {
        answer = () => resolve(realHold(...a));
      });
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    await settle();
    store.getState().select('P2');
    const resolving = store.getState().resolve(['P2']);
    await settle();
    expect(ids(store)).not.toContain('P2');
    // The bar is up at once, before the core has said which action it holds.
    expect(store.getState().undo?.actionId).toBeNull();
    await store.getState().undoLast();
    expect(store.getState().undo).toBeNull();
    answer();
    await resolving;
    await settle();
    expect(calls.map((c) => c.name)).toEqual(['holdAction', 'undoAction']);
    expect(held.size).toBe(0);
    expect(ids(store)).toContain('P2');
    expect(store.getState().selectedId).toBe('P2');
    expect(store.getState().announcement).toMatch(/Undone: Resolved #\d+\. Nothing was sent\./);
    stop();
  });

  it('acknowledge-all is held too and says how many', async () => {
    const { api, calls } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    await settle();
    await store.getState().acknowledgeAllMine();
    expect(calls.map((c) => c.name)).toEqual(['holdAction']);
    expect(store.getState().undo?.label).toBe('Acknowledged 3 incidents');
    stop();
  });

  it('with the undo turned off in Settings, resolve is sent at once', async () => {
    const { api, calls } = fakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    store.getState().setSettings(settingsView(0));
    await store.getState().resolve(['P1']);
    expect(calls.map((c) => c.name)).toEqual(['resolve']);
    expect(store.getState().undo).toBeNull();
    stop();
  });
});
