/**
 * The shift history in the shell: opens H7's history service over files in the data folder
 * (`openFileHistory` in src-main/node/history.ts: an append-only page log, checklists, Markdown
 * handoff reports under <data folder>/reports, shared runbook files), and follows whichever
 * companion is running.
 */
import type { Companion } from '../core/companion-types.js';
import type { NotificationRequest } from '../core/events.js';
import type { HistoryService } from '../core/history/service.js';
import type { Logger } from '../core/ports.js';
import type { AppSettings } from '../ipc/app-settings.js';
import { historyDir, openFileHistory } from '../node/history.js';

export { reportPath } from '../node/history.js';

/** Options of the shell's history. */
export interface ShellHistoryOptions {
  dataDir: string;
  logger: Logger;
  settings: AppSettings;
  /** The handoff reminder, shown like any other notification. */
  onNotification: (n: NotificationRequest) => void;
  /**
   * Called (synchronously) each time the runbooks are applied, with the shared file's error to come
   * (naming the line; null when fine), e.g. `SettingsService.trackRunbookSource` so Settings shows it.
   */
  onRunbookSource?: (error: Promise<string | null>) => void;
}

/** The history plus what the shell does with it. */
export interface ShellHistory {
  service: HistoryService;
  /** Follow a new companion (detaching from the previous one). */
  follow(companion: Companion | null): void;
  /** Apply changed settings (off hours, reminder lead, runbooks). */
  applySettings(settings: AppSettings): Promise<void>;
  close(): Promise<void>;
}

/** Open the history in the data folder. */
export async function openShellHistory(opts: ShellHistoryOptions): Promise<ShellHistory> {
  // Reports are saved as <data folder>/reports/<date>.md.
  const opened = await openFileHistory({
    dir: historyDir(opts.dataDir),
    reportsRoot: opts.dataDir,
    logger: opts.logger,
    offHours: opts.settings.offHours,
    handoffReminderMinutes: opts.settings.handoffReminderMinutes,
    onNotification: opts.onNotification,
  });
  const { service } = opened;
  let detach: (() => void) | null = null;
  const applySettings = async (s: AppSettings): Promise<void> => {
    service.updateOptions({ offHours: s.offHours, handoffReminderMinutes: s.handoffReminderMinutes });
    const error = service.setRunbooks(s.runbooks, s.runbookSource).then(
      (res) => res.sourceError,
      (err: unknown) => (err instanceof Error ? err.message : 'the runbooks could not be applied'),
    );
    opts.onRunbookSource?.(error);
    const sourceError = await error;
    if (sourceError)
      opts.logger.warn('history: the shared runbook file could not be used', { reason: sourceError });
  };
  await applySettings(opts.settings);
  return {
    service,
    follow(companion) {
      detach?.();
      detach = companion ? service.attach(companion) : null;
    },
    applySettings,
    async close() {
      detach?.();
      detach = null;
      await opened.close();
    },
  };
}
