/**
 * The data folder as a DocumentStore: one JSON file per key, written atomically (temp file, fsync,
 * rename, fsync of the folder), in a folder only the user can read (0700). A torn or corrupt file is
 * moved aside as `<key>.json.corrupt-<ts>` and treated as missing, with a warning.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentStore, Logger } from '../core/ports.js';
import { silentLogger } from '../core/ports.js';
import { makeDir } from './make-dir.js';

/** Options of the file store. */
export interface FileStoreOptions {
  logger?: Logger;
  /** Epoch ms, for the name of a moved-aside corrupt file. */
  now?: () => number;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function checkKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new RangeError(`invalid store key: ${JSON.stringify(key)}`);
}

/** Creates a store over `dir` (created with mode 0700 on first use). */
export function createFileStore(dir: string, options: FileStoreOptions = {}): DocumentStore {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  let ready: Promise<void> | null = null;
  const chains = new Map<string, Promise<void>>();
  let tmpSeq = 0;
  const damaged: Array<{ key: string; movedTo: string }> = [];

  const ensureDir = (): Promise<void> =>
    (ready ??= makeDir(dir, 0o700).then(
      () => undefined,
      (e: unknown) => {
        ready = null;
        throw e;
      },
    ));

  const fileOf = (key: string): string => path.join(dir, `${key}.json`);

  /** Runs writes/deletes of one key one after another. */
  function serial(key: string, op: () => Promise<void>): Promise<void> {
    const prev = chains.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(op);
    chains.set(key, next);
    void next
      .finally(() => {
        if (chains.get(key) === next) chains.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  async function syncDir(): Promise<void> {
    let h: fs.FileHandle | null = null;
    try {
      h = await fs.open(dir, 'r');
      await h.sync();
    } catch {
      // Not supported on every platform (Windows); the rename is still atomic.
    } finally {
      await h?.close();
    }
  }

  async function write(key: string, text: string): Promise<void> {
    await ensureDir();
    const target = fileOf(key);
    const tmp = `${target}.tmp-${process.pid}-${tmpSeq++}`;
    try {
      const h = await fs.open(tmp, 'w', 0o600);
      try {
        await h.writeFile(text, 'utf8');
        await h.sync();
      } finally {
        await h.close();
      }
      await fs.rename(tmp, target);
    } catch (e) {
      // A full or failing disk must not leave a temp file behind on every try.
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    await syncDir();
  }

  return {
    async read<T>(key: string): Promise<T | undefined> {
      checkKey(key);
      await (chains.get(key) ?? Promise.resolve()).catch(() => undefined);
      let text: string;
      try {
        text = await fs.readFile(fileOf(key), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        const aside = `${fileOf(key)}.corrupt-${now()}`;
        // Kept, never deleted: it may hold actions nobody sent yet, to look at or restore by hand.
        const moved = await fs.rename(fileOf(key), aside).then(
          () => true,
          () => false,
        );
        logger.warn('a saved state file was unreadable; moved it aside and starting that part afresh', {
          key,
          file: path.basename(fileOf(key)),
          movedTo: moved ? aside : null,
        });
        damaged.push({ key, movedTo: moved ? aside : fileOf(key) });
        return undefined;
      }
    },
    async write<T>(key: string, value: T): Promise<void> {
      checkKey(key);
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError('value is not JSON-serialisable');
      return serial(key, () => write(key, text));
    },
    async delete(key: string): Promise<void> {
      checkKey(key);
      return serial(key, () => fs.rm(fileOf(key), { force: true }));
    },
    damaged: () => [...damaged],
  };
}
