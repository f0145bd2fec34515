/**
 * The token endpoint's answers (RFC 6749 5.1, plus PagerDuty's `subdomain` and `service_region`),
 * validated with zod, and the requests that get them: the code exchange with the PKCE verifier and
 * the refresh grant. Redirects are never followed (a token request sent on to another host would
 * carry the code, the verifier or the refresh token with it).
 */
import { z } from 'zod';
import type { FetchLike } from '../../core/ports.js';
import { SignInError } from './errors.js';

/** A signed-in account's tokens and where they are used. Secret: never log or send it to a window. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** When the access token was issued (epoch ms): refresh lead is at most half its life. */
  issuedAt: number;
  scope: string;
  subdomain: string | null;
  region: string | null;
  /** The REST API these tokens are for. */
  apiUrl: string;
  clientId: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Stable across refreshes: which sign-in these tokens are (the window's source keys on it). */
  signInId?: string;
}

export const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
  issuedAt: z.number(),
  scope: z.string(),
  subdomain: z.string().nullable(),
  region: z.string().nullable(),
  apiUrl: z.string().url(),
  clientId: z.string().min(1),
  tokenUrl: z.string().url(),
  revokeUrl: z.string().url(),
  signInId: z.string().optional(),
});

const TOKEN_RE = /^[\x21-\x7e]{8,4096}$/;
const tokenAnswer = z.object({
  access_token: z.string().regex(TOKEN_RE),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z
    .number()
    .int()
    .positive()
    .max(10 * 365 * 86_400),
  refresh_token: z.string().regex(TOKEN_RE),
  scope: z.string().max(500).optional(),
  subdomain: z.string().max(100).optional(),
  service_region: z.string().max(10).optional(),
});
export type TokenAnswer = z.infer<typeof tokenAnswer>;

/** Why the token endpoint refused (its `error`), or the failure kind. */
export class TokenEndpointError extends Error {
  constructor(
    message: string,
    readonly error: string,
  ) {
    super(message);
    this.name = 'TokenEndpointError';
  }
}

/** POST a form to the token endpoint; answers the validated body or throws (never with a token in it). */
export async function postTokenForm(
  fetch: FetchLike,
  url: string,
  form: Record<string, string>,
  timeoutMs = 15_000,
): Promise<TokenAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const why = e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'is unreachable';
    throw new TokenEndpointError(`the identity server ${new URL(url).host} ${why}`, 'unreachable');
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    throw new TokenEndpointError(
      `the identity server ${new URL(url).host} redirected the token request elsewhere; refused (it would carry the sign-in secrets to another host)`,
      'redirect',
    );
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* below */
  }
  if (res.status !== 200) {
    const err = z
      .object({ error: z.string().max(60), error_description: z.string().max(300).optional() })
      .safeParse(body);
    const code = err.success ? err.data.error.replace(/[^\w.-]/g, '?') : `HTTP ${res.status}`;
    const desc =
      err.success && err.data.error_description
        ? `: ${err.data.error_description.replace(/[^\x20-\x7e]/g, '?')}`
        : '';
    throw new TokenEndpointError(
      `the identity server refused (${code}${desc})`,
      err.success ? err.data.error : `http_${res.status}`,
    );
  }
  const ok = tokenAnswer.safeParse(body);
  if (!ok.success)
    throw new TokenEndpointError(
      'the identity server answered something that is not a token answer',
      'invalid_answer',
    );
  return ok.data;
}

/** Turn a token answer into stored tokens. */
export function tokensFrom(
  answer: TokenAnswer,
  base: Pick<OAuthTokens, 'apiUrl' | 'clientId' | 'tokenUrl' | 'revokeUrl' | 'signInId'>,
  now: number,
): OAuthTokens {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: now + answer.expires_in * 1000,
    issuedAt: now,
    scope: answer.scope ?? '',
    subdomain: answer.subdomain ?? null,
    region: answer.service_region ?? null,
    // Only these four: `base` may be the previous tokens, whose secrets must not win over the new ones.
    apiUrl: base.apiUrl,
    clientId: base.clientId,
    tokenUrl: base.tokenUrl,
    revokeUrl: base.revokeUrl,
    ...(base.signInId !== undefined ? { signInId: base.signInId } : {}),
  };
}

/** Re-throw a token endpoint failure of the code exchange as a sign-in error. */
export function exchangeFailure(e: unknown): SignInError {
  if (e instanceof TokenEndpointError) {
    const reason =
      e.error === 'redirect'
        ? 'redirect'
        : e.error === 'unreachable'
          ? 'unreachable'
          : e.error === 'invalid_answer'
            ? 'invalid_answer'
            : 'exchange';
    return new SignInError(`not signed in: ${e.message}; nothing was stored`, reason);
  }
  return new SignInError('not signed in: the code exchange failed; nothing was stored', 'exchange');
}
