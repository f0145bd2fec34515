/**
 * One sign-in: authorization code + PKCE (S256) in the system browser with the loopback redirect,
 * then the code exchange. Written over node:http and fetch rather than an OAuth library: the flow
 * is these few steps, and PagerDuty's identity server is plain OAuth 2.0 (no discovery document to
 * read), so a general client (openid-client, oauth4webapi) would add configuration, not checks.
 * Every failure is a SignInError with the fix; nothing is returned, so nothing can be stored.
 */
import type { FetchLike } from '../../core/ports.js';
import { apiUrlForRegion, type IdentityEndpoints } from './endpoints.js';
import { SignInError } from './errors.js';
import { startLoopbackReceiver } from './loopback.js';
import { createPkce } from './pkce.js';
import { exchangeFailure, postTokenForm, tokensFrom, type OAuthTokens } from './tokens.js';

/** Default wait for the user in the browser. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** Options of {@link signIn}. */
export interface SignInOptions {
  clientId: string;
  endpoints: IdentityEndpoints;
  /** `read` or `read write` (the default: acknowledge and resolve need write). */
  scope?: string;
  fetch: FetchLike;
  /** Called with the URL to open (print it; open the browser unless told not to). */
  onUrl(url: string): void | Promise<void>;
  /** Told every secret as it arrives, so logs redact it. */
  addSecret?(secret: string): void;
  timeoutMs?: number;
  /** Redirect port (0 = random, the default). */
  port?: number;
  now?: () => number;
}

/** Sign in; resolves with the tokens, or throws a SignInError. */
export async function signIn(opts: SignInOptions): Promise<OAuthTokens> {
  const pkce = createPkce();
  const now = opts.now ?? Date.now;
  const receiver = await startLoopbackReceiver({
    state: pkce.state,
    timeoutMs: opts.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
    port: opts.port ?? 0,
  });
  try {
    const url = new URL(opts.endpoints.authorize);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: opts.clientId,
      redirect_uri: receiver.redirectUri,
      scope: opts.scope ?? 'read write',
      state: pkce.state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).toString();
    await opts.onUrl(url.href);
    const cb = await receiver.result;
    opts.addSecret?.(cb.code);
    try {
      const answer = await postTokenForm(opts.fetch, opts.endpoints.token, {
        grant_type: 'authorization_code',
        code: cb.code,
        redirect_uri: receiver.redirectUri,
        client_id: opts.clientId,
        code_verifier: pkce.verifier,
      });
      opts.addSecret?.(answer.access_token);
      opts.addSecret?.(answer.refresh_token);
      const apiUrl = opts.endpoints.apiUrl ?? apiUrlForRegion(answer.service_region);
      if (apiUrl === null)
        throw new SignInError(
          `not signed in: unknown PagerDuty service region "${answer.service_region?.replace(/[^\w-]/g, '?')}"; nothing was stored`,
          'invalid_answer',
        );
      const tokens = tokensFrom(
        answer,
        { apiUrl, clientId: opts.clientId, tokenUrl: opts.endpoints.token, revokeUrl: opts.endpoints.revoke },
        now(),
      );
      cb.respond(true, 'Signed in to PagerDuty. You can close this tab and go back to On-Call Companion.');
      return tokens;
    } catch (e) {
      const err = e instanceof SignInError ? e : exchangeFailure(e);
      cb.respond(false, `${err.message}.`);
      throw err;
    }
  } finally {
    await receiver.close();
  }
}
