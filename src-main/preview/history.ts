/**
 * A shift history for the browser preview: H7's history service over an in-memory log and store
 * (nothing is written to disk; it lasts as long as the preview runs), reading shared runbook files
 * from a local path or an https URL. `previewHistoryPort` hands it to the runtime, which attaches it
 * to the running companion and follows source switches.
 */
import type { NotificationRequest } from '../core/events.js';
import { createMemoryAppendLog } from '../core/history/append-log.js';
import { createHistoryService, type HistoryService } from '../core/history/service.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import { createRunbookReader } from '../core/runbooks/source.js';
import { createMemoryStore } from '../core/storage/memory-store.js';
import type { HistoryHandle, HistoryPort } from '../app/runtime.js';
import { readRunbookFile } from '../node/history.js';

/** Options of {@link createPreviewHistory}. */
export interface PreviewHistoryOptions {
  logger: Logger;
  clock?: Clock;
  /** IANA zone for off hours and days; the system's when absent. */
  timeZone?: string;
  /** The handoff reminder. */
  onNotification?: (n: NotificationRequest) => void;
}

/** Open an in-memory history service for the preview. */
export function createPreviewHistory(opts: PreviewHistoryOptions): Promise<HistoryService> {
  return createHistoryService({
    log: createMemoryAppendLog(),
    store: createMemoryStore(),
    clock: opts.clock ?? systemClock,
    logger: opts.logger,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...(opts.onNotification ? { onNotification: opts.onNotification } : {}),
    readRunbookSource: createRunbookReader({
      readFile: readRunbookFile,
      fetch: (u, i) => fetch(u, i),
    }),
  });
}

/** One in-memory history for the whole preview, opened on first use; `service()` once open. */
export function previewHistoryPort(opts: Omit<PreviewHistoryOptions, 'onNotification'>): HistoryPort & {
  service(): HistoryService | null;
} {
  let opened: Promise<HistoryHandle> | null = null;
  let service: HistoryService | null = null;
  return {
    open(_source, hooks) {
      opened ??= createPreviewHistory({ ...opts, onNotification: hooks.onNotification }).then((s) => {
        service = s;
        return { service: s, close: () => s.close() };
      });
      return opened;
    },
    service: () => service,
  };
}
