/**
 * "Sign in with PagerDuty" for the window (Settings and the first-run welcome), host-neutral: the
 * host's port runs the browser sign-in (src-main/node/oauth/host.ts) and answers the address to open
 * and, later, the signed-in token as one opaque string (`oauth:` + the tokens); this controller keeps
 * it in the runtime's secrets port (Electron: safeStorage), points the source at the account's API,
 * and tells the window how it went. The token never goes to the window: only the state and message.
 */
import type { Logger } from '../core/ports.js';
import type { SignInView } from '../ipc/contract.js';
import type { SecretStore } from './secrets.js';
import type { SettingsService } from './settings-service.js';

/** The secrets port holds a signed-in account as this prefix + its tokens (JSON). */
export const SIGNIN_TOKEN_PREFIX = 'oauth:';

/** Whether a stored token is a sign-in (not a pasted API key). */
export function isSignInToken(token: string | null | undefined): token is string {
  return typeof token === 'string' && token.startsWith(SIGNIN_TOKEN_PREFIX);
}

/**
 * What identifies a token for the source manager: a sign-in's tokens rotate on every refresh, but
 * it stays the same sign-in (its `signInId`), so a refresh never restarts the source.
 */
export function tokenIdentityKey(token: string): string {
  if (!isSignInToken(token)) return token;
  try {
    const id = (JSON.parse(token.slice(SIGNIN_TOKEN_PREFIX.length)) as { signInId?: unknown }).signInId;
    return typeof id === 'string' ? `${SIGNIN_TOKEN_PREFIX}${id}` : token;
  } catch {
    return token;
  }
}

/** What a finished sign-in gives the runtime. */
export interface SignInResult {
  /** Opaque, secret: `oauth:` + the tokens. */
  token: string;
  apiUrl: string;
  /** "acme (US)", for the message. */
  label: string;
}

/** Where a sign-in goes: absent, the first account's source; else an extra account's API (null: PagerDuty's). */
export interface SignInTarget {
  apiUrl: string | null;
}

/** The host's browser sign-in. `done` rejects with an Error whose message says what to do. */
export interface SignInPort {
  begin(target?: SignInTarget): Promise<{ url: string; done: Promise<SignInResult> }>;
  /** Revoke a stored sign-in at its identity server (best effort, bounded): whether it was revoked. */
  revoke?(token: string): Promise<boolean>;
}

/** The controller behind the `startSignIn` / `startAccountSignIn` / `getSignIn` channels. */
export interface SignInController {
  /** Sign the first account in, or the extra account with this id. */
  start(accountId?: string): Promise<{ url: string }>;
  view(): SignInView;
  /** A source's refresh token was rejected (called by the running source, once). */
  signedOut(message: string, accountId?: string): void;
  /**
   * Before a token is removed (Settings' Remove / Sign out): a sign-in is revoked where the identity
   * server allows, and the view says which. An API key is left to the caller to delete.
   */
  signOut(accountId?: string): Promise<void>;
}

