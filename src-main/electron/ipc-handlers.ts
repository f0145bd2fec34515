/**
 * What each IPC channel does, in terms of the services the shell holds: the running companion, the
 * settings service, the history service and the external-link opener.
 */
import type { TeamService } from '../core/team/service.js';
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
import type { InvokeResults, NotificationHealth } from '../ipc/contract.js';
import type { UpdateController } from '../core/update/controller.js';
import { IpcError, type IpcHandlers } from './ipc.js';
import { checkExternalUrl, checkRunbookUrl } from './external-url.js';
import type { SettingsService } from './settings-service.js';

/** The history service (src-main/core/history/service.ts) as the shell uses it. */
export interface HistoryLike {
  getMetrics(range: TimeRange | null): Promise<LoadMetrics> | LoadMetrics;
  getReport(period: ReportPeriod): Promise<HandoffReport> | HandoffReport;
  getRunbook(incidentId: string): Promise<RunbookView> | RunbookView;
  setChecklistStep(incidentId: string, index: number, done: boolean): Promise<RunbookView> | RunbookView;
  /** Re-reads the shared runbook file (see `HistoryService.setRunbooks`). */
  setRunbooks?(
    runbooks: AppSettings['runbooks'],
    source: string | null,
  ): Promise<{ sourceError: string | null }>;
}

/** What the handlers need. */
export interface HandlerServices {
  /** The companion of the current source; null while it starts or after it failed. */
  companion: () => CompanionApi | null;
  /** Why there is no companion (shown to the user), or null while it is merely starting. */
  sourceProblem?: () => string | null;
  settings: SettingsService;
  history: () => HistoryLike | null;
  /** The Team view's service (src-main/core/team/service.ts), when the shell wires one. */
  team?: () => Pick<TeamService, 'getTeamLoad'> | null;
  openInBrowser: (url: string) => Promise<void>;
  now: () => number;
  /** The update controller (electron/updater.ts); absent in tests that do not need it. */
  updates?: () => UpdateController | null;
  /** Do Not Disturb and the last failed notification (electron/main.ts keeps them). */
  notificationHealth?: () => NotificationHealth;
  /** Show a test notification; null when the shell has no notifier. */
  testNotification?: () => Promise<{ delivered: boolean; reason: string | null }>;
}

/** How many offered runbook links are remembered (oldest forgotten first). */
const MAX_OFFERED = 500;

/**
 * Hosts of the runbook links the user configured: each Settings runbook's https link and an https
 * shared runbook file's host. The user typed these, so any page on those hosts may open (a wiki's
 * other pages); links from alerts are trusted only exactly as offered (see `openExternal`).
 */
export function runbookHosts(settings: Pick<AppSettings, 'runbooks' | 'runbookSource'>): string[] {
  const hosts = new Set<string>();
  for (const raw of [...settings.runbooks.map((r) => r.url), settings.runbookSource]) {
    if (!raw) continue;
    try {
      const u = new URL(raw);
      if (u.protocol === 'https:') hosts.add(u.hostname.toLowerCase());
    } catch {
      // A path or a malformed link adds no host.
    }
  }
  return [...hosts];
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
  // Links main itself handed out in runbook views (runbook links, also the shared file's, and https
  // links of the incident's first alert): the only links besides configured hosts it will open.
  const offered = new Set<string>();
  const remember = async (v: Promise<RunbookView> | RunbookView): Promise<RunbookView> => {
    const view = await v;
    for (const u of [view.url, ...view.candidates]) {
      if (!u) continue;
      offered.delete(u);
      offered.add(u);
    }
    while (offered.size > MAX_OFFERED) offered.delete(offered.values().next().value as string);
    return view;
  };
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
    holdAction: (kind, ids, seconds) => companion().hold(kind, ids, seconds),
    undoAction: async (actionId) => ({ undone: await companion().undo(actionId) }),
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
    openExternal: async (url) => {
      const settings = s.settings.get();
      const check = checkRunbookUrl(url, apiUrlOf(settings.source), {
        hosts: runbookHosts(settings),
        urls: offered,
      });
      if (!check.ok) return { opened: false, reason: check.reason };
      await s.openInBrowser(check.url);
      return { opened: true, reason: null };
    },
    getSettings: () => s.settings.view(),
    getNotificationHealth: () => s.notificationHealth?.() ?? { silenced: null, lastFailure: null },
    testNotification: async () =>
      s.testNotification ? s.testNotification() : { delivered: false, reason: 'no notifier in this shell' },
    updateSettings: (patch) => updateSettings(s, patch),
    setToken: (token) => s.settings.setToken(token),
    clearToken: () => s.settings.clearToken(),
    pauseLowUrgency: (minutes) => pauseLowUrgency(s, minutes),
    getMetrics: (range) => history().getMetrics(range),
    getReport: (period) => history().getReport(period),
    getTeamLoad: (req) => {
      const team = s.team?.() ?? null;
      if (!team)
        throw new IpcError(
          'unavailable',
          'the Team view is not wired in the desktop shell yet: use oncall-companion preview, or load and review',
        );
      return team.getTeamLoad(req);
    },
    getRunbook: (id) => remember(history().getRunbook(id)),
    setChecklistStep: (id, index, done) => remember(history().setChecklistStep(id, index, done)),
    getUpdateStatus: () => need(s.updates?.() ?? null, 'the updater').status(),
    installUpdate: () => need(s.updates?.() ?? null, 'the updater').installNow(),
    getRoster: (days) => companion().roster(days),
    trade: (request) => companion().trade(request),
  };
}

/**
 * Save settings from the window. The view returned carries the shared runbook file's error: it waits
 * for the file's load. Main reloads the file when the runbooks or their source changed; saving again
 * unchanged re-reads it here (the team may have fixed it since).
 */
export async function updateSettings(
  s: Pick<HandlerServices, 'settings' | 'history'>,
  patch: Record<string, unknown>,
): Promise<InvokeResults['updateSettings']> {
  const before = s.settings.get();
  const res = s.settings.update(patch);
  if (!res.ok) return res;
  const after = res.view.settings;
  const h = s.history();
  const unchanged =
    after.runbookSource === before.runbookSource &&
    JSON.stringify(after.runbooks) === JSON.stringify(before.runbooks);
  if (after.runbookSource && unchanged && h?.setRunbooks) {
    s.settings.trackRunbookSource(
      h.setRunbooks(after.runbooks, after.runbookSource).then((r) => r.sourceError),
    );
  }
  await s.settings.settled();
  return { ok: true, view: s.settings.view() };
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
