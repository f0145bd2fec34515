/**
 * The simulator's identity server: PagerDuty-like OAuth 2.0 (authorization code + PKCE S256, refresh
 * tokens, revocation) on the same origin as the REST API, so the demo, the end-to-end tests and
 * `oncall-companion login --api-url http://127.0.0.1:PORT` exercise the whole sign-in with no account.
 *
 * - `GET /oauth/authorize?response_type=code&client_id&redirect_uri&scope&state&code_challenge&
 *   code_challenge_method=S256` answers a consent page (Allow / Deny). The redirect URI must be a
 *   loopback `http:` URL (RFC 8252: any port); a bad request is a 400 page, never a redirect.
 * - `POST /oauth/authorize` (the page's form) redirects to `redirect_uri?code&state`, or
 *   `?error=access_denied&state` when denied.
 * - `POST /oauth/token` (form-encoded): `grant_type=authorization_code` (code once, within 60 s,
 *   same client and redirect URI, `code_verifier` whose SHA-256 matches the challenge) or
 *   `grant_type=refresh_token` (rotates: the old refresh token stops working). Answers
 *   `{access_token, token_type: "bearer", expires_in, refresh_token, scope, subdomain, service_region}`;
 *   errors are RFC 6749 `{error, error_description}` with 400.
 * - `POST /oauth/revoke` (form `token`) ends the grant of that access or refresh token.
 * - `POST /__sim/identity` `{accessTtlSeconds?, revokeAll?}` (control API: loopback, no Origin).
 *
 * Issued access tokens start with `pdsim+`; the REST API accepts them only while they are live
 * (other tokens keep working as before: the demo accepts any key).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../ports.js';
import { pdError, readBody, sendJson } from './http-util.js';

/** Prefix of the access tokens this server issues. */
export const SIM_ACCESS_PREFIX = 'pdsim+';
const REFRESH_PREFIX = 'pdsimr+';
const CODE_TTL_MS = 60_000;
const PENDING_TTL_MS = 10 * 60_000;

/** Options of the identity server. */
export interface IdentityOptions {
  clock: Pick<Clock, 'now'>;
  /** Access token lifetime (default 3600 s; tests set a few seconds). */
  accessTtlSeconds?: number;
  /** What the token answer says about the account. */
  subdomain?: string;
  serviceRegion?: 'us' | 'eu';
}

/** Why a bearer token is not accepted. */
export type BearerCheck = 'ok' | 'not-ours' | 'expired' | 'revoked';

interface Grant {
  id: number;
  clientId: string;
  scope: string;
  refreshToken: string;
  revoked: boolean;
}

interface Pending {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  challenge: string;
  at: number;
}

interface Code extends Omit<Pending, 'state'> {
  at: number;
}

/** Counters the tests read (`GET /__sim/state` has the incidents; this has the sign-ins). */
export interface IdentityStats {
  codesIssued: number;
  tokensIssued: number;
  refreshes: number;
  refused: number;
  revocations: number;
  accessTtlSeconds: number;
}

/** The identity server. */
export interface SimIdentity {
  /** Whether the path is the identity server's (`/oauth/...`, `/__sim/identity`). */
  owns(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, loopback: boolean): Promise<void>;
  /** Check the bearer token of an API request. */
  checkBearer(authorization: string | undefined): BearerCheck;
  /** Throws PagerDuty's 401 for an issued token that expired or was revoked. */
  authenticate(authorization: string | undefined): void;
  setAccessTtl(seconds: number): void;
  /** Revoke every grant (a user removed the app's access in PagerDuty). */
  revokeAll(): void;
  stats(): IdentityStats;
}

const b64url = (buf: Buffer): string => buf.toString('base64url');
const token = (prefix: string): string => prefix + b64url(randomBytes(24));
/** The S256 code challenge of a verifier (RFC 7636 4.2). */
export function s256(verifier: string): string {
  return b64url(createHash('sha256').update(verifier, 'ascii').digest());
}

const CHALLENGE_RE = /^[A-Za-z0-9_-]{43,128}$/;
const VERIFIER_RE = /^[A-Za-z0-9._~-]{43,128}$/;

/** A loopback `http:` redirect URI (RFC 8252 7.3), any port, no fragment. */
export function isLoopbackRedirect(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (
      u.protocol === 'http:' &&
      (u.hostname === '127.0.0.1' || u.hostname === '[::1]' || u.hostname === 'localhost') &&
      u.hash === '' &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': "default-src 'none'; form-action 'self' http://127.0.0.1:* http://localhost:*",
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  });
  res.end(html);
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
  sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });

const controlInput = z
  .object({
    accessTtlSeconds: z.number().int().min(1).max(86_400).optional(),
    revokeAll: z.boolean().optional(),
  })
  .strict();

