/**
 * The window's sign-in for a Node host (Electron main, the preview): the runtime's `SignInPort`
 * over {@link signIn}, and the source side, which turns a stored `oauth:` token back into a
 * refreshing session whose rotated tokens go back into the runtime's secrets port.
 */
import { randomUUID } from 'node:crypto';
import { SIGNIN_TOKEN_PREFIX, type SignInPort, type SignInTarget } from '../../app/signin.js';
import type { FetchLike, Logger } from '../../core/ports.js';
import type { IdentityEndpoints } from './endpoints.js';
import { signIn, SIGN_IN_TIMEOUT_MS } from './flow.js';
import { createTokenSession, revokeTokens, type TokenSession } from './session.js';
import { storedTokensSchema, type OAuthTokens } from './tokens.js';

/** Serialise tokens for the secrets port (secret). */
export function signInToken(tokens: OAuthTokens): string {
  return SIGNIN_TOKEN_PREFIX + JSON.stringify(tokens);
}

/** Parse a stored `oauth:` token; null when it is not one or damaged. */
export function parseSignInToken(token: string): OAuthTokens | null {
  if (!token.startsWith(SIGNIN_TOKEN_PREFIX)) return null;
  try {
    const r = storedTokensSchema.safeParse(JSON.parse(token.slice(SIGNIN_TOKEN_PREFIX.length)));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The host's sign-in port. */
export function createHostSignIn(opts: {
  /** The identity server: of the first account's source (no target), or of an extra account's API. */
  endpoints: (target?: SignInTarget) => IdentityEndpoints;
  clientId: () => string;
  /** Open the address in the system browser (Electron: shell.openExternal); absent: the window shows it. */
  open?: (url: string) => void | Promise<void>;
  fetch?: FetchLike;
  addSecret?: (secret: string) => void;
  logger: Logger;
  timeoutMs?: number;
}): SignInPort {
  return {
    async revoke(token) {
      const tokens = parseSignInToken(token);
      if (!tokens) return false;
      return revokeTokens(opts.fetch ?? globalThis.fetch.bind(globalThis), tokens);
    },
    begin(target) {
      return new Promise((resolveBegin, rejectBegin) => {
        const done = signIn({
          clientId: opts.clientId(),
          endpoints: opts.endpoints(target),
          fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
          timeoutMs: opts.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
          ...(opts.addSecret ? { addSecret: opts.addSecret } : {}),
          onUrl: async (url) => {
            resolveBegin({ url, done: result });
            await Promise.resolve(opts.open?.(url)).catch((e: unknown) =>
              opts.logger.warn('sign-in: could not open the browser', { error: String(e) }),
            );
          },
        });
        const result = done.then((tokens) => {
          const withId = { ...tokens, signInId: randomUUID() };
          const label = tokens.subdomain
            ? `${tokens.subdomain} (${(tokens.region ?? 'us').toUpperCase()})`
            : tokens.apiUrl;
          return { token: signInToken(withId), apiUrl: tokens.apiUrl, label };
        });
        // Before the address is known, a failure (port in use) fails `begin` itself.
        done.catch((e: unknown) => rejectBegin(e));
      });
    },
  };
}

/** A source's session for a stored sign-in token. */
export function sessionForToken(
  token: string,
  opts: {
    fetch: FetchLike;
    save?: (token: string) => void;
    onSignedOut?: (message: string) => void;
    logger: Logger;
  },
): { session: TokenSession; tokens: OAuthTokens } | null {
  const tokens = parseSignInToken(token);
  if (!tokens) return null;
  const account = tokens.subdomain ?? new URL(tokens.apiUrl).host;
  const session = createTokenSession({
    account,
    tokens,
    fetch: opts.fetch,
    save: async (t) => opts.save?.(signInToken(t)),
    remove: async () => undefined,
    onSignedOut: (m) => opts.onSignedOut?.(m),
    logger: opts.logger,
  });
  return { session, tokens };
}
