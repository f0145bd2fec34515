/**
 * A shift history for the browser preview: H7's history service over an in-memory log and store
 * (nothing is written to disk; it lasts as long as the preview runs), reading shared runbook files
 * from a local path or an https URL. Pass it as `history` to `startPreviewServer`, which attaches it
 * to the running companion and follows source switches.
 */
import { createMemoryAppendLog } from '../core/history/append-log.js';
import { createHistoryService, type HistoryService } from '../core/history/service.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import { createRunbookReader } from '../core/runbooks/source.js';
import { createMemoryStore } from '../core/storage/memory-store.js';
import { readRunbookFile } from '../node/history.js';

/** Options of {@link createPreviewHistory}. */
export interface PreviewHistoryOptions {
  logger: Logger;
  clock?: Clock;
  /** IANA zone for off hours and days; the system's when absent. */
  timeZone?: string;
}

/** Open an in-memory history service for the preview. */
export function createPreviewHistory(opts: PreviewHistoryOptions): Promise<HistoryService> {
  return createHistoryService({
    log: createMemoryAppendLog(),
    store: createMemoryStore(),
    clock: opts.clock ?? systemClock,
    logger: opts.logger,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    readRunbookSource: createRunbookReader({
      readFile: readRunbookFile,
      fetch: (u, i) => fetch(u, i),
    }),
  });
}
