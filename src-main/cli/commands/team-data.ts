/**
 * What `load` and `review` share: the budget file, the team, the team history store in the source's
 * data folder (`<data dir>/<source>/team-history/`), filling it from PagerDuty for the weeks asked
 * (with progress on stderr; `--offline` skips that), and the load computed over it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localTime, systemTimeZone } from '../../core/history/local-time.js';
import { systemClock, systemTimers } from '../../core/ports.js';
import { formatOf, nameOf } from '../../core/runbooks/format.js';
import { DEMO_TEAM } from '../../core/simulator/index.js';
import { backfillTeam } from '../../core/team/backfill.js';
import { DEFAULT_BUDGET, parseBudgetFile, type BudgetFile } from '../../core/team/budget.js';
import { crossCheck, type CrossCheck } from '../../core/team/cross-check.js';
import { computeTeamLoad, TREND_WEEKS } from '../../core/team/load.js';
import { openTeamStore } from '../../core/team/store.js';
import { createTeamApi, type TeamRef } from '../../core/team/team-api.js';
import { DEFAULT_TEAM_SETTINGS, type TeamLoad, type TeamLoadSettings } from '../../core/team/types.js';
import type { WeekSpan } from '../../core/team/weeks.js';
import { openFileAppendLog } from '../../node/append-log.js';
import type { TeamCommandOptions } from '../args.js';
import { UsageError } from '../args.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { createProgressPrinter } from '../progress.js';
import {
  EXIT_INTERRUPTED,
  openWithToken,
  readToken,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';
import { retried } from './backfill.js';

const WEEK_MS = 7 * 86_400_000;

/** Where a source's team history lives. */
export function teamHistoryPath(sourceDataDir: string): string {
  return join(sourceDataDir, 'team-history', 'team-pages.jsonl');
}

/** Read and check the budget file (or the default budget). */
export async function readBudget(cmd: string, path: string | null): Promise<BudgetFile> {
  if (path === null) return { team: null, budget: { ...DEFAULT_BUDGET }, settings: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(
      `the budget file ${path} ${code === 'ENOENT' ? 'does not exist' : 'cannot be read'}: give the path of a YAML or JSON budget file`,
      cmd,
    );
  }
  const parsed = parseBudgetFile(text, formatOf(path), nameOf(path));
  if (!parsed.ok) throw new CliError(`bad budget file: ${parsed.error}`, EXIT_USAGE);
  return parsed.file;
}

function findTeam(teams: readonly TeamRef[], wanted: string): TeamRef | undefined {
  const w = wanted.trim().toLowerCase();
  return teams.find((t) => t.id === wanted.trim()) ?? teams.find((t) => t.name.toLowerCase() === w);
}