/** Create the controller. */
export function createSignInController(deps: {
  port: SignInPort | null;
  settings: SettingsService;
  secrets: SecretStore;
  /** Each extra account's secrets (for its sign-out). */
  accountSecrets?: (accountId: string) => SecretStore;
  logger: Logger;
}): SignInController {
  let view: SignInView = { state: 'none', url: null, message: null };
  let running: Promise<{ url: string }> | null = null;
  const forAccount = (accountId: string | undefined) => (accountId ? { accountId } : {});

  /** Point the first account at the signed-in API and keep its token; false with the view set. */
  const finishFirst = (r: SignInResult): boolean => {
    const previous = deps.settings.get().source;
    const fromEmail = previous.kind === 'pagerduty' ? previous.fromEmail : undefined;
    const res = deps.settings.update({
      source: { kind: 'pagerduty', region: 'custom', apiUrl: r.apiUrl, ...(fromEmail ? { fromEmail } : {}) },
    });
    if (!res.ok) {
      view = {
        state: 'failed',
        url: null,
        message: `not signed in: ${res.errors[0]?.message ?? 'bad API URL'}`,
      };
      return false;
    }
    deps.settings.setToken(r.token);
    return true;
  };

  /** The same for an extra account (it may have been removed while the browser was open). */
  const finishExtra = (accountId: string, r: SignInResult): boolean => {
    const accounts = deps.settings.get().accounts;
    const account = accounts.find((a) => a.id === accountId);
    if (!account) {
      view = {
        state: 'failed',
        url: null,
        message: 'not signed in: the account was removed meanwhile',
        accountId,
      };
      return false;
    }
    const fromEmail = account.source.kind === 'pagerduty' ? account.source.fromEmail : undefined;
    const next = accounts.map((a) =>
      a.id === accountId
        ? {
            ...a,
            source: {
              kind: 'pagerduty' as const,
              region: 'custom' as const,
              apiUrl: r.apiUrl,
              ...(fromEmail ? { fromEmail } : {}),
            },
          }
        : a,
    );
    const res = deps.settings.update({ accounts: next });
    if (!res.ok) {
      view = {
        state: 'failed',
        url: null,
        message: `not signed in: ${res.errors[0]?.message ?? 'bad API URL'}`,
        accountId,
      };
      return false;
    }
    deps.settings.setAccountToken(accountId, r.token);
    return true;
  };

  const targetOf = (accountId: string | undefined): SignInTarget | undefined => {
    if (!accountId) return undefined;
    const account = deps.settings.get().accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`no account ${accountId} in Settings`);
    if (account.source.kind !== 'pagerduty')
      throw new Error(`“${account.name}” is a demo account: switch it to PagerDuty before signing in`);
    return { apiUrl: account.source.region === 'custom' ? (account.source.apiUrl ?? null) : null };
  };

  return {
    async signOut(accountId) {
      const store = accountId ? deps.accountSecrets?.(accountId) : deps.secrets;
      const token = store?.getToken();
      if (!isSignInToken(token)) return;
      const revoked = deps.port?.revoke ? await deps.port.revoke(token) : false;
      view = {
        state: 'none',
        url: null,
        message: revoked
          ? 'Signed out: the sign-in was revoked in PagerDuty and removed from this computer.'
          : 'Signed out: the sign-in was removed from this computer (PagerDuty could not be reached to revoke it; remove the app under My Profile > User Settings in PagerDuty).',
        ...forAccount(accountId),
      };
      deps.logger.info('sign-in: signed out', { account: accountId ?? 'default', revoked });
    },
    view: () => view,
    signedOut(message, accountId) {
      view = { state: 'signed_out', url: null, message, ...forAccount(accountId) };
      deps.settings.refresh();
    },
    start(accountId) {
      if (!deps.port) return Promise.reject(new Error('this window cannot sign in; use an API token'));
      // One browser sign-in at a time: a second click (for any account) joins the one waiting.
      if (running && view.state === 'waiting') {
        if ((view.accountId ?? undefined) !== accountId)
          return Promise.reject(
            new Error('another sign-in is waiting in the browser: finish or close it first'),
          );
        return running;
      }
      let target: SignInTarget | undefined;
      try {
        target = targetOf(accountId);
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error('not signed in'));
      }
      const port = deps.port;
      running = (async () => {
        const { url, done } = await port.begin(target);
        view = {
          state: 'waiting',
          url,
          message: 'Waiting for you to allow access in the browser…',
          ...forAccount(accountId),
        };
        void done.then(
          (r) => {
            // Nothing changes until the sign-in has succeeded: a failure keeps the previous account.
            const ok = accountId ? finishExtra(accountId, r) : finishFirst(r);
            if (!ok) return deps.settings.refresh();
            view = {
              state: 'signed_in',
              url: null,
              message: `Signed in to ${r.label}.`,
              ...forAccount(accountId),
            };
          },
          (e: unknown) => {
            view = {
              state: 'failed',
              url: null,
              message: e instanceof Error ? e.message : 'not signed in',
              ...forAccount(accountId),
            };
            deps.logger.warn('sign-in: did not complete', { reason: view.message });
            deps.settings.refresh();
          },
        );
        return { url };
      })();
      running.catch(() => {
        running = null;
      });
      return running;
    },
  };
}
