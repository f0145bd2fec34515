/**
 * The delivery journal on disk: one line per outbox entry the host has shown, appended synchronously
 * so that a kill -9 right after a page was printed keeps the mark (the kernel has the bytes; no fsync:
 * a power cut may at worst show a page twice, never lose one). Trimmed by rewriting it atomically.
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeliveryJournal } from '../core/ports.js';

/** File name of the journal in a data folder. */
export const JOURNAL_FILE = 'delivered.log';

const ID = /^[A-Za-z0-9._-]{1,100}$/;

/** A journal in `dir` (which must exist; the file store creates it). */
export function createFileJournal(dir: string): DeliveryJournal {
  const file = path.join(dir, JOURNAL_FILE);
  const parse = (text: string): string[] => text.split('\n').filter((l) => ID.test(l));
  return {
    async read() {
      try {
        return parse(await readFile(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
    add(id) {
      if (!ID.test(id)) throw new RangeError(`invalid outbox id: ${JSON.stringify(id)}`);
      appendFileSync(file, `${id}\n`, { mode: 0o600 });
    },
    retain(keep) {
      let ids: string[];
      try {
        ids = parse(readFileSync(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(
        tmp,
        ids
          .filter((id) => keep.has(id))
          .map((id) => `${id}\n`)
          .join(''),
        { mode: 0o600 },
      );
      renameSync(tmp, file);
    },
  };
}
