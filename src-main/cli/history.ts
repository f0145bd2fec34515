/**
 * The shift history in the headless command: opened in the source's data folder
 * (`<data dir>/<source>/history/`), handoff reports saved next to it (`<source>/reports/`; the demo's
 * go to `demo/reports/`, which outlive the run), the shift-end reminder checked on a timer, and the
 * report saved when a shift ends.
 */
import { dirname } from 'node:path';
import type { CompanionApi } from '../core/companion-types.js';
import type { CoreEvent, NotificationRequest } from '../core/events.js';
import type { HistoryService } from '../core/history/service.js';
import type { Logger } from '../core/ports.js';
import { historyDir, openFileHistory, type FileHistory } from '../node/history.js';
import type { OpenedSource } from '../node/source.js';

/** How often `watch` checks the shift-end reminder besides on every event. */
export const HANDOFF_CHECK_MS = 30_000;

/** Options of {@link openSourceHistory}. */
export interface SourceHistoryOptions {
  logger: Logger;
  /** Save handoff reports (watch: at shift end and with the reminder). */
  saveReports?: boolean;
  onReportSaved?: (path: string) => void;
  handoffReminderMinutes?: number;
  onNotification?: (n: NotificationRequest) => void;
}

/** Where a source's saved reports go: `<source>/reports`, or `demo/reports` for a demo run. */
export function reportsRootOf(opened: Pick<OpenedSource, 'dataDir' | 'source'>): string {
  // A demo run's folder (demo/run-*) is removed when the run ends; its reports are kept one level up.
  return opened.source.kind === 'demo' ? dirname(opened.dataDir) : opened.dataDir;
}

/** Open the history of an opened source. */
export function openSourceHistory(
  opened: Pick<OpenedSource, 'dataDir' | 'source'>,
  o: SourceHistoryOptions,
): Promise<FileHistory> {
  return openFileHistory({
    dir: historyDir(opened.dataDir),
    logger: o.logger,
    reportsRoot: o.saveReports ? reportsRootOf(opened) : null,
    ...(o.onReportSaved ? { onReportSaved: o.onReportSaved } : {}),
    ...(o.handoffReminderMinutes !== undefined ? { handoffReminderMinutes: o.handoffReminderMinutes } : {}),
    ...(o.onNotification ? { onNotification: o.onNotification } : {}),
  });
}

/**
 * What `watch` does with the history: record the companion's events, check the shift-end reminder
 * on a timer (events alone may be minutes apart), and save the report of a shift when it ends.
 * Returns the function that undoes it all.
 */
export function followShifts(
  service: HistoryService,
  companion: CompanionApi,
  logger: Logger,
  timers: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = globalThis,
): () => void {
  // Attached first, so the recorder has stored an ended shift before the report asks for it.
  const detach = service.attach(companion);
  const warn = (what: string) => (e: unknown) =>
    logger.warn(`history: ${what} failed`, { error: e instanceof Error ? e.message : String(e) });
  const unsubscribe = companion.subscribe((e: CoreEvent) => {
    if (e.type === 'shift.ended') {
      void service
        .flush()
        .then(() => service.getReport({ kind: 'last' }))
        .catch(warn('saving the handoff report'));
    }
  });
  const timer = timers.setInterval(() => {
    void service.checkHandoff().catch(warn('the handoff check'));
  }, HANDOFF_CHECK_MS);
  (timer as { unref?: () => void }).unref?.();
  return () => {
    timers.clearInterval(timer);
    unsubscribe();
    detach();
  };
}
