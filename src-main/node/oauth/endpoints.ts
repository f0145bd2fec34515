/**
 * Where a sign-in goes: PagerDuty's identity server by default, or, for a compatible server given
 * with `--api-url` (the simulator), the same origin's `/oauth/authorize`, `/oauth/token` and
 * `/oauth/revoke`; `--identity-url` overrides either. The API URL after sign-in comes from the token
 * answer's `service_region` (US or EU) for PagerDuty, so the user never picks one.
 */
import { EU_BASE_URL, US_BASE_URL } from '../../core/pagerduty/client.js';

/** PagerDuty's identity server (OAuth 2.0 for every service region). */
export const PAGERDUTY_IDENTITY_URL = 'https://identity.pagerduty.com';

/**
 * The project's OAuth client ID (a PagerDuty "Classic User OAuth" app with PKCE and no secret, redirect
 * `http://127.0.0.1/callback`). An account whose admin requires its own app sets `ONCALL_OAUTH_CLIENT_ID`
 * / `--client-id` (headless) or Settings -> Sign in -> Client ID; see the README.
 */
export const DEFAULT_CLIENT_ID = 'oncall-companion-desktop';

/** The identity server's endpoints. */
export interface IdentityEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  /** Where the REST API is once signed in: null means "from the token answer's region". */
  apiUrl: string | null;
}

const PAGERDUTY_API_HOSTS = new Set([new URL(US_BASE_URL).host, new URL(EU_BASE_URL).host]);

/** Thrown for a URL that cannot be an identity server (the message names the fix). */
export class IdentityUrlError extends Error {}

function originOf(raw: string, flag: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new IdentityUrlError(`${flag} must be a full URL such as https://identity.pagerduty.com`);
  }
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (!(u.protocol === 'https:' || (u.protocol === 'http:' && local)))
    throw new IdentityUrlError(`${flag} must use https:// (plain http only for 127.0.0.1 or localhost)`);
  return u.origin;
}

/** The endpoints for the flags: `apiUrl` (a compatible server) and `identityUrl` (its identity server). */
export function identityEndpoints(opts: {
  apiUrl?: string | null;
  identityUrl?: string | null;
}): IdentityEndpoints {
  const api = opts.apiUrl ? opts.apiUrl.replace(/\/+$/, '') : null;
  const custom = api !== null && !PAGERDUTY_API_HOSTS.has(new URL(api).host);
  const origin = opts.identityUrl
    ? originOf(opts.identityUrl, '--identity-url')
    : custom
      ? originOf(api, '--api-url')
      : PAGERDUTY_IDENTITY_URL;
  return {
    authorize: `${origin}/oauth/authorize`,
    token: `${origin}/oauth/token`,
    revoke: `${origin}/oauth/revoke`,
    apiUrl: custom ? api : null,
  };
}

/** The REST API of a PagerDuty service region (`us`, `eu`); anything else is refused. */
export function apiUrlForRegion(region: string | undefined): string | null {
  if (region === undefined || region === '' || region.toLowerCase() === 'us') return US_BASE_URL;
  if (region.toLowerCase() === 'eu') return EU_BASE_URL;
  return null;
}
