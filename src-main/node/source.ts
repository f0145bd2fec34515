/**
 * Opens the app's data source in plain Node: the embedded simulator (demo, no token) or a PagerDuty
 * account (token + API URL), each with the real client, the engine and its own data folder. Shared by
 * the headless command, the browser preview and the Electron shell.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createCompanion } from '../core/companion.js';
import { meterFetch } from '../core/sync/request-meter.js';
import type { Companion } from '../core/companion-types.js';
import type { PagerDutyApi } from '../core/pagerduty/api.js';
import type { ScheduleApi } from '../core/pagerduty/schedules.js';
import { createPagerDutyClient } from '../core/pagerduty/index.js';
import { systemClock, systemTimers, type FetchLike, type Logger } from '../core/ports.js';
import { coreSettingsSchema, defaultCoreSettings, REGION_URLS, type CoreSettings } from '../core/settings.js';
import { startSimulator, type Simulator } from '../core/simulator/index.js';
import { createFileJournal } from './delivery-journal.js';
import { createFileStore } from './file-store.js';
import { makeDir } from './make-dir.js';
import { sessionForToken } from './oauth/host.js';
import { SESSION_TOKEN_PLACEHOLDER } from './oauth/session.js';
import { isSignInToken } from '../app/signin.js';
import { processAlive } from './process-alive.js';

export type { Simulator };

/** Where the data comes from, as the snapshot reports it. */
export interface SourceInfo {
  kind: 'demo' | 'pagerduty';
  apiUrl: string;
}

/** What {@link openSource} needs. */
export interface OpenSourceOptions {
  /** PagerDuty API token; null starts the embedded simulator (demo). */
  token: string | null;
  /** PagerDuty API base URL (default US); ignored in demo mode. */
  apiUrl?: string;
  /** `From` email for writes (required by account-level keys). */
  fromEmail?: string | null;
  /** Demo scenario of the embedded simulator. */
  scenario?: 'demo' | 'storm' | 'quiet' | 'none';
  seed?: number;
  speed?: number;
  pollIntervalSeconds?: number;
  /** Base data folder; each source gets its own sub-folder of it. */
  dataDir: string;
  logger: Logger;
  /** Settings to start from (the shell's); the source and poll interval given here override them. */
  settings?: CoreSettings;
  /** `bearer` for a signed-in account (OAuth), whose `fetch` puts the live access token on each request. */
  authScheme?: 'token' | 'bearer';
  /** The fetch the client uses (default the global one; a sign-in's session refreshes its token). */
  fetch?: FetchLike;
  /** With a window's sign-in token (`oauth:`): where its refreshed tokens go, and its sign-out. */
  saveSignIn?: (token: string) => void;
  onSignedOut?: (message: string) => void;
}

/** An opened source. The companion is NOT started: subscribe first, then call `companion.start()`. */
export interface OpenedSource {
  companion: Companion;
  /** The PagerDuty client the companion uses (for one-off calls such as a history backfill). */
  api: PagerDutyApi;
  /** Schedules and overrides (the same client). */
  schedules: ScheduleApi;
  simulator: Simulator | null;
  source: SourceInfo;
  /** The data folder this source uses. */
  dataDir: string;
  /** Stop the companion (persisting its state) and the embedded simulator. Safe to call twice. */
  close(): Promise<void>;
}

