/**
 * The shell's history port: one shift history over files in the data folder (`openFileHistory` in
 * src-main/node/history.ts: an append-only page log, checklists, Markdown handoff reports under
 * <data folder>/reports, shared runbook files), kept across source switches. The runtime attaches it
 * to whichever companion runs and applies the settings it acts on.
 */
import type { Logger } from '../core/ports.js';
import type { HistoryPort } from '../app/runtime.js';
import { historyDir, openFileHistory, type FileHistory } from '../node/history.js';

export { reportPath } from '../node/history.js';

/** One history in the data folder, opened on first use. */
export function shellHistoryPort(dataDir: string, logger: Logger): HistoryPort {
  let opened: Promise<FileHistory> | null = null;
  return {
    open(_source, hooks) {
      // Reports are saved as <data folder>/reports/<date>.md.
      opened ??= openFileHistory({
        dir: historyDir(dataDir),
        reportsRoot: dataDir,
        logger,
        onNotification: hooks.onNotification,
      });
      return opened;
    },
  };
}
