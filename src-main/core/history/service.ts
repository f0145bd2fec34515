/**
 * The history service the hosts (Electron IPC, preview server, CLI) call: it records the companion's
 * events, answers metrics, handoff reports and runbook checklists, and raises the shift-end reminder.
 */
import type { CompanionApi, CompanionSnapshot } from '../companion-types.js';
import type { Incident } from '../domain.js';
import type { NotificationRequest } from '../events.js';
import type { Clock, DocumentStore, Logger } from '../ports.js';
import type { Runbook } from '../../shared/runbook.js';
import type { AppendLog } from './append-log.js';
import { openHistoryStore, type HistoryNote, type HistoryStore } from './store.js';
import { attachRecorder } from './recorder.js';
import { computeMetrics } from './metrics.js';
import { buildReport, reportFileName } from './report.js';
import { currentShiftSpan, handoffNotification, handoffReminderDue } from './handoff.js';
import { resolvePeriod } from './periods.js';
import { backfill, mergeBackfilled, type BackfillOptions } from './backfill.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import { DEFAULT_OFF_HOURS, type OffHoursWindow } from './local-time.js';
import type {
  HandoffReport,
  LoadMetrics,
  PageRecord,
  ReportPeriod,
  RunbookView,
  TimeRange,
} from './types.js';
import { openChecklistStore } from '../runbooks/checklists.js';
import { findRunbook } from '../runbooks/match.js';
import { loadRunbookSource } from '../runbooks/source.js';
import { runbookCandidates } from '../runbooks/candidates.js';
import type { FileRunbook } from '../runbooks/format.js';

const DAY_MS = 86_400_000;
const LEDGER_KEY = 'history-handoff-ledger';

/** What the service is built from. */
export interface HistoryServiceOptions {
  log: AppendLog;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  offHours?: OffHoursWindow;
  /** IANA zone for off hours, weekends, days and report times; the system's when absent. */
  timeZone?: string;
  /** Reads a runbook source (path or https URL); see `createRunbookReader`. */
  readRunbookSource?: (source: string) => Promise<string>;
  /** Saves a report's Markdown under a relative name such as `reports/2026-11-30-0800.md`. */
  writeReport?: (name: string, markdown: string) => Promise<void>;
  /** Minutes before a shift ends to remind; 0 = never (default 30). */
  handoffReminderMinutes?: number;
  /** Called with the handoff reminder (after its report is built and saved). */
  onNotification?: (n: NotificationRequest) => void;
}

