/**
 * The port the history store writes through: an append-only log of whole text lines (JSON records).
 * The Node adapter (`src-main/node/append-log.ts`) makes every append durable with fsync and repairs a
 * torn last line after a crash; the in-memory one here serves tests and the browser preview.
 */
import type { Logger } from '../ports.js';

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

/** What a store writes through: lines batched per tick, compacted when the log outgrows the records. */
export interface LogWriter {
  /** Queues one line; the lines queued in one tick are appended together. */
  enqueue(line: string): void;
  /** Whether the log holds more than twice the live records (plus 1000 lines of slack). */
  oversized(): boolean;
  /** Appends what is queued, then rewrites the log as the live records. */
  compact(): Promise<void>;
  /** Appends what is queued and waits for every write. */
  flush(): Promise<void>;
  /** Flushes, then closes the log. */
  close(): Promise<void>;
}

/**
 * The write side shared by the history store and the team store: each change is queued as one line,
 * a tick's lines are appended in one `append`, and once the log holds more than twice the live
 * records (`live()`) plus 1000 it is replaced by `snapshot()`. A failed write or compaction is logged
 * as `<name>: write failed` / `<name>: compaction failed`; the next writes go on.
 */
export function createLogWriter(
  log: AppendLog,
  o: {
    /** Lines the log holds now (those read on open). */
    lineCount: number;
    /** How many records are live. */
    live: () => number;
    /** The live records as lines, as compaction writes them. */
    snapshot: () => string[];
    logger: Pick<Logger, 'error'>;
    /** Names the log in error messages. */
    name: string;
  },
): LogWriter {
  let lineCount = o.lineCount;
  let pending: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;
  const oversized = () => lineCount > 2 * o.live() + 1000;

  const compact = (): Promise<void> => {
    writing = writing
      .then(async () => {
        const lines = o.snapshot();
        await log.replaceAll(lines);
        lineCount = lines.length;
      })
      .catch((e: unknown) => o.logger.error(`${o.name}: compaction failed`, { error: String(e) }));
    return writing;
  };
  const drain = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    writing = writing
      .then(() => log.append(batch))
      .then(() => {
        lineCount += batch.length;
        if (oversized()) void compact();
      })
      .catch((e: unknown) => o.logger.error(`${o.name}: write failed`, { error: String(e) }));
  };

  return {
    enqueue(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(drain);
      }
    },
    oversized,
    async compact() {
      drain();
      await compact();
    },
    async flush() {
      drain();
      await writing;
    },
    async close() {
      drain();
      await writing;
      await log.close();
    },
  };
}
