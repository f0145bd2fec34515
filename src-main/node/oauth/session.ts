/**
 * A signed-in account's tokens while it runs: a `fetch` for the PagerDuty client that puts the
 * current access token on every request, refreshes it shortly before it expires and after a 401
 * (once, then the request is retried once), with one refresh at a time (two polls never refresh
 * twice: the second waits for the first's answer). A refresh token the server rejects signs the
 * account out: `onSignedOut` is called once with "Signed out of <account>: sign in again", the
 * stored tokens are removed, and from then on requests answer 401 locally, so nothing loops.
 * A refresh that fails for the network keeps the tokens and is tried again by the next request.
 */
import type { FetchLike, Logger } from '../../core/ports.js';
import { postTokenForm, TokenEndpointError, tokensFrom, type OAuthTokens } from './tokens.js';

/** Refresh this long before the access token expires. */
export const REFRESH_LEAD_MS = 60_000;

/** Stand-in token handed to the PagerDuty client; the session's fetch replaces the header. */
export const SESSION_TOKEN_PLACEHOLDER = 'oauth-session-access-token';

/** Options of {@link createTokenSession}. */
export interface TokenSessionOptions {
  account: string;
  tokens: OAuthTokens;
  fetch: FetchLike;
  /** Persist refreshed tokens (they rotate: the old refresh token stops working). */
  save(tokens: OAuthTokens): Promise<unknown>;
  /** Remove them once the refresh token is rejected. */
  remove(): Promise<unknown>;
  onSignedOut(message: string): void;
  addSecret?(secret: string): void;
  logger: Logger;
  now?: () => number;
  /** Refresh when fewer than this many ms remain (default 60 s; capped at half the token's life). */
  leadMs?: number;
}

/** The running session. */
export interface TokenSession {
  /** The fetch to give the PagerDuty client (with {@link SESSION_TOKEN_PLACEHOLDER} as its token). */
  fetch: FetchLike;
  signedOut(): boolean;
  /** How many refreshes reached the server (tests check "never twice"). */
  refreshCount(): number;
  /** The tokens now (for sign out's revoke). */
  tokens(): OAuthTokens;
}

function withAuth(init: RequestInit | undefined, token: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

function signedOutResponse(message: string): Response {
  return new Response(JSON.stringify({ error: { message, code: 2006, errors: [message] } }), {
    status: 401,
    headers: { 'content-type': 'application/json' },
  });
}

/** Create the session. */
export function createTokenSession(opts: TokenSessionOptions): TokenSession {
  const now = opts.now ?? Date.now;
  let tokens = opts.tokens;
  let out = false;
  let refreshes = 0;
  let inflight: Promise<void> | null = null;
  const message = `Signed out of ${opts.account}: sign in again`;
  opts.addSecret?.(tokens.accessToken);
  opts.addSecret?.(tokens.refreshToken);

  const refreshNow = (): Promise<void> =>
    (inflight ??= (async () => {
      try {
        refreshes++;
        const answer = await postTokenForm(opts.fetch, tokens.tokenUrl, {
          grant_type: 'refresh_token',
          refresh_token: tokens.refreshToken,
          client_id: tokens.clientId,
        });
        opts.addSecret?.(answer.access_token);
        opts.addSecret?.(answer.refresh_token);
        tokens = tokensFrom(answer, tokens, now());
        await opts.save(tokens).catch((e: unknown) =>
          opts.logger.warn('sign-in: the refreshed token could not be saved; sign in again after a restart', {
            error: e instanceof Error ? e.message : String(e),
          }),
        );
        opts.logger.debug('sign-in: access token refreshed', { account: opts.account });
      } catch (e) {
        if (
          e instanceof TokenEndpointError &&
          (e.error === 'invalid_grant' || e.error === 'invalid_client' || e.error === 'unauthorized_client')
        ) {
          if (!out) {
            out = true;
            opts.logger.warn(`sign-in: ${message}`, { reason: e.message });
            await opts.remove().catch(() => undefined);
            opts.onSignedOut(message);
          }
        } else {
          opts.logger.warn('sign-in: could not refresh the access token; trying again on the next request', {
            error: e instanceof Error ? e.message : String(e),
          });
        }
      } finally {
        inflight = null;
      }
    })());

  const due = (): boolean => {
    const left = tokens.expiresAt - now();
    const life = tokens.expiresAt - tokens.issuedAt;
    return left <= Math.min(opts.leadMs ?? REFRESH_LEAD_MS, life / 2);
  };

  const authFetch: FetchLike = async (input, init) => {
    if (out) return signedOutResponse(message);
    if (inflight) await inflight;
    else if (due()) await refreshNow();
    if (out) return signedOutResponse(message);
    const used = tokens.accessToken;
    const res = await opts.fetch(input, withAuth(init, used));
    if (res.status !== 401) return res;
    await res.body?.cancel().catch(() => undefined);
    // Someone else may have refreshed meanwhile: then just retry with theirs.
    if (tokens.accessToken === used) await (inflight ?? refreshNow());
    if (out) return signedOutResponse(message);
    return opts.fetch(input, withAuth(init, tokens.accessToken));
  };

  return { fetch: authFetch, signedOut: () => out, refreshCount: () => refreshes, tokens: () => tokens };
}

/** Revoke a sign-in where the server allows (RFC 7009); false when it could not be reached or refused. */
export async function revokeTokens(fetch: FetchLike, tokens: OAuthTokens): Promise<boolean> {
  try {
    const res = await fetch(tokens.revokeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refreshToken, client_id: tokens.clientId }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status === 200;
  } catch {
    return false;
  }
}
