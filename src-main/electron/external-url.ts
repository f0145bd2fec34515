/**
 * Which URLs may leave the app for the system browser: `https:` only, on PagerDuty's hosts or on the
 * host of the API server the user configured. Everything else is refused with a reason.
 */

/** Result of checking a URL. */
export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Hosts trusted besides the configured API's. */
const PROVIDER_SUFFIX = '.pagerduty.com';

function isProviderHost(host: string): boolean {
  return host === 'pagerduty.com' || host.endsWith(PROVIDER_SUFFIX);
}

/**
 * Check `raw` before `shell.openExternal`. `apiUrl` is the configured API base (custom servers are
 * trusted for their own host only); pass null for the demo source.
 */
export function checkExternalUrl(raw: unknown, apiUrl: string | null): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'no link to open' };
  if (raw.length > 2048) return { ok: false, reason: 'the link is too long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'the link is not a valid URL' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `only https: links are opened (got ${url.protocol})` };
  if (url.username || url.password) return { ok: false, reason: 'links with credentials are not opened' };
  const host = url.hostname.toLowerCase();
  if (isProviderHost(host)) return { ok: true, url: url.toString() };
  if (apiUrl) {
    try {
      const api = new URL(apiUrl);
      if (api.hostname.toLowerCase() === host) return { ok: true, url: url.toString() };
    } catch {
      // A malformed configured URL trusts nothing extra.
    }
  }
  return { ok: false, reason: `${host} is not a PagerDuty host` };
}
