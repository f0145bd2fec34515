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

/** The host's browser sign-in. `done` rejects with an Error whose message says what to do. */
export interface SignInPort {
  begin(): Promise<{ url: string; done: Promise<SignInResult> }>;
}

/** The controller behind the `startSignIn` / `getSignIn` channels. */
export interface SignInController {
  start(): Promise<{ url: string }>;
  view(): SignInView;
  /** The source's refresh token was rejected (called by the running source, once). */
  signedOut(message: string): void;
}

/** Create the controller. */
export function createSignInController(deps: {
  port: SignInPort | null;
  settings: SettingsService;
  secrets: SecretStore;
  logger: Logger;
}): SignInController {
  let view: SignInView = { state: 'none', url: null, message: null };
  let running: Promise<{ url: string }> | null = null;
  return {
    view: () => view,
    signedOut(message) {
      view = { state: 'signed_out', url: null, message };
      deps.settings.refresh();
    },
    start() {
      if (!deps.port) return Promise.reject(new Error('this window cannot sign in; use an API token'));
      if (running && view.state === 'waiting') return running;
      const port = deps.port;
      running = (async () => {
        const { url, done } = await port.begin();
        view = { state: 'waiting', url, message: 'Waiting for you to allow access in the browser…' };
        void done.then(
          (r) => {
            // Nothing changes until the sign-in has succeeded: a failure keeps the previous account.
            const previous = deps.settings.get().source;
            const fromEmail = previous.kind === 'pagerduty' ? previous.fromEmail : undefined;
            const res = deps.settings.update({
              source: {
                kind: 'pagerduty',
                region: 'custom',
                apiUrl: r.apiUrl,
                ...(fromEmail ? { fromEmail } : {}),
              },
            });
            if (!res.ok) {
              view = {
                state: 'failed',
                url: null,
                message: `not signed in: ${res.errors[0]?.message ?? 'bad API URL'}`,
              };
              deps.settings.refresh();
              return;
            }
            view = { state: 'signed_in', url: null, message: `Signed in to ${r.label}.` };
            deps.settings.setToken(r.token);
          },
          (e: unknown) => {
            view = { state: 'failed', url: null, message: e instanceof Error ? e.message : 'not signed in' };
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
