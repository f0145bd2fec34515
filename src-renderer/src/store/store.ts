/**
 * The renderer's zustand store: fed by one snapshot and then by core events, it holds the feed,
 * the rows marked "sending" until the core's snapshot shows the action (the core's overlay is the one
 * optimistic state), and the UI state (view, selection, filter, overlays, messages).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SettingsView } from '../../../src-main/ipc/contract';
import type { ActionKind } from '../../../src-main/shared/types';
import type { BridgeConnection, RendererApi } from '../api/http-bridge';
import { emptyData, type DataState, type Effect, type TargetStatus } from './model';
import { acceptSending, applyEvent, applySnapshot, rollback, startSending } from './reducer';
import { createRowsSelector, myTriggeredIds, type RowModel } from './selectors';

/** Top-level views. */
export type View = 'incidents' | 'detail' | 'settings' | 'load' | 'team';

/** A message at the bottom of the window. */
export interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

/** Everything the UI reads. */
export interface AppState {
  data: DataState;
  view: View;
  selectedId: string | null;
  /** True once the user picked a row; until then the selection follows the top row (the newest page). */
  selectionPinned: boolean;
  openId: string | null;
  filter: string;
  helpOpen: boolean;
  snoozeFor: string | null;
  toasts: Toast[];
  /** Polite screen-reader announcement. */
  announcement: string;
  connection: BridgeConnection | 'ipc';
  settings: SettingsView | null;
  /** Epoch ms, ticking every second. */
  now: number;
}

/** What the UI can do. */
export interface AppActions {
  start(): () => void;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  acknowledge(ids: string[]): Promise<void>;
  resolve(ids: string[]): Promise<void>;
  snooze(id: string, seconds: number): Promise<void>;
  acknowledgeAllMine(): Promise<void>;
  select(id: string | null): void;
  move(delta: number | 'first' | 'last'): void;
  open(id: string): void;
  back(): void;
  setView(view: View): void;
  setFilter(text: string): void;
  setHelp(open: boolean): void;
  setSnoozeFor(id: string | null): void;
  toast(tone: Toast['tone'], message: string): void;
  dismissToast(id: number): void;
  setSettings(view: SettingsView): void;
}

/** The store: state and actions together. */
export type AppStore = StoreApi<AppState & AppActions>;

const rowsSelector = createRowsSelector();

/** The list rows of a state (memoised). */
export function selectRows(s: AppState): RowModel[] {
  return rowsSelector(s.data, s.filter, Math.floor(s.now / 60_000));
}

