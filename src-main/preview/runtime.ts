/**
 * The preview's ports for the app runtime: settings and the token in memory (a browser preview has
 * no secret store or settings file; the CLI's token, if any, is the one to start with), links only
 * described, never opened, and shortcut clashes checked (nothing is registered in a browser).
 */
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import { defaultAppSettings, type AppSettings } from '../ipc/app-settings.js';
import type { UpdatesPort } from '../app/handlers.js';
import { createRuntime, type HistoryPort, type Runtime } from '../app/runtime.js';
import type { ShownUpdateStatus } from '../shared/types.js';
import type { TeamService } from '../core/team/service.js';
import { createMemorySecretStore } from '../app/secrets.js';
import { createSettingsStore, shortcutClashes, validateSettings } from '../app/settings.js';
import type { OpenedSource, SourceRequest } from '../app/sources.js';

/** Options of {@link createPreviewRuntime}. */
export interface PreviewRuntimeOptions {
  openSource: (req: SourceRequest) => Promise<OpenedSource>;
  /** The token to start with (the CLI's), kept in memory only. */
  token?: string | null;
  /** Settings to start from (defaults otherwise). */
  settings?: Partial<AppSettings>;
  /** The shift history; none when absent ("This preview keeps no shift history."). */
  history?: HistoryPort | null;
  logger: Logger;
  clock?: Pick<Clock, 'now'>;
  addSecret?: (secret: string | null) => void;
  /** A fixed update status to show (`preview --simulate-update`), marked simulated; else none. */
  updateStatus?: ShownUpdateStatus | null;
  /** The Team view's service, when wired. */
  team?: () => Pick<TeamService, 'getTeamLoad'> | null;
}

/** What the preview says about updates: it has none of its own. */
export function previewUpdates(status: ShownUpdateStatus | null): UpdatesPort {
  return {
    status: () =>
      status ?? {
        state: 'unsupported',
        currentVersion: '0.0.0',
        reason: 'The browser preview does not update itself; the desktop app does.',
      },
    installNow: () => ({
      accepted: false,
      reason: status?.simulated
        ? 'This update is simulated (preview --simulate-update): there is nothing to install.'
        : 'The browser preview has no update to install.',
    }),
  };
}

/** Why a preview without a history has no metrics, reports or checklists. */
export const NO_HISTORY = 'This preview keeps no shift history.';

/** Build the runtime of a preview. */
export function createPreviewRuntime(opts: PreviewRuntimeOptions): Runtime {
  const initial = validateSettings({ ...defaultAppSettings(), ...(opts.settings ?? {}) });
  if (!initial.ok) {
    const e = initial.errors[0]!;
    throw new Error(`the preview's settings are invalid: ${e.path}: ${e.message}`);
  }
  const updates = previewUpdates(opts.updateStatus ?? null);
  return createRuntime({
    settingsStore: createSettingsStore(initial.settings),
    secrets: createMemorySecretStore(
      opts.token ?? null,
      'The browser preview keeps the token in memory only, until it stops.',
    ),
    openSource: opts.openSource,
    history: opts.history
      ? { missing: NO_HISTORY, ...opts.history }
      : { missing: NO_HISTORY, open: async () => null },
    links: {
      refuse: (url, what) =>
        `The browser preview does not open links itself; ${what === 'incident' ? 'the incident is at' : 'the link is'} ${url}`,
    },
    shortcutErrors: shortcutClashes,
    updates: () => updates,
    // The preview raises no desktop notifications: nothing silenced, nothing failed, no test.
    notificationHealth: () => ({ silenced: null, lastFailure: null }),
    testNotification: () =>
      Promise.resolve({
        delivered: false,
        reason:
          'The browser preview raises no desktop notifications: use the desktop app, or run `oncall-companion test-notify`.',
      }),
    ...(opts.team ? { team: opts.team } : {}),
    clock: opts.clock ?? systemClock,
    logger: opts.logger,
    ...(opts.addSecret ? { addSecret: opts.addSecret } : {}),
  });
}
