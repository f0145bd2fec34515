/**
 * The Team view's data in a running app: resolves the team, fills the team store from the source for
 * the weeks asked (at most once every few minutes per team and range), and computes the load with the
 * trend, the budget and the Analytics cross-check. Failures come back as a message, never a throw.
 * Between backfills the live feed keeps the store current: `record` takes every core event of the
 * running companion (core/team/live.ts; no request of its own), and the week in progress is shown
 * from what it recorded.
 */
import type { CoreEvent } from '../events.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { Clock, Logger, Timers } from '../ports.js';
import { backfillTeam } from './backfill.js';
import { DEFAULT_BUDGET } from './budget.js';
import { crossCheck, type CrossCheck } from './cross-check.js';
import { isIncidentEvent, livePage } from './live.js';
import { computeTeamLoad, TREND_WEEKS } from './load.js';
import { buildReview, type OperationsReview } from './review.js';
import type { TeamStore } from './store.js';
import type { TeamApi, TeamRef } from './team-api.js';
import {
  DEFAULT_TEAM_SETTINGS,
  type TeamBudget,
  type TeamLoad,
  type TeamLoadSettings,
  type WeekLoad,
} from './types.js';
import { lastCompleteWeeks, mondayOf, weeksEndingAt } from './weeks.js';

/** What the Team view asks. */
export interface TeamLoadRequest {
  /** Team id or name; null = the default team. */
  team: string | null;
  weeks: number;
}

/** What the Team view shows. */
export interface TeamView {
  teams: TeamRef[];
  team: TeamRef | null;
  load: TeamLoad | null;
  /** The weekly review of the last week shown (built here, in main: the window only displays it). */
  review: OperationsReview | null;
  crossCheck: CrossCheck | null;
  /**
   * The week in progress so far, from the store: the pages the live feed recorded (the companion's
   * own view: its filters decide which pages it sees); null without a team.
   */
  thisWeek: WeekLoad | null;
  /** Why there is nothing (or little) to show, in words; null when fine. */
  message: string | null;
}

/** The source the service reads. */
export interface TeamSource {
  api: PagerDutyApi;
  teamApi: TeamApi;
  /** The team to show when none is asked (the demo's). */
  defaultTeamId: string | null;
  /** Pace calls (ms between them): 0 for the embedded simulator. */
  minIntervalMs: number;
}

/** Options of {@link createTeamService}. */
export interface TeamServiceOptions {
  source(): TeamSource;
  store: TeamStore;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  settings?: () => Partial<TeamLoadSettings> & { timeZone: string };
  budget?: () => TeamBudget;
  /** Re-fetch a range after this long (default 5 minutes). */
  refreshMs?: number;
}

/** The service. */
export interface TeamService {
  getTeamLoad(req: TeamLoadRequest | null): Promise<TeamView>;
  /** The live feed: an event of the running companion (incident events update the team store). */
  record(event: CoreEvent): void;
}

const WEEK_MS = 7 * 86_400_000;

