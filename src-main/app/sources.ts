/**
 * Holds the running incident source (the embedded simulator or PagerDuty) and swaps it when the
 * token or the source settings change, forwarding the companion's events to one listener. Settings
 * that the core applies live (poll interval, filters, notifications) do not restart it.
 */
import type { Companion, EventListener } from '../core/companion-types.js';
import type { Logger } from '../core/ports.js';
import type { AppSettings } from '../ipc/app-settings.js';
import { apiUrlOf } from '../core/settings.js';

/** A source as `openSource` (src-main/node/source.ts) returns it. */
export interface OpenedSource {
  companion: Companion;
  close(): Promise<void>;
  /** Its data folder and kind, for a history kept per source (the CLI's preview). */
  dataDir?: string;
  source?: { kind: 'demo' | 'pagerduty'; apiUrl: string };
}

/** What a source is opened from. */
export interface SourceRequest {
  token: string | null;
  settings: AppSettings;
}

/** Options of the manager. */
export interface SourceManagerOptions {
  open: (req: SourceRequest) => Promise<OpenedSource>;
  /** Every core event; a promise returned holds the page's outbox mark until it settles. */
  /** Returns what the host did with it (a promise holds the outbox mark until it settles). */
  onEvent: EventListener;
  /** Called after a source started (or failed to, with the reason), so views can redraw. */
  onChange?: (opened: OpenedSource | null, problem: string | null) => void | Promise<void>;
  logger: Logger;
}

/** The manager. */
export interface SourceManager {
  current(): Companion | null;
  /** The running source as it was opened, or null. */
  currentSource(): OpenedSource | null;
  /** Why no source is running (the open error, which never holds the token), or null. */
  problem(): string | null;
  /** Open the source for this request, replacing the running one if its identity changed. */
  apply(req: SourceRequest): Promise<void>;
  stop(): Promise<void>;
}

/** Which source a request resolves to; equal identities need no restart. */
export function sourceIdentity(req: SourceRequest): string {
  const s = req.settings.source;
  // No token: always the demo source (the embedded simulator).
  if (s.kind === 'demo' || !req.token)
    return JSON.stringify({ kind: 'demo', scenario: s.kind === 'demo' ? s.scenario : 'demo' });
  return JSON.stringify({ ...s, token: tokenMark(req.token) });
}

// The identity must change with the token without holding it: a short non-reversible mark.
function tokenMark(token: string): number {
  let h = 2166136261;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** What the demo simulator runs at, besides its scenario (the CLI's --speed, tests' seeds). */
export interface DemoOptions {
  scenario?: 'demo' | 'storm' | 'quiet' | 'none';
  speed?: number;
  seed?: number;
}

/** The options of `openSource` (src-main/node/source.ts) for a request: no token means the demo. */
export function openSourceOptions(
  req: SourceRequest,
  dataDir: string,
  logger: Logger,
  demo: DemoOptions = {},
) {
  const s = req.settings.source;
  if (s.kind === 'demo' || !req.token) {
    return {
      token: null,
      scenario: s.kind === 'demo' ? s.scenario : 'demo',
      ...demo,
      dataDir,
      logger,
      settings: req.settings,
    } as const;
  }
  return {
    token: req.token,
    apiUrl: apiUrlOf(s) ?? undefined,
    fromEmail: s.fromEmail ?? null,
    dataDir,
    logger,
    settings: req.settings,
  };
}

/** Create the manager. */
export function createSourceManager(opts: SourceManagerOptions): SourceManager {
  let running: { source: OpenedSource; identity: string; unsubscribe: () => void } | null = null;
  let chain: Promise<void> = Promise.resolve();
  let problem: string | null = null;

  const close = async (): Promise<void> => {
    if (!running) return;
    const r = running;
    running = null;
    r.unsubscribe();
    // Closing stops the companion (persisting its state) and the embedded simulator.
    await r.source.close();
  };

  const apply = async (req: SourceRequest): Promise<void> => {
    const identity = sourceIdentity(req);
    if (running && running.identity === identity) {
      running.source.companion.updateSettings(req.settings);
      return;
    }
    await close();
    try {
      const source = await opts.open(req);
      const unsubscribe = source.companion.subscribe(opts.onEvent);
      running = { source, identity, unsubscribe };
      await source.companion.start();
      problem = null;
      opts.logger.info('source: started', { kind: JSON.parse(identity).kind });
    } catch (err) {
      problem = err instanceof Error ? err.message : 'the incident source could not start';
      opts.logger.error('source: could not start', { error: problem });
      // A half-started source is closed, so the next apply tries again.
      await close().catch(() => undefined);
    }
    await opts.onChange?.(running?.source ?? null, problem);
  };

  return {
    current: () => running?.source.companion ?? null,
    currentSource: () => running?.source ?? null,
    problem: () => problem,
    // One failed step must never block the ones queued after it (a later apply, or stop at quit).
    apply(req) {
      chain = chain.catch(() => undefined).then(() => apply(req));
      return chain;
    },
    stop() {
      chain = chain.catch(() => undefined).then(close);
      return chain;
    },
  };
}
