/**
 * `oncall-companion preview`: serves the built renderer on 127.0.0.1 with the real core behind it
 * (same source options as `watch`), printing the URL to open (with its access token) first. The shift
 * history is recorded in the source's data folder and follows a source switched in Settings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../args.js';
import { CliError } from '../errors.js';
import type { Companion } from '../../core/companion-types.js';
import { apiUrlOf, REGION_URLS, type SourceSettings } from '../../core/settings.js';
import { openSource, type OpenedSource } from '../../node/source.js';
import { createSwitchableHistory, openSourceHistory, type SwitchableHistory } from '../history.js';
import { withTeamLoad } from '../../core/team/service.js';
import { openFileTeamService, type FileTeamService } from '../../node/team.js';
import { baseDataDir, openWithToken, readToken, type CliContext } from '../session.js';
import { simulatedUpdate } from '../simulated-update.js';

type PreviewCommand = Extract<CliCommand, { name: 'preview' }>;

/** Run `preview`; resolves with the exit code once stopped. */
export async function runPreview(cmd: PreviewCommand, ctx: CliContext): Promise<number> {
  const rendererDir = join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new CliError(`the renderer is not built (${rendererDir}): run npm run build first`);
  }
  let token = await readToken('preview', cmd.source, ctx.env, ctx.logger);
  let current: OpenedSource = await openWithToken('preview', token, cmd.source, ctx, {
    scenario: cmd.scenario,
    speed: cmd.speed,
  });

  // Settings in the browser may switch the source (demo <-> PagerDuty, a new token): open the new
  // one, start it, then close the old one so its state is persisted.
  const switchSource = async (source: SourceSettings, newToken: string | null): Promise<Companion> => {
    const useToken = source.kind === 'demo' ? null : (newToken ?? token);
    if (source.kind === 'pagerduty' && useToken === null) {
      throw new Error('Enter a PagerDuty API token to use PagerDuty.');
    }
    ctx.logger.addSecret(useToken);
    const next = await openSource({
      token: useToken,
      ...(source.kind === 'pagerduty' ? { apiUrl: apiUrlOf(source) ?? REGION_URLS.us } : {}),
      fromEmail: source.kind === 'pagerduty' ? (source.fromEmail ?? null) : null,
      ...(source.kind === 'demo' ? { scenario: source.scenario } : {}),
      ...(cmd.source.pollIntervalSeconds !== null
        ? { pollIntervalSeconds: cmd.source.pollIntervalSeconds }
        : {}),
      dataDir: baseDataDir(cmd.source, ctx.env),
      logger: ctx.logger,
    });
    try {
      await next.companion.start();
      // The new source's own history; the server re-attaches it to the new companion.
      history?.switchTo(await openSourceHistory(next, { logger: ctx.logger }));
    } catch (err) {
      await next.close();
      throw err;
    }
    const previous = current;
    current = next;
    if (source.kind === 'pagerduty') token = useToken;
    await previous.close();
    return next.companion;
  };

  let history: SwitchableHistory | null = null;
  let team: FileTeamService | null = null;
  try {
    history = createSwitchableHistory(await openSourceHistory(current, { logger: ctx.logger }), ctx.logger);
    // The Team view: one team store for every account, reading the current source.
    team = await openFileTeamService({
      baseDataDir: baseDataDir(cmd.source, ctx.env),
      logger: ctx.logger,
      current: () => ({ opened: current, token: current.source.kind === 'demo' ? null : token }),
    });
    // Loaded on demand: the other commands never pay for the preview server.
    const { startPreviewServer } = await import('../../preview/server.js');
    let server: Awaited<ReturnType<typeof startPreviewServer>>;
    try {
      server = await startPreviewServer({
        companion: current.companion,
        port: cmd.port,
        rendererDir,
        logger: ctx.logger,
        switchSource,
        history: withTeamLoad(history.service, team.service),
        updateStatus: simulatedUpdate(cmd.simulateUpdate, packageVersion()),
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EADDRINUSE')
        throw new CliError(`port ${cmd.port} is in use: pick another with --port, or --port 0`);
      throw err;
    }
    try {
      ctx.out(server.url);
      await current.companion.start();
      await ctx.stopped;
    } finally {
      await server.close();
    }
    return 0;
  } finally {
    await history?.close();
    await team?.close();
    await current.close();
  }
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