/** The load of the weeks `weeksOf` picks, after filling the store for them. */
export async function teamLoad(
  name: 'load' | 'review',
  cmd: TeamCommandOptions,
  ctx: CliContext,
  weeksOf: (timeZone: string, now: number) => WeekSpan[],
): Promise<{ load: TeamLoad; crossCheck: CrossCheck | null }> {
  const file = await readBudget(name, cmd.budgetFile);
  const timeZone = cmd.timeZone ?? file.settings.timeZone ?? systemTimeZone();
  localTime(timeZone);
  const settings: TeamLoadSettings = { ...DEFAULT_TEAM_SETTINGS, ...file.settings, timeZone };
  const token = await readToken(name, cmd.source, ctx.env, ctx.logger);
  const opened = await openWithToken(
    name,
    token,
    cmd.source,
    ctx,
    token === null ? { scenario: 'none' } : {},
  );
  return withSource(opened, async () => {
    const log = await openFileAppendLog(teamHistoryPath(opened.dataDir), { logger: ctx.logger });
    const store = await openTeamStore(log, ctx.logger);
    try {
      const teamApi = createTeamApi({
        baseUrl: opened.source.apiUrl,
        token: token ?? 'demo',
        fetch: globalThis.fetch.bind(globalThis),
        logger: ctx.logger,
      });
      const now = systemClock.now();
      const weeks = weeksOf(timeZone, now);
      const wanted = cmd.team ?? file.team;
      let team: TeamRef | null = null;
      if (cmd.offline) {
        if (wanted !== null) {
          if (!store.pages().some((p) => p.teamIds.includes(wanted)))
            throw new CliError(
              `no team "${wanted}" in the stored team history: run without --offline to fetch it, and give the team's id`,
              EXIT_USAGE,
            );
          team = { id: wanted, name: wanted };
        }
      } else {
        if (wanted !== null || cmd.services.length === 0) {
          const teams = (
            await unlessStopped(
              ctx,
              retried(() => teamApi.listTeams()),
            )
          ).items;
          const pick =
            wanted !== null
              ? findTeam(teams, wanted)
              : token === null
                ? findTeam(teams, DEMO_TEAM.id)
                : teams.length === 1
                  ? teams[0]
                  : undefined;
          if (!pick) {
            const names =
              teams
                .map((t) => t.name)
                .slice(0, 20)
                .join(', ') || 'none';
            throw new CliError(
              wanted !== null
                ? `no team "${wanted}" on ${teamApi.host}: use a team name or id (teams: ${names})`
                : `name the team: --team NAME, or --services IDS (teams on ${teamApi.host}: ${names})`,
              EXIT_USAGE,
            );
          }
          team = pick;
        }
        const first = weeks[0]!;
        const last = weeks[weeks.length - 1]!;
        const progress = createProgressPrinter({ write: ctx.err, tty: ctx.errTty });
        const abort = new AbortController();
        void ctx.stopped.then(() => abort.abort());
        try {
          const got = await backfillTeam(
            opened.api,
            teamApi,
            {
              account: teamApi.host,
              teamId: team?.id ?? null,
              serviceIds: cmd.services,
              since: first.since - TREND_WEEKS * WEEK_MS,
              until: Math.min(last.until, now),
            },
            {
              clock: systemClock,
              timers: systemTimers,
              logger: ctx.logger,
              signal: abort.signal,
              // The embedded simulator needs no pacing; PagerDuty gets a quarter of its rate limit.
              minIntervalMs: token === null ? 0 : 250,
              onProgress: (p) => progress.update(p),
            },
          );
          store.upsertPages(got.pages);
          store.upsertSpans(got.spans);
          await store.flush();
        } catch (err) {
          if (abort.signal.aborted)
            throw new CliError('interrupted; what was fetched is kept', EXIT_INTERRUPTED);
          throw err;
        } finally {
          progress.end();
        }
      }
      const load = computeTeamLoad(store.pages(), store.spans(), {
        teamId: team?.id ?? null,
        serviceIds: cmd.services,
        team,
        account: cmd.offline ? null : teamApi.host,
        weeks,
        settings,
        budget: file.budget,
      });
      const label = team ? `team ${team.name}` : `services ${cmd.services.join(', ')}`;
      if (load.totals.pages === 0) {
        ctx.err(
          `oncall-companion: no pages for ${label} from ${weeks[0]!.week} to ${weeks[weeks.length - 1]!.week} ` +
            `(${timeZone}): nothing to rate; check the team, --services or --weeks\n`,
        );
      }
      let check: CrossCheck | null = null;
      if (!cmd.offline && load.totals.pages > 0) {
        const analytics = await teamApi
          .analyticsIncidents({
            since: new Date(weeks[0]!.since).toISOString(),
            until: new Date(weeks[weeks.length - 1]!.until).toISOString(),
            ...(team ? { teamIds: [team.id] } : { serviceIds: cmd.services }),
          })
          .catch((e: unknown) => {
            ctx.logger.warn('analytics cross-check failed', {
              error: e instanceof Error ? e.message : String(e),
            });
            return null;
          });
        if (analytics) check = crossCheck(load, analytics, now);
      }
      return { load, crossCheck: check };
    } finally {
      await store.close();
    }
  });
}
