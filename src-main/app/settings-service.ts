/**
 * Settings as the window sees them: the stored settings, the token's status (never the token), the
 * shortcut errors and the shared runbook file's error, in one `SettingsView`; and the place where a
 * change is saved and announced.
 */
import { isSignInToken } from './signin.js';
import type { AppSettings, ShortcutAction } from '../ipc/app-settings.js';
import type { InvokeResults, SettingsView, SignInView } from '../ipc/contract.js';
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
  /** Save (or remove) the token of an extra account; it must be in the settings. */
  setAccountToken(accountId: string, token: string): SettingsView;
  clearAccountToken(accountId: string): SettingsView;
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
  /** Work a settings change started (the sources it applies): `settled` waits for it too. */
  track(work: Promise<unknown>): void;
}

/** Options of the service. */
export interface SettingsServiceOptions {
  store: SettingsStore;
  secrets: SecretStore;
  /** Each extra account's token store. */
  accountSecrets?: (accountId: string) => SecretStore;
  shortcutErrors: () => ShortcutErrors;
  /** The window's sign-in state, shown with the settings. */
  signIn?: () => SignInView;
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
    const settings = opts.store.get();
    const accountTokens: SettingsView['accountTokens'] = {};
    // A store written before accounts existed (or a partial fake) may hold none.
    for (const a of settings.accounts ?? []) {
      const t = opts.accountSecrets?.(a.id).status() ?? { set: false, storage: 'unavailable', warning: null };
      const signedIn = isSignInToken(opts.accountSecrets?.(a.id).getToken());
      accountTokens[a.id] = { set: t.set, storage: t.storage, warning: t.warning, signedIn };
    }
    return {
      settings,
      token: {
        set: status.set,
        storage: status.storage,
        warning: status.warning,
        signedIn: isSignInToken(opts.secrets.getToken()),
      },
      accountTokens,
      shortcutErrors: opts.shortcutErrors(),
      runbookSourceError,
      ...(opts.signIn ? { signIn: opts.signIn() } : {}),
    };
  };

  const accountStore = (accountId: string): SecretStore => {
    if (!opts.store.get().accounts.some((a) => a.id === accountId) || !opts.accountSecrets)
      throw new Error(`there is no account ${accountId}: add it in Settings first`);
    return opts.accountSecrets(accountId);
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
    setAccountToken(accountId, token) {
      const store = accountStore(accountId);
      const previous = opts.store.get();
      store.setToken(token.trim());
      emit({ settings: previous, previous, tokenChanged: true });
      return view();
    },
    clearAccountToken(accountId) {
      const store = accountStore(accountId);
      const previous = opts.store.get();
      store.clearToken();
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
    track(work) {
      const done = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(done);
      void done.finally(() => pending.delete(done));
    },
  };
}