/** Thrown when the token cannot be used as given (the message names the fix, never the token). */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Open the source: a client pointed at PagerDuty or at a freshly started embedded simulator. */
export async function openSource(opts: OpenSourceOptions): Promise<OpenedSource> {
  const { logger } = opts;
  let simulator: Simulator | null = null;
  let token: string;
  let source: SourceInfo;
  if (opts.token === null) {
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      scenario: opts.scenario ?? 'demo',
      // The demo account also has a team's past weeks (the Team view, load and review).
      teamHistory: 'demo',
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.speed !== undefined ? { speed: opts.speed } : {}),
      logger,
    });
    // Demo mode runs the real client against the simulator, with the simulator's demo token.
    token = 'demo';
    source = { kind: 'demo', apiUrl: simulator.url };
    logger.info('demo source: embedded simulator started', { url: simulator.url });
  } else if (isSignInToken(opts.token)) {
    // A window's sign-in: the session puts the live access token on every request and refreshes it.
    const signed = sessionForToken(opts.token, {
      fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
      logger,
      ...(opts.saveSignIn ? { save: opts.saveSignIn } : {}),
      ...(opts.onSignedOut ? { onSignedOut: opts.onSignedOut } : {}),
    });
    if (!signed) throw new SourceError('the saved sign-in is damaged: sign in with PagerDuty again');
    token = SESSION_TOKEN_PLACEHOLDER;
    opts = { ...opts, fetch: signed.session.fetch, authScheme: 'bearer' };
    source = { kind: 'pagerduty', apiUrl: trimSlash(signed.tokens.apiUrl) };
  } else {
    token = checkToken(opts.token);
    source = { kind: 'pagerduty', apiUrl: trimSlash(opts.apiUrl ?? REGION_URLS.us) };
  }

  try {
    let dataDir = sourceDataDir(opts.dataDir, source);
    await makeDir(dataDir, 0o700);
    if (source.kind === 'demo') dataDir = await demoRunDir(dataDir);

    const base = opts.settings ?? defaultCoreSettings();
    const settings = coreSettingsSchema.parse({
      ...base,
      source:
        source.kind === 'demo'
          ? { kind: 'demo', scenario: opts.scenario && opts.scenario !== 'none' ? opts.scenario : 'demo' }
          : {
              kind: 'pagerduty',
              region: 'custom',
              apiUrl: source.apiUrl,
              ...(opts.fromEmail ? { fromEmail: opts.fromEmail } : {}),
            },
      pollIntervalSeconds: opts.pollIntervalSeconds ?? base.pollIntervalSeconds,
    });

    // Every request of this account's client is counted: Settings shows the measured rate.
    const meter = meterFetch(opts.fetch ?? globalThis.fetch.bind(globalThis), systemClock);
    const api = createPagerDutyClient({
      baseUrl: source.apiUrl,
      token,
      fromEmail: opts.fromEmail ?? null,
      fetch: meter.fetch,
      ...(opts.authScheme && source.kind === 'pagerduty' ? { authScheme: opts.authScheme } : {}),
      logger,
    });
    const companion = createCompanion({
      api,
      settings,
      // With the logger: a damaged state file moved aside is said on stderr, not only in the status.
      store: createFileStore(dataDir, { logger }),
      journal: createFileJournal(dataDir),
      clock: systemClock,
      timers: systemTimers,
      logger,
      source,
      fromEmail: opts.fromEmail ?? undefined,
      schedules: api,
      work: api,
      directory: api,
      requestRate: meter.rate,
    });

    let closing: Promise<void> | null = null;
    const sim = simulator;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        try {
          await companion.stop();
        } finally {
          await sim?.close();
          // The simulator's state is gone, so the demo run's state is of no further use.
          if (source.kind === 'demo') await rm(dataDir, { recursive: true, force: true }).catch(() => {});
        }
      })());
    return { companion, api, schedules: api, simulator, source, dataDir, close };
  } catch (err) {
    await simulator?.close();
    throw err;
  }
}

/**
 * A fresh state folder for one demo run (`demo/run-<pid>-<random>`): the simulator starts from scratch
 * each run, so old state would only confuse the engine, and two demo runs (CLI and app) never share
 * one. Folders of runs whose process is gone are removed.
 */
async function demoRunDir(demoDir: string): Promise<string> {
  for (const name of await readdir(demoDir).catch(() => [] as string[])) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) {
      await rm(join(demoDir, name), { recursive: true, force: true }).catch(() => {});
    }
  }
  return mkdtemp(join(demoDir, `run-${process.pid}-`));
}

/** Check a token read from the environment or a file: trimmed, one line, printable. */
export function checkToken(raw: string): string {
  const token = raw.trim();
  if (token === '') {
    throw new SourceError(
      'the PagerDuty token is empty: put the API key in PAGERDUTY_TOKEN or the --token-file',
    );
  }
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new SourceError(
      'the PagerDuty token contains spaces or control characters: the token file must hold only the API key',
    );
  }
  return token;
}

/**
 * The default base data folder: `$XDG_DATA_HOME/oncall-companion` or `~/.local/share/oncall-companion`
 * on Linux, `~/Library/Application Support/oncall-companion` on macOS, `%APPDATA%\oncall-companion` on Windows.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const app = 'oncall-companion';
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', app);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), app);
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says relative values are to be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, app);
  return join(home, '.local', 'share', app);
}

/** The sub-folder of one source: `demo` (one `run-*` folder per run inside), or `pagerduty-<host>[-port][-path]` per API URL. */
export function sourceDataDir(base: string, source: SourceInfo): string {
  if (source.kind === 'demo') return join(base, 'demo');
  return join(base, `pagerduty-${urlSlug(source.apiUrl)}`);
}

/** A file-name-safe, readable, stable name for an API URL (case and trailing slash ignored). */
export function urlSlug(apiUrl: string): string {
  let raw: string;
  try {
    const u = new URL(apiUrl);
    raw = `${u.hostname}${u.port ? `-${u.port}` : ''}${u.pathname}`;
  } catch {
    raw = apiUrl;
  }
  const slug = raw
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug.slice(0, 100) || 'server';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