/** The history service. */
export interface HistoryService {
  /** Records the companion's events and follows its shifts; returns the detach function. */
  attach(companion: CompanionApi): () => void;
  /** Metrics over a range; null = the current shift when on call, else the last 7 days. */
  getMetrics(range: TimeRange | null): Promise<LoadMetrics>;
  /** Builds (and saves, when a writer is given) a handoff report. */
  getReport(period: ReportPeriod): Promise<HandoffReport>;
  getRunbook(incidentId: string): Promise<RunbookView>;
  /** The runbook that applies to a service (Settings by id, else the shared file by id or name), or null. */
  runbookFor(service: {
    id: string;
    name: string;
  }): { url: string | null; steps: number; origin: 'settings' | 'file' } | null;
  setChecklistStep(incidentId: string, step: number, done: boolean): Promise<RunbookView>;
  /** Runbooks from Settings and the shared file's source (path or https URL, null = none). */
  setRunbooks(runbooks: Runbook[], source: string | null): Promise<{ sourceError: string | null }>;
  /** Applies changed settings. */
  updateOptions(o: { offHours?: OffHoursWindow; handoffReminderMinutes?: number }): void;
  /** Checks the shift-end reminder now (also done on every companion event); returns it when raised. */
  checkHandoff(): Promise<NotificationRequest | null>;
  /** Merges backfilled records (filling only what is missing); returns how many were new. */
  importRecords(records: PageRecord[]): number;
  /** Backfills a past range from PagerDuty (see `backfill.ts`) and merges it; progress via `o.onProgress`. */
  backfill(
    api: PagerDutyApi,
    range: TimeRange,
    o: Pick<
      BackfillOptions,
      'me' | 'timers' | 'onProgress' | 'teamIds' | 'serviceIds' | 'signal' | 'minIntervalMs'
    >,
  ): Promise<{ fetched: number; added: number }>;
  records(): readonly PageRecord[];
  notes(): readonly HistoryNote[];
  /** Resolves when every change so far is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the history (rebuilding its index from the log) and returns the service. */
export async function createHistoryService(opts: HistoryServiceOptions): Promise<HistoryService> {
  const { clock, logger } = opts;
  const history: HistoryStore = await openHistoryStore(opts.log, logger);
  const checklists = await openChecklistStore(opts.store, logger);
  let offHours = opts.offHours ?? DEFAULT_OFF_HOURS;
  let leadMinutes = opts.handoffReminderMinutes ?? 30;
  const tz = opts.timeZone;
  let settingsRunbooks: Runbook[] = [];
  let fileRunbooks: FileRunbook[] = [];
  let sourceError: string | null = null;
  let companion: CompanionApi | null = null;
  let ledger: string[] = [];
  try {
    const l = await opts.store.read<string[]>(LEDGER_KEY);
    if (Array.isArray(l)) ledger = l.filter((k) => typeof k === 'string');
  } catch (e) {
    logger.warn('history: could not read the handoff ledger', { error: String(e) });
  }

  const snapshot = (): CompanionSnapshot | null => {
    try {
      return companion ? companion.snapshot() : null;
    } catch {
      return null;
    }
  };
  const shift = () => {
    const s = snapshot();
    return s ? currentShiftSpan(s.shifts) : null;
  };
  const metricsOpts = () => ({ offHours, ...(tz ? { timeZone: tz } : {}) });

  const incidentById = (id: string): Incident | undefined => snapshot()?.incidents.find((i) => i.id === id);

  /** `known`: the open incidents by id when the caller already has a snapshot (a report's loop). */
  const viewOf = (incidentId: string, known?: ReadonlyMap<string, Incident>): RunbookView => {
    const inc = known ? known.get(incidentId) : incidentById(incidentId);
    const rec = history.page(incidentId);
    const ticks = checklists.get(incidentId);
    const service = inc
      ? { id: inc.service.id, name: inc.service.summary }
      : rec
        ? { id: rec.serviceId, name: rec.serviceName }
        : ticks
          ? { id: ticks.serviceId, name: ticks.serviceName }
          : null;
    if (!service) throw new Error('That incident is not known here (not open and not in the history).');
    const rb = findRunbook(service, settingsRunbooks, fileRunbooks);
    const done = new Set(ticks?.done ?? []);
    return {
      incidentId,
      serviceId: service.id,
      url: rb?.url ?? null,
      steps: (rb?.steps ?? []).map((text) => ({ text, done: done.has(text) })),
      candidates: runbookCandidates(inc?.details),
      sourceError,
    };
  };

  const getReport = async (period: ReportPeriod): Promise<HandoffReport> => {
    const now = clock.now();
    const { range, label } = resolvePeriod(period, now, shift(), history.shifts());
    const snap = snapshot();
    const openIncidents = snap ? snap.incidents.filter((i) => i.status !== 'resolved') : [];
    const open: HandoffReport['open'] = openIncidents.map((i) => ({
      incidentId: i.id,
      title: i.title,
      serviceName: i.service.summary,
      urgency: i.urgency,
      status: i.status,
    }));
    const inRange = history
      .pages()
      .filter((p) => p.triggeredAt >= range.since && p.triggeredAt < range.until);
    const ids = new Set([...inRange.map((p) => p.incidentId), ...openIncidents.map((i) => i.id)]);
    const openIds = new Set(openIncidents.map((i) => i.id));
    const lists: HandoffReport['checklists'] = [];
    // One snapshot for the whole loop, not two per incident.
    const byId = new Map((snap?.incidents ?? []).map((i) => [i.id, i]));
    for (const id of ids) {
      let v: RunbookView;
      try {
        v = viewOf(id, byId);
      } catch {
        continue;
      }
      if (!v.steps.length) continue;
      const ticked = v.steps.some((s) => s.done);
      if (!ticked && !openIds.has(id)) continue;
      lists.push({
        incidentId: id,
        serviceName: byId.get(id)?.service.summary ?? history.page(id)?.serviceName ?? v.serviceId,
        done: v.steps.filter((s) => s.done).map((s) => s.text),
        pending: v.steps.filter((s) => !s.done).map((s) => s.text),
      });
    }
    const report = buildReport({
      now,
      range,
      label,
      records: history.pages(),
      open,
      checklists: lists,
      notes: history.notes(),
      metrics: metricsOpts(),
    });
    if (opts.writeReport) {
      try {
        await opts.writeReport(reportFileName(range, now, tz), report.markdown);
      } catch (e) {
        logger.warn('history: could not save the report', {
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    return report;
  };

  const importRecords = (records: PageRecord[]): number => {
    let added = 0;
    for (const r of records) {
      const prev = history.page(r.incidentId);
      const merged = mergeBackfilled(prev, r);
      if (!prev) added++;
      if (merged !== prev) history.upsert(merged);
    }
    return added;
  };

  /** Who takes over when my shift ends at `end` (from the roster), or null when unknown. */
  const nextOnCall = async (end: number): Promise<string | null> => {
    try {
      const roster = await companion?.roster(1);
      const mine = roster?.shifts.find((s) => Math.abs(Date.parse(s.end) - end) < 60_000);
      return mine?.handsOverTo?.summary ?? null;
    } catch (e) {
      logger.debug('history: could not read who is on call next', { error: String(e) });
      return null;
    }
  };

  let checking: Promise<NotificationRequest | null> | null = null;
  const checkHandoff = (): Promise<NotificationRequest | null> => {
    if (checking) return checking;
    checking = (async () => {
      const now = clock.now();
      const cur = shift();
      const key = handoffReminderDue(now, cur?.end ?? null, leadMinutes, ledger);
      if (!key || !cur || cur.end === null) return null;
      ledger = [...ledger, key].slice(-50);
      await opts.store
        .write(LEDGER_KEY, ledger)
        .catch((e: unknown) =>
          logger.warn('history: could not save the handoff ledger', { error: String(e) }),
        );
      const report = await getReport({ kind: 'current' });
      const n = handoffNotification(
        key,
        Math.max(1, Math.ceil((cur.end - now) / 60_000)),
        report.metrics.pages,
        report.open.length,
        await nextOnCall(cur.end),
      );
      opts.onNotification?.(n);
      return n;
    })().finally(() => {
      checking = null;
    });
    return checking;
  };

  return {
    attach(c) {
      companion = c;
      const offRec = attachRecorder(c, history, {
        offHours: () => offHours,
        ...(tz ? { timeZone: tz } : {}),
      });
      // The handoff depends on the shift and the clock: sync events (at least once a minute while live,
      // the engine's heartbeat) and shift events are enough; per incident event it only rebuilt snapshots.
      const offCheck = c.subscribe((e) => {
        if (e.type !== 'sync' && !e.type.startsWith('shift.')) return;
        void checkHandoff().catch((e: unknown) =>
          logger.warn('history: handoff check failed', { error: String(e) }),
        );
      });
      return () => {
        offRec();
        offCheck();
        if (companion === c) companion = null;
      };
    },
    async getMetrics(range) {
      const now = clock.now();
      const cur = range ? null : shift();
      const r =
        range ?? (cur ? { since: cur.start, until: now + 1 } : { since: now - 7 * DAY_MS, until: now + 1 });
      return computeMetrics(history.pages(), r, metricsOpts());
    },
    getReport,
    async getRunbook(incidentId) {
      return viewOf(incidentId);
    },
    runbookFor(service) {
      const rb = findRunbook(service, settingsRunbooks, fileRunbooks);
      return rb ? { url: rb.url, steps: rb.steps.length, origin: rb.origin } : null;
    },
    async setChecklistStep(incidentId, step, done) {
      const v = viewOf(incidentId);
      const target = v.steps[step];
      if (!target) throw new Error(`This runbook has no step ${step + 1}.`);
      const prev = checklists.get(incidentId);
      const set = new Set(prev?.done ?? []);
      if (done) set.add(target.text);
      else set.delete(target.text);
      const serviceName =
        incidentById(incidentId)?.service.summary ??
        history.page(incidentId)?.serviceName ??
        prev?.serviceName ??
        v.serviceId;
      await checklists.set(incidentId, {
        serviceId: v.serviceId,
        serviceName,
        done: [...set],
        at: clock.now(),
      });
      return viewOf(incidentId);
    },
    async setRunbooks(runbooks, source) {
      settingsRunbooks = [...runbooks];
      if (!source) {
        fileRunbooks = [];
        sourceError = null;
      } else if (!opts.readRunbookSource) {
        fileRunbooks = [];
        sourceError = 'Loading a runbook file is not available here.';
      } else {
        const res = await loadRunbookSource(source, opts.readRunbookSource);
        if (res.ok) {
          fileRunbooks = res.runbooks;
          sourceError = null;
        } else {
          // Keep the last good file's runbooks; show why the new one was refused.
          sourceError = res.error;
          logger.warn('runbooks: the shared file was refused', { error: res.error });
        }
      }
      return { sourceError };
    },
    updateOptions(o) {
      if (o.offHours) offHours = o.offHours;
      if (o.handoffReminderMinutes !== undefined) leadMinutes = o.handoffReminderMinutes;
    },
    checkHandoff,
    importRecords,
    async backfill(api, range, o) {
      const records = await backfill(api, range, {
        ...o,
        clock,
        logger,
        offHours,
        ...(tz ? { timeZone: tz } : {}),
      });
      const added = importRecords(records);
      await history.flush();
      return { fetched: records.length, added };
    },
    records: () => history.pages(),
    notes: () => history.notes(),
    flush: () => history.flush(),
    async close() {
      companion = null;
      await history.close();
    },
  };
}
