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
  /**
   * A source's refresh token was rejected (called by the running source, once): false when it was
   * our own Sign out (nothing to tell the user).
   */
  signedOut(message: string, accountId?: string): boolean;
  /**
   * Remove an account's token (Settings' Remove / Sign out) with `remove`, then, for a sign-in,
   * revoke it where the identity server allows and say which in the view. The token is deleted
   * first, so no poll of the old session meets the revoked grant; a sign-out its session reports
   * meanwhile is not said.
   */
  signOut(remove: () => void, accountId?: string): Promise<void>;
  /** The sign-in of an account about to be removed, to revoke once it is gone (null: none). */
  capture(accountId: string): string | null;
  /** Revoke a captured sign-in (best effort); nothing is said in the view. */
  revokeCaptured(token: string, accountId: string): Promise<void>;
  /** A token was set by hand, or the account removed: its old sign-in state no longer applies. */
  forget(accountId?: string): void;
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
  // The one browser sign-in under way (from the click until it succeeds or fails), and its account.
  let running: Promise<{ url: string }> | null = null;
  let flowFor: string | undefined;
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

  /** Accounts whose sign-out is under way ('' = the first): their sessions' sign-outs are not said. */
  const signingOut = new Set<string>();
  const keyOf = (accountId: string | undefined) => accountId ?? '';
  const storeOf = (accountId: string | undefined) =>
    accountId ? deps.accountSecrets?.(accountId) : deps.secrets;

  return {
    capture(accountId) {
      const token = storeOf(accountId)?.getToken();
      return isSignInToken(token) ? token : null;
    },
    async revokeCaptured(token, accountId) {
      signingOut.add(keyOf(accountId));
      try {
        const revoked = deps.port?.revoke ? await deps.port.revoke(token) : false;
        deps.logger.info('sign-in: a removed account was signed out', { account: accountId, revoked });
      } finally {
        signingOut.delete(keyOf(accountId));
      }
    },
    forget(accountId) {
      if ((view.accountId ?? undefined) === accountId && view.state !== 'waiting')
        view = { state: 'none', url: null, message: null };
    },
    async signOut(remove, accountId) {
      const token = storeOf(accountId)?.getToken();
      if (!isSignInToken(token)) return remove();
      signingOut.add(keyOf(accountId));
      let revoked = false;
      try {
        remove();
        // The source of the removed token is stopped before the grant is revoked.
        await deps.settings.settled();
        revoked = deps.port?.revoke ? await deps.port.revoke(token) : false;
      } finally {
        signingOut.delete(keyOf(accountId));
      }
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
      // Our own sign-out revoked it: not a surprise to tell.
      if (signingOut.has(keyOf(accountId))) return false;
      view = { state: 'signed_out', url: null, message, ...forAccount(accountId) };
      deps.settings.refresh();
      return true;
    },
    start(accountId) {
      if (!deps.port) return Promise.reject(new Error('this window cannot sign in; use an API token'));
      // One browser sign-in at a time: a second click (for any account) joins the one waiting.
      if (running) {
        if (flowFor !== accountId)
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
      flowFor = accountId;
      running = (async () => {
        const { url, done } = await port.begin(target);
        view = {
          state: 'waiting',
          url,
          message: 'Waiting for you to allow access in the browser…',
          ...forAccount(accountId),
        };
        void done
          .then(
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
          )
          // Settled: another sign-in may start.
          .finally(() => {
            running = null;
          });
        return { url };
      })();
      running.catch(() => {
        running = null;
      });
      return running;
    },
  };
}
