/**
 * The shift history in the shell: opens H7's history service over files in the data folder
 * (an append-only page log, a document store for checklists, Markdown handoff reports), reads shared
 * runbook files, and follows whichever companion is running.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Companion } from '../core/companion-types.js';
import type { NotificationRequest } from '../core/events.js';
import { createHistoryService, type HistoryService } from '../core/history/service.js';
import { systemClock, type Logger } from '../core/ports.js';
import { createRunbookReader } from '../core/runbooks/source.js';
import type { AppSettings } from '../ipc/app-settings.js';
import { openFileAppendLog } from '../node/append-log.js';
import { createFileStore } from '../node/file-store.js';

/** Options of the shell's history. */
export interface ShellHistoryOptions {
  dataDir: string;
  logger: Logger;
  settings: AppSettings;
  /** The handoff reminder, shown like any other notification. */
  onNotification: (n: NotificationRequest) => void;
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

/** A path for a report name, refusing anything that would leave the data folder. */
export function reportPath(dataDir: string, name: string): string | null {
  const root = resolve(dataDir);
  const full = resolve(root, name);
  return full.startsWith(root + sep) ? full : null;
}

/** Open the history in the data folder. */
export async function openShellHistory(opts: ShellHistoryOptions): Promise<ShellHistory> {
  const dir = join(opts.dataDir, 'history');
  const service = await createHistoryService({
    log: await openFileAppendLog(join(dir, 'pages.jsonl'), { logger: opts.logger }),
    store: createFileStore(dir, { logger: opts.logger }),
    clock: systemClock,
    logger: opts.logger,
    offHours: opts.settings.offHours,
    handoffReminderMinutes: opts.settings.handoffReminderMinutes,
    readRunbookSource: createRunbookReader({
      readFile: (p) => readFile(p, 'utf8'),
      fetch: (u, i) => fetch(u, i),
    }),
    writeReport: async (name, markdown) => {
      const file = reportPath(opts.dataDir, name);
      if (!file) throw new Error('a report name left the data folder');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, markdown, { mode: 0o600 });
    },
    onNotification: opts.onNotification,
  });
  let detach: (() => void) | null = null;
  const applySettings = async (s: AppSettings): Promise<void> => {
    service.updateOptions({ offHours: s.offHours, handoffReminderMinutes: s.handoffReminderMinutes });
    const res = await service.setRunbooks(s.runbooks, s.runbookSource);
    if (res.sourceError)
      opts.logger.warn('history: the shared runbook file could not be used', { reason: res.sourceError });
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
      await service.close();
    },
  };
}
