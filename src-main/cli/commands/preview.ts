/**
 * `oncall-companion preview`: serves the built renderer on 127.0.0.1 over the same app runtime as
 * the desktop app (src-main/app/runtime.ts; same source options as `watch`), printing the URL to
 * open (with its access token) first. The shift history is recorded in the source's data folder and
 * follows a source switched in Settings.
 */
import { createHostSignIn } from '../../node/oauth/host.js';
import { DEFAULT_CLIENT_ID, identityEndpoints } from '../../node/oauth/endpoints.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../args.js';
import { CliError } from '../errors.js';
import { REGION_URLS, type SourceSettings } from '../../core/settings.js';
import type { HistoryHandle, HistoryPort } from '../../app/runtime.js';
import { openSourceOptions } from '../../app/sources.js';
import { openSource } from '../../node/source.js';
import { fileTeamPort } from '../../node/team.js';
import { openSourceHistory } from '../history.js';
import { baseDataDir, checkSourceFlags, readToken, type CliContext } from '../session.js';
import { simulatedUpdate } from '../simulated-update.js';
import { readAccounts, type Account } from '../accounts.js';
import { newAccountId, type AccountSettings } from '../../shared/accounts.js';

type PreviewCommand = Extract<CliCommand, { name: 'preview' }>;

/** Run `preview`; resolves with the exit code once stopped. */
export async function runPreview(cmd: PreviewCommand, ctx: CliContext): Promise<number> {
  const rendererDir = join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new CliError(`the renderer is not built (${rendererDir}): run npm run build first`);
  }
  const fromFile = cmd.source.accountsFile
    ? previewAccounts(await readAccounts(cmd.source.accountsFile, ctx.env), ctx)
    : null;
  const token = fromFile ? fromFile.token : await readToken('preview', cmd.source, ctx.env, ctx.logger);
  if (!fromFile) checkSourceFlags('preview', token, cmd.source, cmd);
  const source: SourceSettings =
    fromFile?.source ??
    (token === null
      ? { kind: 'demo', scenario: cmd.scenario && cmd.scenario !== 'none' ? cmd.scenario : 'demo' }
      : {
          kind: 'pagerduty',
          region: 'custom',
          apiUrl: cmd.source.apiUrl ?? REGION_URLS.us,
          ...(cmd.source.fromEmail ? { fromEmail: cmd.source.fromEmail } : {}),
        });
  const dataDir = baseDataDir(cmd.source, ctx.env);
  // Loaded on demand: the other commands never pay for the preview server.
  const { startPreviewServer } = await import('../../preview/server.js');
  const { createPreviewRuntime } = await import('../../preview/runtime.js');
  const runtime = createPreviewRuntime({
    openSource: (req) =>
      openSource(
        openSourceOptions(req, dataDir, ctx.logger, {
          // `none` (no pages) is not a Settings scenario; the others come from the settings.
          ...(cmd.scenario === 'none' ? { scenario: 'none' as const } : {}),
          ...(cmd.speed ? { speed: cmd.speed } : {}),
        }),
      ),
    token,
    ...(fromFile ? { accountTokens: fromFile.tokens } : {}),
    settings: {
      source,
      ...(cmd.source.pollIntervalSeconds !== null
        ? { pollIntervalSeconds: cmd.source.pollIntervalSeconds }
        : {}),
      ...(fromFile?.settings ?? {}),
    },
    history: sourceHistoryPort(ctx),
    logger: ctx.logger,
    addSecret: (t) => ctx.logger.addSecret(t),
    updateStatus: simulatedUpdate(cmd.simulateUpdate, packageVersion()),
    // The Team view: one team store for every account, reading the current source.
    team: fileTeamPort(dataDir, ctx.logger),
    signIn: createHostSignIn({
      // An extra account (from --accounts) signs in at its own API's identity server.
      endpoints: (target) => identityEndpoints({ apiUrl: target ? target.apiUrl : cmd.source.apiUrl }),
      clientId: () =>
        runtime.settings.get().signInClientId ?? ctx.env.ONCALL_OAUTH_CLIENT_ID ?? DEFAULT_CLIENT_ID,
      addSecret: (s) => ctx.logger.addSecret(s),
      logger: ctx.logger,
    }),
  });
  try {
    let server: Awaited<ReturnType<typeof startPreviewServer>>;
    try {
      server = await startPreviewServer({
        runtime,
        port: cmd.port,
        rendererDir,
        logger: ctx.logger,
        redact: (t) => ctx.logger.redact(t),
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EADDRINUSE')
        throw new CliError(`port ${cmd.port} is in use: pick another with --port, or --port 0`);
      throw err;
    }
    try {
      ctx.out(server.url);
      await runtime.start();
      const problem = runtime.sources.problem();
      if (problem) throw new CliError(problem);
      await ctx.stopped;
    } finally {
      await server.close();
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** The accounts file as the preview's first account (its token and source) and the others. */
function previewAccounts(accounts: Account[], ctx: CliContext) {
  const sourceOf = (a: Account): SourceSettings =>
    a.kind === 'demo'
      ? { kind: 'demo', scenario: 'demo' }
      : { kind: 'pagerduty', region: 'custom', apiUrl: a.apiUrl, ...(a.from ? { fromEmail: a.from } : {}) };
  const [first, ...rest] = accounts;
  if (!first) throw new CliError('the accounts file lists no account');
  const tokens: Record<string, string | null> = {};
  const others: AccountSettings[] = [];
  for (const a of rest) {
    const id = newAccountId(
      a.name,
      others.map((o) => o.id),
    );
    ctx.logger.addSecret(a.token);
    tokens[id] = a.token;
    others.push({
      id,
      name: a.name,
      source: sourceOf(a),
      ...(a.pollIntervalSeconds !== null ? { pollIntervalSeconds: a.pollIntervalSeconds } : {}),
    });
  }
  ctx.logger.addSecret(first.token);
  return {
    token: first.kind === 'demo' ? null : first.token,
    source: sourceOf(first),
    tokens,
    settings: {
      accountName: first.name,
      accounts: others,
      ...(first.pollIntervalSeconds !== null ? { pollIntervalSeconds: first.pollIntervalSeconds } : {}),
    },
  };
}

/** Each source's own history folder (`<data dir>/<source>/history/`), as `watch` keeps it. */
function sourceHistoryPort(ctx: CliContext): HistoryPort {
  // One handle per folder: a new source over the same folder (a new token) keeps its history open.
  const open = new Map<string, Promise<HistoryHandle>>();
  return {
    open(source) {
      if (!source?.dataDir || !source.source) return Promise.resolve(null);
      const key = source.dataDir;
      let handle = open.get(key);
      if (!handle) {
        handle = openSourceHistory(
          { dataDir: source.dataDir, source: source.source },
          { logger: ctx.logger },
        ).then((h) => ({
          service: h.service,
          // The runtime closes a history it switched away from; a later switch back opens it again.
          close: async () => {
            open.delete(key);
            await h.close();
          },
        }));
        open.set(key, handle);
      }
      return handle;
    },
  };
}

/** The folder of this package (holding package.json), from the running file's location. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'oncall-companion')
          return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new CliError('cannot find the oncall-companion package folder (is the install complete?)');
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}
