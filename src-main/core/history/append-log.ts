/**
 * The port the history store writes through: an append-only log of whole text lines (JSON records).
 * The Node adapter (`src-main/node/append-log.ts`) makes every append durable with fsync and repairs a
 * torn last line after a crash; the in-memory one here serves tests and the browser preview.
 */

/** An append-only log of single-line records. */
export interface AppendLog {
  /** Appends whole records (no newlines inside); resolves once they are durable. */
  append(records: string[]): Promise<void>;
  /** Every complete record, oldest first. */
  readAll(): Promise<string[]>;
  /** Atomically replaces the whole log (compaction): after a crash it holds either the old or the new records. */
  replaceAll(records: string[]): Promise<void>;
  close(): Promise<void>;
}

/** An AppendLog kept in memory. */
export function createMemoryAppendLog(initial: string[] = []): AppendLog & { lines: string[] } {
  const lines = [...initial];
  return {
    lines,
    async append(records) {
      for (const r of records) {
        if (r.includes('\n')) throw new Error('a record must be one line');
        lines.push(r);
      }
    },
    async readAll() {
      return [...lines];
    },
    async replaceAll(records) {
      lines.splice(0, lines.length, ...records);
    },
    async close() {},
  };
}
