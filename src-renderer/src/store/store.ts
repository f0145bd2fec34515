/**
 * The renderer's zustand store: fed by one snapshot and then by core events, it holds the feed,
 * the rows marked "sending" until the core's snapshot shows the action (the core's overlay is the one
 * optimistic state, held actions in their undo window included), and the UI state (view, selection,
 * filter, overlays, the undo bar, messages).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NotificationHealth, SettingsView } from '../../../src-main/ipc/contract';
import type { ActionHeld, ActionKind } from '../../../src-main/shared/types';
import type { BridgeConnection, RendererApi } from '../api/http-bridge';
import { emptyData, type DataState, type Effect, type TargetStatus } from './model';
import { acceptSending, applyEvent, applySnapshot, rollback, startSending } from './reducer';
import { createRowsSelector, myTriggeredIds, type RowModel } from './selectors';
import { DEFAULT_UNDO_SECONDS, dropSending, undoLabel, type PendingUndo } from './undo';

/** Top-level views. */
export type View = 'incidents' | 'detail' | 'settings' | 'load' | 'team' | 'shifts' | 'services';

/** A message at the bottom of the window. */
export interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

/** The incident-work dialogs of the detail view. */
export type WorkDialog = 'reassign' | 'escalate' | 'responders' | 'priority' | 'statusUpdate' | 'merge';

/** Everything the UI reads. */
export interface AppState {
  data: DataState;
  view: View;
  selectedId: string | null;
  /**
   * True once the user picked a row or acted on one; until then the selection follows the top row
   * (the newest page). Once pinned, nothing but the user moves it to another incident.
   */
  selectionPinned: boolean;
  /** The resolve or acknowledge-all in its undo window, if any. */
  undo: PendingUndo | null;
  openId: string | null;
  filter: string;
  /** Show one account's rows only (its id); null = every account. */
  accountFilter: string | null;
  helpOpen: boolean;
  snoozeFor: string | null;
  /** The incident-work dialog open in the detail (reassign, escalate, ...), if any. */
  workDialog: WorkDialog | null;
  toasts: Toast[];
  /** Polite screen-reader announcement. */
  announcement: string;
  connection: BridgeConnection | 'ipc';
  settings: SettingsView | null;
  /** Do Not Disturb and the last failed notification (desktop app only; null in the preview). */
  notificationHealth: NotificationHealth | null;
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
  /** Take back the action in its undo window (nothing was sent). */
  undoLast(): Promise<void>;
  /** Open an incident in PagerDuty (the host says why when it cannot). */
  openInPagerDuty(id: string): Promise<void>;
  select(id: string | null): void;
  move(delta: number | 'first' | 'last'): void;
  open(id: string): void;
  back(): void;
  setView(view: View): void;
  setFilter(text: string): void;
  setAccountFilter(accountId: string | null): void;
  setHelp(open: boolean): void;
  setSnoozeFor(id: string | null): void;
  setWorkDialog(d: WorkDialog | null): void;
  /**
   * Send an incident-work action (reassign, escalate, ...): the core queues it and its snapshot
   * shows the change at once; a refusal says why in a toast. Resolves true when queued.
   */
  work(
    kind: ActionKind,
    incidentId: string,
    call: () => ReturnType<RendererApi['escalate']>,
    done: string,
  ): Promise<boolean>;
  toast(tone: Toast['tone'], message: string): void;
  dismissToast(id: number): void;
  setSettings(view: SettingsView): void;
}

/** The store: state and actions together. */
export type AppStore = StoreApi<AppState & AppActions>;

const rowsSelector = createRowsSelector();

