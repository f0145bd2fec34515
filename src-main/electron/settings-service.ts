/**
 * Settings as the window sees them: the stored settings, the token's status (never the token) and
 * the shortcut errors, in one `SettingsView`; and the place where a change is saved and announced.
 */
import type { AppSettings } from '../ipc/app-settings.js';
import type { InvokeResults, SettingsView } from '../ipc/contract.js';
import type { SecretStore } from './secret-store.js';
import type { SettingsStore } from './settings-store.js';
import type { ShortcutErrors } from './shortcuts.js';

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

  const view = (): SettingsView => {
    const status = opts.secrets.status();
    return {
      settings: opts.store.get(),
      token: { set: status.set, storage: status.storage, warning: status.warning },
      shortcutErrors: opts.shortcutErrors(),
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
    refresh() {
      const s = opts.store.get();
      emit({ settings: s, previous: s, tokenChanged: false });
    },
  };
}