/** Creates the service. */
export function createTeamService(o: TeamServiceOptions): TeamService {
  const fetched = new Map<string, number>();
  const refreshMs = o.refreshMs ?? 5 * 60_000;
  let teamsCache: { at: number; teams: TeamRef[]; host: string } | null = null;
  let inflight: Promise<TeamView> | null = null;

  const run = async (req: TeamLoadRequest): Promise<TeamView> => {
    const src = o.source();
    const now = o.clock.now();
    if (!teamsCache || teamsCache.host !== src.teamApi.host || now - teamsCache.at > refreshMs)
      teamsCache = { at: now, teams: (await src.teamApi.listTeams()).items, host: src.teamApi.host };
    const teams = teamsCache.teams;
    const wanted = req.team ?? src.defaultTeamId;
    const w = wanted?.trim().toLowerCase() ?? '';
    const team =
      teams.find((t) => t.id === wanted) ??
      teams.find((t) => t.name.toLowerCase() === w) ??
      (wanted === null && teams.length === 1 ? teams[0]! : null);
    if (!team) {
      return {
        teams,
        team: null,
        load: null,
        review: null,
        crossCheck: null,
        thisWeek: null,
        message:
          wanted === null
            ? 'Choose a team to see its load.'
            : `There is no team "${wanted}" on ${src.teamApi.host}; choose one of the list.`,
      };
    }
    const settings: TeamLoadSettings = {
      ...DEFAULT_TEAM_SETTINGS,
      ...(o.settings?.() ?? { timeZone: 'UTC' }),
    };
    const weeks = lastCompleteWeeks(now, req.weeks, settings.timeZone);
    const since = weeks[0]!.since - TREND_WEEKS * WEEK_MS;
    const until = Math.min(now, weeks[weeks.length - 1]!.until);
    const key = `${src.teamApi.host}|${team.id}|${since}|${until}`;
    const last = fetched.get(key);
    if (last === undefined || now - last > refreshMs) {
      const got = await backfillTeam(
        src.api,
        src.teamApi,
        { account: src.teamApi.host, teamId: team.id, serviceIds: [], since, until },
        {
          clock: o.clock,
          timers: o.timers,
          logger: o.logger,
          minIntervalMs: src.minIntervalMs,
          what: 'team view',
        },
      );
      o.store.upsertPages(got.pages);
      o.store.upsertSpans(got.spans);
      await o.store.flush();
      fetched.set(key, now);
    }
    const query = {
      teamId: team.id,
      team,
      account: src.teamApi.host,
      settings,
      budget: o.budget?.() ?? DEFAULT_BUDGET,
    };
    const load = computeTeamLoad(o.store.pages(), o.store.spans(), { ...query, weeks });
    const current = computeTeamLoad(o.store.pages(), o.store.spans(), {
      ...query,
      weeks: weeksEndingAt(mondayOf(now, settings.timeZone), 1, settings.timeZone),
    }).weeks[0];
    let check: CrossCheck | null = null;
    if (load.totals.pages > 0) {
      const analytics = await src.teamApi
        .analyticsIncidents({
          since: new Date(weeks[0]!.since).toISOString(),
          until: new Date(weeks[weeks.length - 1]!.until).toISOString(),
          teamIds: [team.id],
        })
        .catch(() => null);
      if (analytics) check = crossCheck(load, analytics, now);
    }
    return {
      teams,
      team,
      load,
      review: load.weeks.length ? buildReview({ ...load, weeks: load.weeks.slice(-1) }) : null,
      crossCheck: check,
      thisWeek: current ?? null,
      message:
        load.totals.pages === 0
          ? `No pages for ${team.name} from ${weeks[0]!.week} to ${weeks[weeks.length - 1]!.week}.`
          : null,
    };
  };

  return {
    async getTeamLoad(req) {
      const r = { team: req?.team ?? null, weeks: req?.weeks ?? 8 };
      // One fetch at a time: a second call while one runs waits for it, then asks again.
      while (inflight) await inflight.catch(() => null);
      inflight = run(r);
      try {
        return await inflight;
      } finally {
        inflight = null;
      }
    },
    record(event) {
      if (!isIncidentEvent(event)) return;
      let account: string;
      try {
        account = o.source().teamApi.host;
      } catch {
        return; // no source yet: the next backfill finds the page
      }
      const page = livePage(account, event, o.store.page(account, event.incident.id));
      if (page) o.store.upsertPages([page]);
    },
  };
}

/** A history object (the preview's) that also answers `getTeamLoad`. */
export function withTeamLoad<T extends object>(history: T | null, team: TeamService): T {
  const target = (history ?? {}) as T;
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'getTeamLoad') return (req: TeamLoadRequest | null) => team.getTeamLoad(req);
      const v = Reflect.get(t, key, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}