/** Create the store around an API. */
export function createAppStore(api: RendererApi, now: () => number = Date.now): AppStore {
  let toastSeq = 0;
  // Counts acceptances: a snapshot requested after one carries that action in the core's overlay.
  let accepted = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<AppState & AppActions>()((set, get) => {
    const runEffects = (effects: Effect[]): void => {
      for (const e of effects) {
        if (e.type === 'refresh') scheduleRefresh();
        else if (e.type === 'toast') get().toast(e.tone, e.message);
        else set({ announcement: e.message });
      }
    };
    // A resolved row leaves the list: select the row that took its place (and leave its detail).
    const keepSelectionNear = (index: number): void => {
      const s = get();
      if (s.view === 'detail' && s.openId && s.data.sending[s.openId]?.target === 'resolved') {
        set({ view: 'incidents', openId: null });
      }
      const rows = selectRows(get());
      if (rows.some((r) => r.incident.id === get().selectedId)) return;
      const next = rows[Math.min(Math.max(index, 0), rows.length - 1)];
      set({ selectedId: next ? next.incident.id : null });
    };
    const scheduleRefresh = (): void => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void get().refresh();
      }, 300);
    };
    const act = async (
      kind: ActionKind,
      ids: string[],
      target: TargetStatus,
      call: () => ReturnType<RendererApi['acknowledge']>,
      snoozeUntil?: number,
    ): Promise<void> => {
      if (ids.length === 0) return;
      const before = selectRows(get());
      const selIndex = before.findIndex((r) => r.incident.id === get().selectedId);
      set((s) => ({ data: startSending(s.data, ids, kind, target, snoozeUntil) }));
      if (target === 'resolved') keepSelectionNear(selIndex);
      const res = await call();
      if (res.ok) {
        set({ data: acceptSending(get().data, ids, res.value, ++accepted) });
        // The core's snapshot now shows the action; the marks go when it is in.
        void get().refresh();
        const n = res.value.incidentIds.length;
        const verb = kind === 'resolve' ? 'Resolved' : kind === 'snooze' ? 'Snoozed' : 'Acknowledged';
        set({ announcement: `${verb} ${n} incident${n === 1 ? '' : 's'}` });
      } else {
        const unsent = ids.filter((id) => get().data.sending[id]?.actionId === null);
        const r = rollback(get().data, unsent, kind, res.error.message);
        set({ data: r.data });
        runEffects(r.effects);
      }
    };

    return {
      data: emptyData(),
      view: 'incidents',
      selectedId: null,
      selectionPinned: false,
      openId: null,
      filter: '',
      helpOpen: false,
      snoozeFor: null,
      toasts: [],
      announcement: '',
      connection: api.onConnection ? 'connecting' : 'ipc',
      settings: null,
      now: now(),

      start() {
        const offs: Array<() => void> = [];
        offs.push(
          api.on('coreEvent', (event) => {
            const sel = get().selectedId;
            const r = applyEvent(get().data, event);
            if (r.data === get().data) return runEffects(r.effects);
            const idx = sel ? selectRows(get()).findIndex((row) => row.incident.id === sel) : 0;
            set({ data: r.data });
            runEffects(r.effects);
            if (!get().selectionPinned) {
              // Untouched list: stay on top, so `a` acknowledges the page that just arrived.
              const top = selectRows(get())[0];
              if (top && top.incident.id !== sel) set({ selectedId: top.incident.id });
            } else if (!sel || !r.data.incidents[sel]) keepSelectionNear(idx);
          }),
        );
        offs.push(
          api.on('settingsChanged', (view) => {
            set({ settings: view });
            scheduleRefresh();
          }),
        );
        offs.push(api.on('focusIncident', ({ incidentId }) => get().open(incidentId)));
        // The tray asks for a view (its "Settings…" item); "history" is the Load tab here.
        offs.push(
          api.on('openView', ({ view }) => {
            if (view === 'settings' || view === 'incidents') get().setView(view);
            else if (view === 'history') get().setView('load');
          }),
        );
        if (api.onConnection) {
          let wasLost = false;
          offs.push(
            api.onConnection((c) => {
              set({ connection: c });
              if (c === 'lost') wasLost = true;
              if (c === 'open' && wasLost) scheduleRefresh();
            }),
          );
        }
        const tick = setInterval(() => set({ now: now() }), 1000);
        offs.push(() => clearInterval(tick));
        void get().refresh();
        void api.getSettings().then((r) => {
          if (r.ok) set({ settings: r.value });
        });
        return () => offs.forEach((off) => off());
      },

      async refresh() {
        const asOf = accepted;
        const res = await api.getSnapshot();
        if (!res.ok) {
          get().toast('error', `Could not load incidents: ${res.error.message}`);
          return;
        }
        const first = !get().data.loaded;
        // Marks for the renderer bench: first snapshot in, first list painted (see IncidentList).
        if (first) performance.mark('oncall:snapshot-received');
        set((s) => ({ data: applySnapshot(s.data, res.value, asOf), now: now() }));
        const rows = selectRows(get());
        const sel = get().selectedId;
        if (rows.length > 0 && (sel === null || !rows.some((r) => r.incident.id === sel))) {
          set({ selectedId: rows[0]!.incident.id });
        }
      },

      async syncNow() {
        const res = await api.syncNow();
        if (!res.ok) get().toast('error', `Sync failed: ${res.error.message}`);
      },

      acknowledge: (ids) => act('acknowledge', ids, 'acknowledged', () => api.acknowledge(ids)),
      resolve: (ids) => act('resolve', ids, 'resolved', () => api.resolve(ids)),
      snooze: (id, seconds) =>
        // The core acknowledges a triggered incident first (PagerDuty snoozes acknowledged ones only).
        act('snooze', [id], 'acknowledged', () => api.snooze(id, seconds), now() + seconds * 1000),
      async acknowledgeAllMine() {
        const ids = myTriggeredIds(get().data);
        if (ids.length === 0) {
          get().toast('info', 'Nothing to acknowledge: no triggered incident is assigned to you.');
          return;
        }
        await act('acknowledge_all_mine', ids, 'acknowledged', () => api.acknowledgeAllMine());
      },

      select(id) {
        set({ selectedId: id, selectionPinned: true });
      },
      move(delta) {
        const rows = selectRows(get());
        if (rows.length === 0) return;
        const idx = rows.findIndex((r) => r.incident.id === get().selectedId);
        let next: number;
        if (delta === 'first') next = 0;
        else if (delta === 'last') next = rows.length - 1;
        else next = idx < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, idx + delta));
        set({ selectedId: rows[next]!.incident.id, selectionPinned: true });
      },
      open(id) {
        set({ view: 'detail', openId: id, selectedId: id, selectionPinned: true, snoozeFor: null });
      },
      back() {
        const s = get();
        if (s.helpOpen) set({ helpOpen: false });
        else if (s.snoozeFor) set({ snoozeFor: null });
        else if (s.view !== 'incidents') set({ view: 'incidents', openId: null });
      },
      setView(view) {
        set({ view, snoozeFor: null, helpOpen: false });
      },
      setFilter(text) {
        set({ filter: text });
        const rows = selectRows(get());
        if (rows.length > 0 && !rows.some((r) => r.incident.id === get().selectedId)) {
          set({ selectedId: rows[0]!.incident.id });
        }
      },
      setHelp(open) {
        set({ helpOpen: open });
      },
      setSnoozeFor(id) {
        set({ snoozeFor: id });
      },
      toast(tone, message) {
        const id = ++toastSeq;
        set((s) => ({ toasts: [...s.toasts.slice(-4), { id, tone, message }] }));
        if (tone === 'info') setTimeout(() => get().dismissToast(id), 6000);
      },
      dismissToast(id) {
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },
      setSettings(view) {
        set({ settings: view });
      },
    };
  });
}
