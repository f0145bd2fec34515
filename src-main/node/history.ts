/**
 * Opens the shift history over a data folder in plain Node: H7's history service on an append-only
 * page log (`<dir>/pages.jsonl`), a document store for checklists and the reminder ledger, shared
 * runbook files (path or https URL) and Markdown handoff reports saved under a reports root. Shared by
 * the headless command and the Electron shell.
 *
 * One process at a time records into a history folder: the first takes `<dir>/writer.lock` (its pid);
 * another process opening the same folder meanwhile gets a read-only view (what is on disk now, plus
 * what it sees itself, kept in memory), so two writers never compact the log under each other.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { NotificationRequest } from '../core/events.js';
import type { AppendLog } from '../core/history/append-log.js';
import type { OffHoursWindow } from '../core/history/local-time.js';
import { createHistoryService, type HistoryService } from '../core/history/service.js';
import { systemClock, type Clock, type DocumentStore, type Logger } from '../core/ports.js';
import { RUNBOOK_LIMITS } from '../core/runbooks/format.js';
import { createRunbookReader } from '../core/runbooks/source.js';
import { openFileAppendLog } from './append-log.js';
import { createFileStore } from './file-store.js';
import { makeDir } from './make-dir.js';
import { processAlive } from './process-alive.js';

/** Options of {@link openFileHistory}. */
export interface FileHistoryOptions {
  /** The history folder (created): `pages.jsonl`, checklist and ledger documents, the writer lock. */
  dir: string;
  logger: Logger;
  clock?: Clock;
  /** Saved reports go to `<reportsRoot>/reports/<date>.md`; null (default) saves none. */
  reportsRoot?: string | null;
  /** Called with the full path of each saved report. */
  onReportSaved?: (path: string) => void;
  offHours?: OffHoursWindow;
  /** Minutes before a shift ends to remind; 0 = never (default 30). */
  handoffReminderMinutes?: number;
  onNotification?: (n: NotificationRequest) => void;
  timeZone?: string;
  /** Open without recording to disk even when no other process holds the folder. */
  readOnly?: boolean;
}

/** The opened history. */
export interface FileHistory {
  service: HistoryService;
  /** False when another process records into this folder (changes then stay in memory). */
  writable: boolean;
  /** The pid of the process that records into the folder, when it is another one. */
  heldBy: number | null;
  /** Flush, close the log and release the lock. Safe to call twice. */
  close(): Promise<void>;
}

/** The history folder of a source's data folder. */
export function historyDir(sourceDataDir: string): string {
  return join(sourceDataDir, 'history');
}

/** A path for a report name, refusing anything that would leave the root folder. */
export function reportPath(root: string, name: string): string | null {
  const base = resolve(root);
  const full = resolve(base, name);
  return full.startsWith(base + sep) ? full : null;
}

/** Open the history in `opts.dir`. */
export async function openFileHistory(opts: FileHistoryOptions): Promise<FileHistory> {
  const { logger } = opts;
  await makeDir(opts.dir, 0o700);
  const lock = opts.readOnly
    ? { held: false, by: null }
    : await takeLock(join(opts.dir, 'writer.lock'), logger);
  const file = join(opts.dir, 'pages.jsonl');
  const log = lock.held ? await openFileAppendLog(file, { logger }) : await readOnlyLog(file);
  if (!lock.held && lock.by !== null) {
    logger.info('history: another process records into this folder; this one only reads it', {
      pid: lock.by,
    });
  }
  const root = opts.reportsRoot ?? null;
  let service: HistoryService;
  try {
    service = await createHistoryService({
      log,
      store: lock.held ? createFileStore(opts.dir, { logger }) : readOnlyStore(opts.dir, logger),
      clock: opts.clock ?? systemClock,
      logger,
      ...(opts.offHours ? { offHours: opts.offHours } : {}),
      ...(opts.handoffReminderMinutes !== undefined
        ? { handoffReminderMinutes: opts.handoffReminderMinutes }
        : {}),
      ...(opts.onNotification ? { onNotification: opts.onNotification } : {}),
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      readRunbookSource: createRunbookReader({
        readFile: readRunbookFile,
        fetch: (u, i) => fetch(u, i),
      }),
      ...(root !== null
        ? {
            writeReport: async (name: string, markdown: string) => {
              const path = reportPath(root, name);
              if (!path) throw new Error('a report name left the data folder');
              await makeDir(dirname(path), 0o700);
              await fs.writeFile(path, markdown, { mode: 0o600 });
              opts.onReportSaved?.(path);
            },
          }
        : {}),
    });
  } catch (err) {
    await log.close();
    if (lock.held) await releaseLock(join(opts.dir, 'writer.lock'));
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    service,
    writable: lock.held,
    heldBy: lock.held ? null : lock.by,
    close: () =>
      (closing ??= (async () => {
        try {
          await service.close();
        } finally {
          if (lock.held) await releaseLock(join(opts.dir, 'writer.lock'));
        }
      })()),
  };
}

/** Take the writer lock: create it with our pid, or take over one whose process is gone. */
async function takeLock(path: string, logger: Logger): Promise<{ held: boolean; by: number | null }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return { held: true, by: null };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number((await fs.readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      return { held: false, by: pid };
    }
    logger.debug('history: removing a stale writer lock', { pid: Number.isFinite(pid) ? pid : null });
    await fs.rm(path, { force: true });
  }
  return { held: false, by: null };
}

async function releaseLock(path: string): Promise<void> {
  const pid = Number((await fs.readFile(path, 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await fs.rm(path, { force: true }).catch(() => {});
}

/** The log as it is on disk now; appends and compactions are kept out of the file. */
async function readOnlyLog(path: string): Promise<AppendLog> {
  return {
    append: () => Promise.resolve(),
    async readAll() {
      const text = await fs.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return '';
        throw e;
      });
      const lines = text.split('\n');
      lines.pop(); // empty, or a line the writer is still writing
      return lines.filter((l) => l.length > 0);
    },
    replaceAll: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** The documents as they are on disk; writes and deletes stay in memory. */
function readOnlyStore(dir: string, logger: Logger): DocumentStore {
  const disk = createFileStore(dir, { logger });
  const mine = new Map<string, unknown>();
  return {
    read: <T>(key: string): Promise<T | undefined> =>
      mine.has(key) ? Promise.resolve(mine.get(key) as T | undefined) : disk.read<T>(key),
    write: <T>(key: string, value: T): Promise<void> => {
      mine.set(key, value);
      return Promise.resolve();
    },
    delete: (key: string): Promise<void> => {
      mine.set(key, undefined);
      return Promise.resolve();
    },
  };
}

/**
 * Reads a local runbook file: only a regular file, at most 1 MB. Opened non-blocking and checked
 * before reading, so a FIFO (which would block until a writer comes) or a device such as /dev/zero
 * (which never ends) is refused with a message instead of hanging the app.
 */
export async function readRunbookFile(p: string): Promise<string> {
  const h = await fs.open(p, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const st = await h.stat();
    if (!st.isFile())
      throw new Error(
        `${p} is not a regular file (a FIFO, a device or a folder): give the path of a YAML or JSON file`,
      );
    if (st.size > RUNBOOK_LIMITS.maxBytes) throw new Error('the runbook file is too large (over 1 MB)');
    return await h.readFile('utf8');
  } finally {
    await h.close();
  }
}
