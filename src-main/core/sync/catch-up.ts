/**
 * The catch-up after a gap (laptop sleep, app stopped, outage): which pages came to me and went away
 * while nobody was looking. PagerDuty clears the assignments of a resolved incident, so
 * `GET /incidents?user_ids[]=me&statuses[]=resolved` never returns them ("resolved incidents are not
 * assigned to any user", per the API reference). Instead: list every incident resolved since the gap
 * began (narrowed by the user's service/team/urgency filters), then confirm each unknown one as mine
 * from its log (assign/escalate entries naming me). The log check is bounded (`CATCH_UP_CHECK_MAX`
 * candidates, those of my escalation policies first, then the newest), so a gap costs at most one
 * listing plus that many small reads.
 * Limitations: a page that came to me and was then reassigned away (not resolved) during the gap is
 * not reported; the log read is the overview (`is_overview=true`, as the timeline uses), which on
 * PagerDuty lists assignments and escalations; a server that left them out would hide such a page.
 */
import type { Incident, User } from '../domain.js';
import type { IncidentQuery, PagerDutyApi } from '../pagerduty/api.js';
import type { Logger } from '../ports.js';
import type { Filters } from '../settings.js';
import { classifyError } from './errors.js';

/** How far before the last good poll the catch-up reaches. */
export const CATCH_UP_MARGIN_MS = 60_000;
/** The catch-up looks back at most this far (a long stop would otherwise list days of the account). */
export const CATCH_UP_MAX_LOOKBACK_MS = 24 * 3_600_000;
/** Most unknown resolved incidents whose log is read in one catch-up (newest first). */
export const CATCH_UP_CHECK_MAX = 20;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The catch-up listing: incidents resolved (by anyone) created since shortly before the gap began. */
export function catchUpQuery(filters: Filters, lastGoodPollAt: number, now: number): IncidentQuery {
  const q: IncidentQuery = {
    statuses: ['resolved'],
    since: iso(Math.max(lastGoodPollAt - CATCH_UP_MARGIN_MS, now - CATCH_UP_MAX_LOOKBACK_MS)),
    until: iso(now + 60_000),
    limit: 100,
    include: [],
  };
  if (filters.teamIds.length > 0) q.teamIds = [...filters.teamIds];
  if (filters.serviceIds.length > 0) q.serviceIds = [...filters.serviceIds];
  if (filters.urgencies.length === 1) q.urgencies = [...filters.urgencies];
  return q;
}

/** What `missedPages` needs. */
export interface MissedPagesDeps {
  api: Pick<PagerDutyApi, 'listLogEntries'>;
  /** Runs one API call under the engine's deadline and stop signal. */
  call: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  logger: Logger;
  me: User;
  /** Escalation policies I am (or was) on call for: their incidents are checked first. */
  myPolicyIds?: ReadonlySet<string>;
}

/**
 * Of resolved incidents nobody reported yet (`unknown`), those that were mine: assigned to me in the
 * listing (servers that keep assignments), or named by an assign/escalate entry of their log. The
 * returned copies carry me as assignee when the listing had none, so "my page" stays known.
 */
export async function missedPages(unknown: readonly Incident[], deps: MissedPagesDeps): Promise<Incident[]> {
  const { me } = deps;
  const meRef = { id: me.id, summary: me.name, email: me.email };
  const mine = deps.myPolicyIds ?? new Set<string>();
  const rank = (i: Incident): number => (i.escalationPolicy && mine.has(i.escalationPolicy.id) ? 0 : 1);
  // My policies' incidents first, then the newest: the likeliest pages of mine within the budget.
  const newest = [...unknown].sort(
    (a, b) => rank(a) - rank(b) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0),
  );
  const out: Incident[] = [];
  let checked = 0;
  let direct = 0;
  for (const i of newest) {
    if (i.assignees.some((a) => a.id === me.id)) {
      out.push(i);
      direct += 1;
      continue;
    }
    if (checked >= CATCH_UP_CHECK_MAX) continue;
    checked += 1;
    try {
      const log = await deps.call((signal) => deps.api.listLogEntries(i.id, { signal }));
      const mine = log.items.some((e) => e.assignees?.some((a) => a.id === me.id));
      if (mine) out.push({ ...i, assignees: i.assignees.length > 0 ? i.assignees : [meRef] });
    } catch (e) {
      deps.logger.warn('catch-up: could not read the log of a resolved incident; not reporting it', {
        incidentId: i.id,
        error: classifyError(e).message,
      });
    }
  }
  const unchecked = newest.length - direct - checked;
  if (unchecked > 0) {
    deps.logger.info('catch-up: many incidents were resolved during the gap; checked only the newest', {
      checked,
      unchecked,
    });
  }
  return out;
}
