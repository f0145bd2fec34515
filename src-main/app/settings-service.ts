/**
 * Settings as the window sees them: the stored settings, the token's status (never the token), the
 * shortcut errors and the shared runbook file's error, in one `SettingsView`; and the place where a
 * change is saved and announced.
 */
import type { AppSettings, ShortcutAction } from '../ipc/app-settings.js';
import type { InvokeResults, SettingsView } from '../ipc/contract.js';
import type { SecretStore } from './secrets.js';
import type { SettingsStore } from './settings.js';

/** Why each action's shortcut is not active (null = registered or deliberately empty). */
export type ShortcutErrors = Record<ShortcutAction, string | null>;

/** What changed, for listeners that restart the source or re-register shortcuts. */
export interface SettingsChange {
  settings: AppSettings;
  previous: AppSettings;
  tokenChanged: boolean;
}

/** The settings service. */
export interface SettingsService {
  get(): AppSettings;
  view(): SettingsView;
  update(patch: Record<string, unknown>): InvokeResults['updateSettings'];
  setToken(token: string): SettingsView;
  clearToken(): SettingsView;
  /** Called after every saved change. */
  subscribe(listener: (change: SettingsChange) => void): () => void;
  /** Tell listeners the view changed without a settings change (e.g. shortcut errors). */
  refresh(): void;
  /**
   * Follow a (re)load of the shared runbook file, resolving with its error (naming the line) or null.
   * The latest load's error shows in the view; when it changes, listeners hear of it (`refresh`).
   */
  trackRunbookSource(result: Promise<string | null>): void;
  /** Resolves once every runbook file load tracked so far has finished (its error is in the view). */
  settled(): Promise<void>;
}

/** Options of the service. */
export interface SettingsServiceOptions {
  store: SettingsStore;
  secrets: SecretStore;
  shortcutErrors: () => ShortcutErrors;
}

/** Create the service. */
export function createSettingsService(opts: SettingsServiceOptions): SettingsService {
  const listeners = new Set<(change: SettingsChange) => void>();
  const emit = (change: SettingsChange): void => {
    for (const l of [...listeners]) l(change);
  };

  const refresh = (): void => {
    const s = opts.store.get();
    emit({ settings: s, previous: s, tokenChanged: false });
  };
  let runbookSourceError: string | null = null;
  let loads = 0;
  const pending = new Set<Promise<void>>();

  const view = (): SettingsView => {
    const status = opts.secrets.status();
    return {
      settings: opts.store.get(),
      token: { set: status.set, storage: status.storage, warning: status.warning },
      shortcutErrors: opts.shortcutErrors(),
      runbookSourceError,
    };
  };

  return {
    get: () => opts.store.get(),
    view,
    update(patch) {
      const previous = opts.store.get();
      const res = opts.store.update(patch);
      if (!res.ok) return res;
      emit({ settings: res.settings, previous, tokenChanged: false });
      return { ok: true, view: view() };
    },
    setToken(token) {
      const previous = opts.store.get();
      opts.secrets.setToken(token.trim());
      emit({ settings: previous, previous, tokenChanged: true });
      return view();
    },
    clearToken() {
      const previous = opts.store.get();
      opts.secrets.clearToken();
      emit({ settings: previous, previous, tokenChanged: true });
      return view();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    trackRunbookSource(result) {
      const load = ++loads;
      const done = result
        .catch((err: unknown) => (err instanceof Error ? err.message : 'the file could not be read'))
        .then((error) => {
          // An older load finishing late does not overwrite a newer one's answer.
          if (load !== loads || error === runbookSourceError) return;
          runbookSourceError = error;
          refresh();
        })
        .finally(() => pending.delete(done));
      pending.add(done);
    },
    async settled() {
      await Promise.allSettled([...pending]);
    },
  };
}