/** Create the identity server. */
export function createIdentity(opts: IdentityOptions): SimIdentity {
  const { clock } = opts;
  let accessTtl = opts.accessTtlSeconds ?? 3600;
  const subdomain = opts.subdomain ?? 'companion-demo';
  const region = opts.serviceRegion ?? 'us';
  const pending = new Map<string, Pending>();
  const codes = new Map<string, Code>();
  const access = new Map<string, { grant: Grant; expiresAt: number }>();
  const refresh = new Map<string, Grant>();
  const grants: Grant[] = [];
  const stats = { codesIssued: 0, tokensIssued: 0, refreshes: 0, refused: 0, revocations: 0 };

  const prune = (): void => {
    const now = clock.now();
    for (const [k, p] of pending) if (now - p.at > PENDING_TTL_MS) pending.delete(k);
    for (const [k, c] of codes) if (now - c.at > CODE_TTL_MS) codes.delete(k);
  };

  const issue = (grant: Grant): Record<string, unknown> => {
    const at = token(SIM_ACCESS_PREFIX);
    access.set(at, { grant, expiresAt: clock.now() + accessTtl * 1000 });
    stats.tokensIssued++;
    return {
      access_token: at,
      token_type: 'bearer',
      expires_in: accessTtl,
      refresh_token: grant.refreshToken,
      scope: grant.scope,
      subdomain,
      service_region: region,
    };
  };

  const revokeGrant = (g: Grant): void => {
    g.revoked = true;
    refresh.delete(g.refreshToken);
    for (const [k, a] of access) if (a.grant === g) access.delete(k);
    stats.revocations++;
  };

  const authorizePage = (res: ServerResponse, url: URL): void => {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    // Until the redirect URI is known good, errors are shown here, never sent anywhere (RFC 6749 4.1.2.1).
    if (!clientId) return sendHtml(res, 400, 'Sign-in request refused', '<p>client_id is missing.</p>');
    if (!isLoopbackRedirect(redirectUri)) {
      return sendHtml(
        res,
        400,
        'Sign-in request refused',
        '<p>The redirect URI must be a loopback http URL (127.0.0.1, any port).</p>',
      );
    }
    const state = q.get('state');
    const back = (error: string, description: string): void => {
      const to = new URL(redirectUri);
      to.searchParams.set('error', error);
      to.searchParams.set('error_description', description);
      if (state !== null) to.searchParams.set('state', state);
      res.writeHead(302, { location: to.href, 'cache-control': 'no-store' });
      res.end();
    };
    if (q.get('response_type') !== 'code') return back('unsupported_response_type', 'use response_type=code');
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !CHALLENGE_RE.test(challenge))
      return back('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
    const scope = (q.get('scope') ?? 'read').trim() || 'read';
    if (!scope.split(/\s+/).every((s) => s === 'read' || s === 'write' || s === 'openid'))
      return back('invalid_scope', 'scope must be read and/or write');
    prune();
    const requestId = b64url(randomBytes(16));
    pending.set(requestId, { clientId, redirectUri, scope, state, challenge, at: clock.now() });
    const target = new URL(redirectUri);
    sendHtml(
      res,
      200,
      'Sign in to PagerDuty (simulator)',
      `<p>The app <strong>${escapeHtml(clientId)}</strong> asks for <strong>${escapeHtml(scope)}</strong> access to the account <strong>${escapeHtml(subdomain)}</strong>.</p>` +
        `<p>You will be sent back to ${escapeHtml(target.host)}.</p>` +
        `<form method="post" action="/oauth/authorize"><input type="hidden" name="request_id" value="${requestId}">` +
        `<button type="submit" name="decision" value="allow">Allow access</button> ` +
        `<button type="submit" name="decision" value="deny">Deny</button></form>`,
    );
  };

  const decide = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req, 10_000));
    const p = pending.get(form.get('request_id') ?? '');
    if (!p)
      return sendHtml(res, 400, 'Sign-in request expired', '<p>Start the sign-in again from the app.</p>');
    pending.delete(form.get('request_id') ?? '');
    const to = new URL(p.redirectUri);
    if (p.state !== null) to.searchParams.set('state', p.state);
    if (form.get('decision') === 'allow') {
      const code = b64url(randomBytes(24));
      codes.set(code, {
        clientId: p.clientId,
        redirectUri: p.redirectUri,
        scope: p.scope,
        challenge: p.challenge,
        at: clock.now(),
      });
      stats.codesIssued++;
      to.searchParams.set('code', code);
    } else {
      to.searchParams.set('error', 'access_denied');
      to.searchParams.set('error_description', 'The user denied access');
    }
    res.writeHead(302, { location: to.href, 'cache-control': 'no-store' });
    res.end();
  };

  const tokenEndpoint = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const type = req.headers['content-type'] ?? '';
    const text = await readBody(req, 10_000);
    if (!/application\/x-www-form-urlencoded/i.test(type)) {
      stats.refused++;
      return oauthError(res, 400, 'invalid_request', 'send the form as application/x-www-form-urlencoded');
    }
    const f = new URLSearchParams(text);
    const refuse = (error: string, description: string): void => {
      stats.refused++;
      oauthError(res, 400, error, description);
    };
    const grantType = f.get('grant_type');
    if (grantType === 'authorization_code') {
      prune();
      const codeValue = f.get('code') ?? '';
      const code = codes.get(codeValue);
      // A code is single-use: any attempt spends it (RFC 6749 4.1.2).
      codes.delete(codeValue);
      if (!code) return refuse('invalid_grant', 'the authorization code is unknown, used or expired');
      if (f.get('client_id') !== code.clientId)
        return refuse('invalid_grant', 'the code was issued to another client');
      if (f.get('redirect_uri') !== code.redirectUri)
        return refuse('invalid_grant', 'redirect_uri does not match the authorization request');
      const verifier = f.get('code_verifier') ?? '';
      if (!VERIFIER_RE.test(verifier))
        return refuse('invalid_request', 'code_verifier is missing or malformed');
      if (s256(verifier) !== code.challenge)
        return refuse('invalid_grant', 'code_verifier does not match the code challenge');
      const grant: Grant = {
        id: grants.length + 1,
        clientId: code.clientId,
        scope: code.scope,
        refreshToken: token(REFRESH_PREFIX),
        revoked: false,
      };
      grants.push(grant);
      refresh.set(grant.refreshToken, grant);
      return sendJson(res, 200, issue(grant), { 'cache-control': 'no-store' });
    }
    if (grantType === 'refresh_token') {
      const old = f.get('refresh_token') ?? '';
      const grant = refresh.get(old);
      if (!grant || grant.revoked)
        return refuse('invalid_grant', 'the refresh token is invalid or was revoked');
      if (f.get('client_id') !== grant.clientId)
        return refuse('invalid_grant', 'the refresh token belongs to another client');
      refresh.delete(old);
      grant.refreshToken = token(REFRESH_PREFIX);
      refresh.set(grant.refreshToken, grant);
      stats.refreshes++;
      return sendJson(res, 200, issue(grant), { 'cache-control': 'no-store' });
    }
    return refuse('unsupported_grant_type', 'use authorization_code or refresh_token');
  };

  const revokeEndpoint = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const f = new URLSearchParams(await readBody(req, 10_000));
    const t = f.get('token') ?? '';
    const grant = access.get(t)?.grant ?? refresh.get(t);
    if (grant && !grant.revoked) revokeGrant(grant);
    // RFC 7009 2.2: an unknown token is answered 200 too.
    sendJson(res, 200, {});
  };

  const control = async (req: IncomingMessage, res: ServerResponse, loopback: boolean): Promise<void> => {
    if (!loopback || req.headers.origin !== undefined)
      throw pdError(403, 'Access Denied', 2010, [
        'The control API answers loopback requests from tools only',
      ]);
    if (req.method === 'GET')
      return sendJson(res, 200, { identity: { ...stats, accessTtlSeconds: accessTtl } });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 10_000)) || '{}');
    } catch {
      body = null;
    }
    const r = controlInput.safeParse(body);
    if (!r.success)
      throw pdError(
        400,
        'Invalid Input Provided',
        2001,
        r.error.issues.map((i) => i.message),
      );
    if (r.data.accessTtlSeconds !== undefined) accessTtl = r.data.accessTtlSeconds;
    if (r.data.revokeAll) for (const g of grants) if (!g.revoked) revokeGrant(g);
    sendJson(res, 200, { identity: { ...stats, accessTtlSeconds: accessTtl } });
  };

  const checkBearer = (authorization: string | undefined): BearerCheck => {
    const m = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '');
    if (!m || !m[1]!.startsWith(SIM_ACCESS_PREFIX)) return 'not-ours';
    const a = access.get(m[1]!);
    if (!a) return 'revoked';
    if (clock.now() >= a.expiresAt) return 'expired';
    return 'ok';
  };

  return {
    owns: (path) => path.startsWith('/oauth/') || path === '/__sim/identity',
    async handle(req, res, url, loopback) {
      const m = req.method ?? 'GET';
      if (url.pathname === '/__sim/identity') return control(req, res, loopback);
      if (url.pathname === '/oauth/authorize' && m === 'GET') return authorizePage(res, url);
      if (url.pathname === '/oauth/authorize' && m === 'POST') return decide(req, res);
      if (url.pathname === '/oauth/token' && m === 'POST') return tokenEndpoint(req, res);
      if (url.pathname === '/oauth/revoke' && m === 'POST') return revokeEndpoint(req, res);
      throw pdError(404, 'Not Found', 2100);
    },
    checkBearer,
    authenticate(authorization) {
      const c = checkBearer(authorization);
      if (c === 'expired') throw pdError(401, 'Authentication failed', 2006, ['The access token expired']);
      if (c === 'revoked')
        throw pdError(401, 'Authentication failed', 2006, ['The access token was revoked']);
    },
    setAccessTtl(seconds) {
      accessTtl = seconds;
    },
    revokeAll() {
      for (const g of grants) if (!g.revoked) revokeGrant(g);
    },
    stats: () => ({ ...stats, accessTtlSeconds: accessTtl }),
  };
}
