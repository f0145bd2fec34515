/**
 * The real stack behind the end-to-end tests and the renderer bench: the embedded simulator (no
 * scenario, so tests decide every page), the real PagerDuty client and engine, the app runtime the
 * preview builds, and the preview server serving the built renderer, with a real shift history (H7's
 * service over an in-memory log and store, attached to the companion by the runtime). Fast polling
 * so a page shows within a couple of seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger } from '../../../src-main/core/ports.js';
import { openSource, type OpenedSource } from '../../../src-main/node/source.js';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/server.js';
import { previewHistoryPort } from '../../../src-main/preview/history.js';
import { createPreviewRuntime } from '../../../src-main/preview/runtime.js';
import { openSourceOptions } from '../../../src-main/app/sources.js';
import type { Runtime } from '../../../src-main/app/runtime.js';
import type { HistoryService } from '../../../src-main/core/history/service.js';
import type { Simulator } from '../../../src-main/core/simulator/index.js';
import type { ShownUpdateStatus } from '../../../src-main/shared/types.js';
import { openFileTeamService, type FileTeamService } from '../../../src-main/node/team.js';

/** A running stack. */
export interface Stack {
  /** The page URL with its access token. */
  url: string;
  sim: Simulator;
  source: OpenedSource;
  preview: PreviewServer;
  runtime: Runtime;
  /** The shift history (null when started without one). */
  history: HistoryService | null;
  /** Incident status in the simulator, by title. */
  simStatus(title: string): 'triggered' | 'acknowledged' | 'resolved' | null;
  close(): Promise<void>;
}

/** Folder of the built renderer. */
export const RENDERER_DIR = resolve(import.meta.dirname ?? '.', '../../../dist/renderer');

/** Start simulator -> client -> companion -> preview server. */
export async function startStack(
  opts: {
    pollIntervalSeconds?: number;
    scenario?: 'none' | 'demo' | 'storm' | 'quiet';
    speed?: number;
    seed?: number;
    /** Wire a shift history (default true); false shows the app as a preview without one. */
    withHistory?: boolean;
    /** A fixed update status for the window (as `preview --simulate-update`). */
    updateStatus?: ShownUpdateStatus | null;
  } = {},
): Promise<Stack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'oncall-e2e-'));
  let source: OpenedSource | null = null;
  const historyPort = opts.withHistory === false ? null : previewHistoryPort({ logger: silentLogger });
  // The Team view reads the demo account's team history (the simulator serves a seeded one).
  let team: FileTeamService | null = null;
  const runtime = createPreviewRuntime({
    openSource: async (req) =>
      (source = await openSource(
        openSourceOptions(req, dataDir, silentLogger, {
          scenario: opts.scenario ?? 'none',
          ...(opts.speed !== undefined ? { speed: opts.speed } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        }),
      )),
    settings: { pollIntervalSeconds: opts.pollIntervalSeconds ?? 2 },
    history: historyPort,
    team: () => team?.service ?? null,
    logger: silentLogger,
    updateStatus: opts.updateStatus ?? null,
  });
  const preview = await startPreviewServer({
    runtime,
    port: 0,
    rendererDir: RENDERER_DIR,
    logger: silentLogger,
  });
  await runtime.start();
  if (!source) throw new Error(`the demo source did not start: ${runtime.sources.problem()}`);
  const opened: OpenedSource = source;
  if (historyPort) {
    team = await openFileTeamService({
      baseDataDir: dataDir,
      logger: silentLogger,
      current: () => ({ opened, token: null }),
    });
  }
  const sim = opened.simulator!;
  const history = historyPort?.service() ?? null;
  return {
    url: preview.url,
    sim,
    source: opened,
    preview,
    runtime,
    history,
    simStatus(title) {
      const inc = sim.record().incidents.find((i) => i.title === title);
      return inc ? inc.status : null;
    },
    async close() {
      await preview.close();
      await runtime.close();
      await team?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
