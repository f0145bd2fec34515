/**
 * The append-only JSON-lines file behind the shift history. Appends are whole lines in one write,
 * followed by fsync; opening the file detects a torn last line left by a crash, logs it and truncates
 * it away. Compaction writes a temporary file, fsyncs it and renames it over the log.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDir } from './make-dir.js';
import type { AppendLog } from '../core/history/append-log.js';
import { silentLogger, type Logger } from '../core/ports.js';

/** Options of the file log. */
export interface FileAppendLogOptions {
  logger?: Logger;
  /** fsync after each append (default true; turn off only in benchmarks). */
  sync?: boolean;
}

/** Opens (creating) the log at `path`, repairing a torn tail. */
export async function openFileAppendLog(path: string, opts: FileAppendLogOptions = {}): Promise<AppendLog> {
  const logger = opts.logger ?? silentLogger;
  const sync = opts.sync ?? true;
  await makeDir(dirname(path));
  await repairTail(path, logger);
  let handle: FileHandle | null = await fs.open(path, 'a');
  /** Bytes of whole lines in the file: a failed append is cut back to this. */
  let size = (await handle.stat()).size;
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const open = (): FileHandle => {
    if (!handle) throw new Error('history log is closed');
    return handle;
  };

  return {
    append(records) {
      if (records.length === 0) return Promise.resolve();
      for (const r of records)
        if (r.includes('\n')) return Promise.reject(new Error('a record must be one line'));
      const data = records.join('\n') + '\n';
      const bytes = Buffer.byteLength(data);
      return serial(async () => {
        const h = open();
        try {
          await h.write(data);
          if (sync) await h.datasync();
        } catch (e) {
          // A full disk may have written part of the batch: cut it, so the next append starts a line.
          await h.truncate(size).catch(() => undefined);
          throw e;
        }
        size += bytes;
      });
    },
    readAll() {
      return serial(async () => {
        const text = await fs.readFile(path, 'utf8');
        const lines = text.split('\n');
        lines.pop(); // the part after the last newline: empty, or a torn line being written
        return lines.filter((l) => l.length > 0);
      });
    },
    replaceAll(records) {
      return serial(async () => {
        const tmp = `${path}.compact-${process.pid}.tmp`;
        try {
          const t = await fs.open(tmp, 'w');
          try {
            if (records.length) await t.write(records.join('\n') + '\n');
            await t.sync();
          } finally {
            await t.close();
          }
          await open().close();
          handle = null;
          await fs.rename(tmp, path);
        } catch (e) {
          // A failed compaction leaves the log as it was, open for appends, and no temp file.
          await fs.rm(tmp, { force: true }).catch(() => undefined);
          throw e;
        } finally {
          if (handle === null && !closed) {
            handle = await fs.open(path, 'a');
            size = (await handle.stat()).size;
          }
        }
        await syncDir(dirname(path));
      });
    },
    close() {
      return serial(async () => {
        closed = true;
        if (handle) await handle.close();
        handle = null;
      });
    },
  };
}

/** Cuts a last line that has no newline (a write torn by a crash). Returns the bytes removed. */
export async function repairTail(path: string, logger: Logger = silentLogger): Promise<number> {
  let h: FileHandle;
  try {
    h = await fs.open(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  try {
    const { size } = await h.stat();
    if (size === 0) return 0;
    const last = Buffer.alloc(1);
    await h.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return 0;
    // Scan back in chunks for the last newline.
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    let keep = 0;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const len = end - start;
      await h.read(chunk, 0, len, start);
      const i = chunk.subarray(0, len).lastIndexOf(0x0a);
      if (i >= 0) {
        keep = start + i + 1;
        break;
      }
      end = start;
    }
    const removed = size - keep;
    logger.warn('history log: skipping a torn last record left by a crash', { bytes: removed });
    await h.truncate(keep);
    await h.sync();
    return removed;
  } finally {
    await h.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Not supported on every platform (Windows); the rename is still atomic.
  }
}
