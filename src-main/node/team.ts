/**
 * The Team view's service over the current source in plain Node (preview, CLI, Electron main): one
 * team store for every account (`<data dir>/team-history/team-pages.jsonl`, records carry their
 * account), reads through the source's client and a team client for the same server and token.
 * `fileTeamPort` is the runtime's port over it (Electron main and the preview both use it): the
 * budget comes from Settings (`teamBudget`, the budget file's format), the live feed from the runtime.
 */
import { isSignInToken } from '../app/signin.js';
import { join } from 'node:path';
import { systemClock, systemTimers, type Logger } from '../core/ports.js';
import { systemTimeZone } from '../core/history/local-time.js';
import { DEMO_TEAM } from '../core/simulator/index.js';
import type { TeamPort } from '../app/runtime.js';
import { DEFAULT_BUDGET, settingsBudget } from '../core/team/budget.js';
import { createTeamService, type TeamService } from '../core/team/service.js';
import type { TeamBudget, TeamLoadSettings } from '../core/team/types.js';
import { openTeamStore } from '../core/team/store.js';
import { createTeamApi, type TeamApi } from '../core/team/team-api.js';
import { openFileAppendLog } from './append-log.js';
import type { OpenedSource } from './source.js';

/** The service and how to close its store. */
export interface FileTeamService {
  service: TeamService;
  close(): Promise<void>;
}

/** Opens the team store in `baseDataDir` and a service reading the source `current()` names. */
export async function openFileTeamService(o: {
  baseDataDir: string;
  logger: Logger;
  /** The current source and its token (null for the demo). */
  current: () => { opened: Pick<OpenedSource, 'api' | 'source'>; token: string | null };
  timeZone?: () => string;
  /** The budget text (Settings' `teamBudget`); empty or absent: the default levels. */
  budget?: () => string;
}): Promise<FileTeamService> {
  const log = await openFileAppendLog(join(o.baseDataDir, 'team-history', 'team-pages.jsonl'), {
    logger: o.logger,
  });
  const store = await openTeamStore(log, o.logger);
  let cached: { key: string; api: TeamApi } | null = null;
  const service = createTeamService({
    store,
    clock: systemClock,
    timers: systemTimers,
    logger: o.logger,
    settings: () => ({ timeZone: o.timeZone?.() ?? systemTimeZone(), ...budgetOf(o.budget?.()).settings }),
    budget: () => budgetOf(o.budget?.()).budget,
    source() {
      const { opened, token } = o.current();
      // A window's sign-in is an opaque bundle (refresh token included), never a header value.
      if (isSignInToken(token))
        throw new Error(
          'the Team view reads with an API token for now: paste one in Settings to see team load',
        );
      const demo = opened.source.kind === 'demo';
      const key = `${opened.source.apiUrl}|${token ?? ''}`;
      if (!cached || cached.key !== key) {
        cached = {
          key,
          api: createTeamApi({
            baseUrl: opened.source.apiUrl,
            token: token ?? 'demo',
            fetch: globalThis.fetch.bind(globalThis),
            logger: o.logger,
          }),
        };
      }
      return {
        api: opened.api,
        teamApi: cached.api,
        // The budget's `team` (a name or id) is the one shown first; else the demo's own.
        defaultTeamId: budgetOf(o.budget?.()).team ?? (demo ? DEMO_TEAM.id : null),
        minIntervalMs: demo ? 0 : 250,
      };
    },
  });
  return { service, close: () => store.close() };
}

/** The Settings budget as the service reads it (saved settings were validated: a bad one cannot be). */
function budgetOf(text: string | undefined): {
  team: string | null;
  budget: TeamBudget;
  settings: Partial<TeamLoadSettings>;
} {
  const r = settingsBudget(text ?? '');
  return r.ok ? r.file : { team: null, budget: { ...DEFAULT_BUDGET }, settings: {} };
}

/** The runtime's team port: one file team store in `baseDataDir`, over the running source. */
export function fileTeamPort(baseDataDir: string, logger: Logger): TeamPort {
  return {
    open: (ctx) =>
      openFileTeamService({
        baseDataDir,
        logger,
        budget: () => ctx.settings().teamBudget,
        current: () => {
          const s = ctx.source();
          if (!s?.api || !s.source)
            throw new Error('the incident source is not running yet; try again in a moment');
          return {
            opened: { api: s.api, source: s.source },
            token: s.source.kind === 'demo' ? null : ctx.token(),
          };
        },
      }),
  };
}
