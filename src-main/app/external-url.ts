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

/** Links the user's runbooks make trustworthy, besides PagerDuty's and the API's hosts. */
export interface RunbookTrust {
  /** Hosts of runbook links the user configured (Settings runbooks, an https runbook file's host). */
  hosts: Iterable<string>;
  /** Exact links main itself returned in a runbook view (the file's runbook links, alert candidates). */
  urls: Iterable<string>;
}

/**
 * Check a runbook or alert link before `shell.openExternal`: the rules of {@link checkExternalUrl}
 * (https only, no credentials, at most 2048 characters), and then the host must be PagerDuty's, the
 * configured API's, a host of a runbook link the user configured, or the link must be one main
 * itself handed to the renderer in a runbook view. A link the renderer made up is refused.
 */
export function checkRunbookUrl(raw: unknown, apiUrl: string | null, trust: RunbookTrust): ExternalUrlCheck {
  const base = checkExternalUrl(raw, apiUrl);
  if (base.ok) return base;
  if (typeof raw !== 'string' || !/ is not a PagerDuty host$/.test(base.reason)) return base;
  const url = new URL(raw);
  const host = url.hostname.toLowerCase();
  for (const h of trust.hosts) if (h.toLowerCase() === host) return { ok: true, url: url.toString() };
  const href = url.toString();
  for (const u of trust.urls) {
    try {
      if (new URL(u).toString() === href) return { ok: true, url: href };
    } catch {
      // A malformed offered link matches nothing.
    }
  }
  return { ok: false, reason: `${host} is not a PagerDuty or runbook host` };
}