/** The list rows of a state (memoised). */
export function selectRows(s: AppState): RowModel[] {
  return rowsSelector(s.data, s.filter, Math.floor(s.now / 60_000), s.accountFilter);
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
    // A row that leaves the list (resolved) takes the selection with it: nothing is selected until
    // the user moves, so the next key never lands on a page the user has not chosen.
    const dropGoneSelection = (): void => {
      const s = get();
      if (s.view === 'detail' && s.openId && s.data.sending[s.openId]?.target === 'resolved') {
        set({ view: 'incidents', openId: null });
      }
      const rows = selectRows(get());
      if (get().selectedId !== null && !rows.some((r) => r.incident.id === get().selectedId)) {
        set({ selectedId: null });
      }
    };
    let undoTimer: ReturnType<typeof setTimeout> | null = null;
    const clearUndo = (): void => {
      if (undoTimer) clearTimeout(undoTimer);
      undoTimer = null;
      set({ undo: null });
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
      // Acting pins the selection: the acted-on incident stays selected wherever it moves.
      set((s) => ({ data: startSending(s.data, ids, kind, target, snoozeUntil), selectionPinned: true }));
      if (target === 'resolved') dropGoneSelection();
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

    // Which hold the bar belongs to, and whether an undo was pressed before the core answered it.
    let holdSeq = 0;
    let snapshotsAsked = 0;
    let snapshotApplied = 0;
    let undoRequested: number | null = null;
    const pendingFor = (
      kind: PendingUndo['kind'],
      incidentIds: string[],
      label: string,
      selectedBefore: string | null,
    ): Omit<PendingUndo, 'actionId'> => ({ kind, incidentIds, label, until: now(), selectedBefore });
    // Ask the core to drop a held action; on success the rows come back as they really are.
    // Actions this window took back: a snapshot asked before the undo still lists them as held and
    // must not bring their bar back (the bar would count down over an action that no longer exists).
    const takenBack = new Set<string>();
    const takeBack = async (u: PendingUndo & { actionId: string }): Promise<void> => {
      takenBack.add(u.actionId);
      const res = await api.undoAction(u.actionId);
      if (!res.ok || !res.value.undone) {
        const why = res.ok ? 'its undo window had ended and it was sent.' : res.error.message;
        get().toast('info', `Too late to undo “${u.label}”: ${why}`);
        return;
      }
      // The core no longer overlays it: drop the marks and take its snapshot, the rows are back.
      set((s) => ({ data: dropSending(s.data, u.incidentIds) }));
      await get().refresh();
      // The rows are back; so is the selection the user had (it is a page they chose).
      const rows = selectRows(get());
      if (u.selectedBefore && rows.some((r) => r.incident.id === u.selectedBefore)) {
        set({ selectedId: u.selectedBefore });
      }
      set({ announcement: `Undone: ${u.label}. Nothing was sent.` });
    };
    const undoSeconds = (): number => get().settings?.settings.undoSeconds ?? DEFAULT_UNDO_SECONDS;
    // Resolve and acknowledge-all wait out an undo window in the core before they are queued.
    const holdThenSend = async (
      kind: 'resolve' | 'acknowledge_all_mine',
      ids: string[],
      target: TargetStatus,
      seconds: number,
    ): Promise<void> => {
      if (ids.length === 0) return;
      const selectedBefore = get().selectedId;
      const label = undoLabel(kind, ids, get().data);
      set((s) => ({ data: startSending(s.data, ids, kind, target), selectionPinned: true }));
      if (target === 'resolved') dropGoneSelection();
      // The bar offers Undo from the keypress on, not from the core's answer: an undo pressed while
      // the hold is on its way is remembered (`undoRequested`) and carried out when the id arrives.
      const token = ++holdSeq;
      undoRequested = null;
      if (undoTimer) clearTimeout(undoTimer);
      undoTimer = null;
      set({
        undo: {
          actionId: null,
          kind,
          incidentIds: ids,
          label,
          until: now() + seconds * 1000,
          selectedBefore,
        },
      });
      const res = await api.holdAction(kind, kind === 'resolve' ? ids : [], seconds);
      const undoWasRequested = undoRequested === token;
      if (undoWasRequested) undoRequested = null;
      if (!res.ok) {
        if (get().undo?.actionId === null && holdSeq === token) set({ undo: null });
        const unsent = ids.filter((id) => get().data.sending[id]?.actionId === null);
        const r = rollback(get().data, unsent, kind, res.error.message);
        set({ data: r.data });
        runEffects(r.effects);
        return;
      }
      const held = res.value;
      // The core overlays a held action like a queued one: its snapshot shows the rows resolved
      // (or acknowledged) and lists the action in `heldActions`; the marks go when it is in.
      set({ data: acceptSending(get().data, ids, held, ++accepted) });
      if (held.incidentIds.length === 0) {
        if (get().undo?.actionId === null && holdSeq === token) set({ undo: null });
        void get().refresh();
        return;
      }
      if (undoWasRequested) {
        await takeBack({
          ...pendingFor(kind, held.incidentIds, label, selectedBefore),
          actionId: held.actionId,
        });
        return;
      }
      void get().refresh();
      // A newer hold owns the bar now; this one waits out its window without it.
      if (holdSeq !== token) return;
      offerUndo(held, now() + seconds * 1000, selectedBefore, label);
    };
    // The undo bar for a held action, until its window ends.
    const offerUndo = (
      held: ActionHeld,
      until: number,
      selectedBefore: string | null,
      fallbackLabel = '',
    ): void => {
      if (undoTimer) clearTimeout(undoTimer);
      set({
        undo: {
          actionId: held.actionId,
          kind: held.kind,
          incidentIds: held.incidentIds,
          label: undoLabel(held.kind, held.incidentIds, get().data) || fallbackLabel,
          until,
          selectedBefore,
        },
      });
      undoTimer = setTimeout(
        () => {
          undoTimer = null;
          if (get().undo?.actionId === held.actionId) set({ undo: null });
        },
        Math.max(0, until - now()),
      );
    };

    // After the filter changed: a selection it hides moves to the first row shown.
    const selectShownRow = (): void => {
      const rows = selectRows(get());
      if (rows.length > 0 && !rows.some((r) => r.incident.id === get().selectedId)) {
        set({ selectedId: rows[0]!.incident.id });
      }
    };

    return {
      data: emptyData(),
      view: 'incidents',
      selectedId: null,
      selectionPinned: false,
      openId: null,
      filter: '',
      accountFilter: null,
      helpOpen: false,
      snoozeFor: null,
      workDialog: null,
      toasts: [],
      announcement: '',
      undo: null,
      connection: api.onConnection ? 'connecting' : 'ipc',
      settings: null,
      notificationHealth: null,
      now: now(),

      start() {
        const offs: Array<() => void> = [];
        offs.push(
          api.on('coreEvent', (event) => {
            const sel = get().selectedId;
            const r = applyEvent(get().data, event);
            if (r.data === get().data) return runEffects(r.effects);
            set({ data: r.data });
            runEffects(r.effects);
            if (!get().selectionPinned) {
              // Untouched list: stay on top, so `a` acknowledges the page that just arrived.
              const top = selectRows(get())[0];
              if (top && top.incident.id !== sel) set({ selectedId: top.incident.id });
            } else dropGoneSelection();
          }),
        );
        offs.push(
          api.on('settingsChanged', (view) => {
            set({ settings: view });
            scheduleRefresh();
          }),
        );
        offs.push(api.on('focusIncident', ({ incidentId }) => get().open(incidentId)));
        offs.push(api.on('notificationHealth', (h) => set({ notificationHealth: h })));
        void api
          .getNotificationHealth?.()
          .then((r) => {
            if (r.ok) set({ notificationHealth: r.value });
          })
          .catch(() => {});
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
        const mine = ++snapshotsAsked;
        const res = await api.getSnapshot();
        // An answer overtaken by a later one (asked after an undo, say) would bring back a state
        // the core has left: only the newest asked is applied.
        if (mine < snapshotApplied) return;
        snapshotApplied = mine;
        if (!res.ok) {
          get().toast('error', `Could not load incidents: ${res.error.message}`);
          return;
        }
        const first = !get().data.loaded;
        // Marks for the renderer bench: first snapshot in, first list painted (see IncidentList).
        if (first) performance.mark('oncall:snapshot-received');
        set((s) => ({ data: applySnapshot(s.data, res.value, asOf), now: now() }));
        // A window reloaded during an undo window gets its bar back from the core's held actions.
        const held = get()
          .data.heldActions.filter((h) => h.releaseAt > now() && !takenBack.has(h.actionId))
          .at(-1);
        if (held && !get().undo) offerUndo(held, held.releaseAt, null);
        const rows = selectRows(get());
        const sel = get().selectedId;
        if (get().selectionPinned) dropGoneSelection();
        else if (rows.length > 0 && (sel === null || !rows.some((r) => r.incident.id === sel))) {
          set({ selectedId: rows[0]!.incident.id });
        }
      },

      async syncNow() {
        const res = await api.syncNow();
        if (!res.ok) get().toast('error', `Sync failed: ${res.error.message}`);
      },

      acknowledge: (ids) => act('acknowledge', ids, 'acknowledged', () => api.acknowledge(ids)),
      resolve: (ids) => {
        const seconds = undoSeconds();
        if (seconds === 0) return act('resolve', ids, 'resolved', () => api.resolve(ids));
        return holdThenSend('resolve', ids, 'resolved', seconds);
      },
      snooze: (id, seconds) =>
        // The core acknowledges a triggered incident first (PagerDuty snoozes acknowledged ones only).
        act('snooze', [id], 'acknowledged', () => api.snooze(id, seconds), now() + seconds * 1000),
      async acknowledgeAllMine() {
        const ids = myTriggeredIds(get().data);
        if (ids.length === 0) {
          get().toast('info', 'Nothing to acknowledge: no triggered incident is assigned to you.');
          return;
        }
        const seconds = undoSeconds();
        if (seconds === 0) {
          await act('acknowledge_all_mine', ids, 'acknowledged', () => api.acknowledgeAllMine());
        } else await holdThenSend('acknowledge_all_mine', ids, 'acknowledged', seconds);
      },
      async undoLast() {
        const u = get().undo;
        if (!u) {
          get().toast('info', 'Nothing to undo.');
          return;
        }
        clearUndo();
        if (u.actionId === null) {
          // The hold has not answered yet: take it back the moment it does.
          undoRequested = holdSeq;
          return;
        }
        await takeBack({ ...u, actionId: u.actionId });
      },

      async openInPagerDuty(id) {
        const res = await api.openIncidentInBrowser(id);
        if (!res.ok) get().toast('error', res.error.message);
        else if (!res.value.opened) get().toast('info', res.value.reason ?? 'Could not open the browser.');
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
        set({
          view: 'detail',
          openId: id,
          selectedId: id,
          selectionPinned: true,
          snoozeFor: null,
          workDialog: get().openId === id ? get().workDialog : null,
        });
      },
      back() {
        const s = get();
        if (s.helpOpen) set({ helpOpen: false });
        else if (s.snoozeFor) set({ snoozeFor: null });
        else if (s.workDialog) set({ workDialog: null });
        else if (s.view !== 'incidents') set({ view: 'incidents', openId: null });
      },
      setView(view) {
        set({ view, snoozeFor: null, helpOpen: false, workDialog: null });
      },
      setFilter(text) {
        set({ filter: text });
        selectShownRow();
      },
      setAccountFilter(accountId) {
        set({ accountFilter: accountId });
        selectShownRow();
      },
      setHelp(open) {
        set({ helpOpen: open });
      },
      setWorkDialog(d) {
        set({ workDialog: d });
      },
      async work(kind, incidentId, call, done) {
        set({ selectionPinned: true });
        const res = await call();
        if (!res.ok) {
          const r = rollback(get().data, [incidentId], kind, res.error.message);
          set({ data: r.data });
          runEffects(r.effects);
          return false;
        }
        accepted += 1;
        // The core's overlay shows the change: take its snapshot now.
        await get().refresh();
        set({ announcement: done });
        return true;
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
