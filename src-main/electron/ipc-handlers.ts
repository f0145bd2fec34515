/**
 * What each IPC channel does, in terms of the services the shell holds: the running companion, the
 * settings service, the history service and the external-link opener.
 */
import type { CompanionApi } from '../core/companion-types.js';
import type {
  HandoffReport,
  LoadMetrics,
  ReportPeriod,
  RunbookView,
  TimeRange,
} from '../core/history/types.js';
import { apiUrlOf } from '../core/settings.js';
import type { AppSettings } from '../ipc/app-settings.js';
import { IpcError, type IpcHandlers } from './ipc.js';
import { checkExternalUrl } from './external-url.js';
import type { SettingsService } from './settings-service.js';

/** The history service (src-main/core/history/service.ts) as the shell uses it. */
export interface HistoryLike {
  getMetrics(range: TimeRange | null): Promise<LoadMetrics> | LoadMetrics;
  getReport(period: ReportPeriod): Promise<HandoffReport> | HandoffReport;
  getRunbook(incidentId: string): Promise<RunbookView> | RunbookView;
  setChecklistStep(incidentId: string, index: number, done: boolean): Promise<RunbookView> | RunbookView;
}

/** What the handlers need. */
export interface HandlerServices {
  /** The companion of the current source; null while it starts or after it failed. */
  companion: () => CompanionApi | null;
  /** Why there is no companion (shown to the user), or null while it is merely starting. */
  sourceProblem?: () => string | null;
  settings: SettingsService;
  history: () => HistoryLike | null;
  openInBrowser: (url: string) => Promise<void>;
  now: () => number;
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new IpcError('unavailable', `${what} is not ready yet; try again in a moment`);
  return value;
}

/** Build the handler of every channel. */
export function createIpcHandlers(s: HandlerServices): IpcHandlers {
  const companion = (): CompanionApi => {
    const c = s.companion();
    const problem = c ? null : (s.sourceProblem?.() ?? null);
    if (problem) throw new IpcError('unavailable', `the incident feed is not running: ${problem}`);
    return need(c, 'the incident feed');
  };
  const history = (): HistoryLike => need(s.history(), 'the shift history');
  return {
    getSnapshot: () => companion().snapshot(),
    syncNow: async () => {
      await companion().syncNow();
      return null;
    },
    acknowledge: (ids) => companion().acknowledge(ids),
    resolve: (ids) => companion().resolve(ids),
    snooze: (id, seconds) => companion().snooze(id, seconds),
    acknowledgeAllMine: () => companion().acknowledgeAllMine(),
    addNote: (id, content) => companion().addNote(id, content),
    getLogEntries: (id) => companion().logEntries(id),
    openIncidentInBrowser: async (id) => {
      const incident = companion()
        .snapshot()
        .incidents.find((i) => i.id === id);
      if (!incident) return { opened: false, reason: 'that incident is not open any more' };
      const check = checkExternalUrl(incident.htmlUrl, apiUrlOf(s.settings.get().source));
      if (!check.ok) return { opened: false, reason: check.reason };
      await s.openInBrowser(check.url);
      return { opened: true, reason: null };
    },
    getSettings: () => s.settings.view(),
    updateSettings: (patch) => s.settings.update(patch),
    setToken: (token) => s.settings.setToken(token),
    clearToken: () => s.settings.clearToken(),
    pauseLowUrgency: (minutes) => pauseLowUrgency(s, minutes),
    getMetrics: (range) => history().getMetrics(range),
    getReport: (period) => history().getReport(period),
    getRunbook: (id) => history().getRunbook(id),
    setChecklistStep: (id, index, done) => history().setChecklistStep(id, index, done),
  };
}

/** Pause (or with null resume) low-urgency notifications, and remember it in the settings. */
export function pauseLowUrgency(
  s: Pick<HandlerServices, 'companion' | 'settings' | 'now'>,
  minutes: number | null,
) {
  const until = minutes === null ? null : s.now() + minutes * 60_000;
  s.companion()?.pauseLowUrgency(until);
  const patch: Partial<AppSettings> = {
    notifications: { lowUrgencyPausedUntil: until } as AppSettings['notifications'],
  };
  s.settings.update(patch as Record<string, unknown>);
  return { until };
}
