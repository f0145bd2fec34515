/**
 * What each contract channel does, in terms of the services the runtime holds: the running
 * companion, the settings service, the history service and the external-link opener. The handler
 * map's type is derived from src-main/ipc/contract.ts, so a channel without a handler fails `tsc`;
 * `callHandler` is the one envelope both transports (Electron IPC, the preview's HTTP) answer with.
 */
import type { z } from 'zod';
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
import { PRIMARY_ACCOUNT_ID } from '../shared/accounts.js';
import type { Logger } from '../core/ports.js';
import type { AppSettings } from '../ipc/app-settings.js';
import {
  parseArgs,
  type invokeChannels,
  type InvokeName,
  type InvokeResults,
  type NotificationHealth,
  type IpcErrorCode,
  type IpcResult,
  type ServiceRunbook,
} from '../ipc/contract.js';
import type { ShownUpdateStatus } from '../core/update/status.js';
import { checkExternalUrl, checkRunbookUrl } from './external-url.js';
import type { SignInController } from './signin.js';
import type { SettingsService } from './settings-service.js';
import type { RunningAccount } from './accounts.js';
import { windowNames, type NamesAccount } from './names.js';

/** Parsed arguments of a channel. */
export type ArgsOf<K extends InvokeName> = z.output<(typeof invokeChannels)[K]['args']>;

/** One implementation per contract channel. */
export type Handlers = {
  [K in InvokeName]: (...args: ArgsOf<K>) => Promise<InvokeResults[K]> | InvokeResults[K];
};

/** An error with a contract code, thrown by handlers to pick the code; its message is for the user. */
export class HandlerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

/** What the update channels reach: the shell's update controller, or the preview's fixed answer. */
export interface UpdatesPort {
  status(): ShownUpdateStatus;
  installNow(): { accepted: boolean; reason: string | null };
}

/** How links leave the app: the shell opens them in the system browser; the preview only says where. */
export type ExternalLinks =
  { open(url: string): Promise<void> } | { refuse(url: string, what?: 'incident' | 'link'): string };

/** The history service (src-main/core/history/service.ts) as the shell uses it. */
export interface HistoryLike {
  getMetrics(range: TimeRange | null): Promise<LoadMetrics> | LoadMetrics;
  getReport(period: ReportPeriod): Promise<HandoffReport> | HandoffReport;
  getRunbook(incidentId: string): Promise<RunbookView> | RunbookView;
  /** The runbook of a service (the Services view), when the history knows runbooks. */
  runbookFor?(service: { id: string; name: string }): ServiceRunbook | null;
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
  /** Every account (the first one first), to check an incident's link against its own API host. */
  accounts?: () => Array<Pick<RunningAccount, 'tag' | 'apiUrl' | 'kind'>>;
  settings: SettingsService;
  history: () => HistoryLike | null;
  /** Why there is no history at all on this host (null: it is merely not open yet). */
  historyMissing?: string | null;
  links: ExternalLinks;
  /** The Team view's service (src-main/core/team/service.ts), once the host's team history is open. */
  team?: () => Pick<TeamService, 'getTeamLoad'> | null;
  /** Why there is no team service (null: it is merely not open yet). */
  teamMissing?: () => string | null;
  now: () => number;
  /** The updates (electron/updater.ts in the shell; a fixed status in the preview); absent in tests. */
  updates?: () => UpdatesPort | null;
  /** Do Not Disturb and the last failed notification (the host's port: electron/main.ts keeps them; the preview answers for the browser). */
  notificationHealth?: () => NotificationHealth;
  /** Show a test notification; absent when the host has no notifier. */
  testNotification?: () => Promise<{ delivered: boolean; reason: string | null }>;
  /** "Sign in with PagerDuty" (absent: the host cannot sign in). */
  signIn?: SignInController;
  /** Every account's names directory (the first account first), for the Settings pickers. */
  names?: () => NamesAccount[];
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

function need<T>(value: T | null, what: string, missing: string | null = null): T {
  if (value === null)
    throw new HandlerError('unavailable', missing ?? `${what} is not ready yet; try again in a moment`);
  return value;
}

/** Build the handler of every channel. */
export function createHandlers(s: HandlerServices): Handlers {
  const companion = (): CompanionApi => {
    const c = s.companion();
    const problem = c ? null : (s.sourceProblem?.() ?? null);
    if (problem) throw new HandlerError('unavailable', `the incident feed is not running: ${problem}`);
    return need(c, 'the incident feed');
  };
  const history = (): HistoryLike => {
    const h = s.history();
    if (!h && s.historyMissing) throw new HandlerError('unavailable', s.historyMissing);
    return need(h, 'the shift history');
  };
  const open = async (url: string) => {
    if ('refuse' in s.links) return { opened: false, reason: s.links.refuse(url) };
    await s.links.open(url);
    return { opened: true, reason: null };
  };
  // Links main itself handed out in runbook views (runbook links, also the shared file's, and https
  // links of the incident's first alert): the only links besides configured hosts it will open.
  const offered = new Set<string>();
  const offer = (urls: ReadonlyArray<string | null>): void => {
    for (const u of urls) {
      if (!u) continue;
      offered.delete(u);
      offered.add(u);
    }
    while (offered.size > MAX_OFFERED) offered.delete(offered.values().next().value as string);
  };
  const remember = async (v: Promise<RunbookView> | RunbookView): Promise<RunbookView> => {
    const view = await v;
    offer([view.url, ...view.candidates]);
    return view;
  };
  const names = windowNames(() => {
    const list = s.names?.() ?? [];
    if (list.length === 0) companion(); // says why the feed (and so its directory) is not running
    return list;
  });
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
      const account = incident.account && s.accounts?.().find((a) => a.tag.id === incident.account!.id);
      const apiUrl =
        account && account.tag.id !== PRIMARY_ACCOUNT_ID
          ? account.kind === 'pagerduty'
            ? account.apiUrl
            : null
          : apiUrlOf(s.settings.get().source);
      const check = checkExternalUrl(incident.htmlUrl, apiUrl);
      if (!check.ok) return { opened: false, reason: check.reason };
      if ('refuse' in s.links) return { opened: false, reason: s.links.refuse(check.url, 'incident') };
      return open(check.url);
    },
    openExternal: async (url) => {
      // A host that opens nothing says where the link goes; nothing to guard.
      if ('refuse' in s.links) return open(url);
      const settings = s.settings.get();
      const check = checkRunbookUrl(url, apiUrlOf(settings.source), {
        hosts: runbookHosts(settings),
        urls: offered,
      });
      if (!check.ok) return { opened: false, reason: check.reason };
      return open(check.url);
    },
    getSettings: () => s.settings.view(),
    getNotificationHealth: () => s.notificationHealth?.() ?? { silenced: null, lastFailure: null },
    testNotification: async () =>
      s.testNotification ? s.testNotification() : { delivered: false, reason: 'no notifier in this shell' },
    updateSettings: (patch) => updateSettings(s, patch),
    setToken: (token) => {
      s.signIn?.forget();
      return s.settings.setToken(token);
    },
    // The tokens are deleted, then a sign-in is revoked where PagerDuty allows (the view says which).
    clearToken: async () => {
      if (s.signIn) await s.signIn.signOut(() => void s.settings.clearToken());
      else s.settings.clearToken();
      return s.settings.view();
    },
    setAccountToken: (id, token) => {
      s.signIn?.forget(id);
      return s.settings.setAccountToken(id, token);
    },
    clearAccountToken: async (id) => {
      if (s.signIn) await s.signIn.signOut(() => void s.settings.clearAccountToken(id), id);
      else s.settings.clearAccountToken(id);
      return s.settings.view();
    },
    startSignIn: async () => {
      if (!s.signIn) throw new HandlerError('unavailable', 'this window cannot sign in; paste an API token');
      return s.signIn.start();
    },
    startAccountSignIn: async (accountId) => {
      if (!s.signIn) throw new HandlerError('unavailable', 'this window cannot sign in; paste an API token');
      return s.signIn.start(accountId);
    },
    getSignIn: () => s.signIn?.view() ?? { state: 'none', url: null, message: null },
    pauseLowUrgency: (minutes) => pauseLowUrgency(s, minutes),
    getMetrics: (range) => history().getMetrics(range),
    getReport: (period) => history().getReport(period),
    getTeamLoad: (req) => {
      const team = need(s.team?.() ?? null, 'the team history', s.teamMissing?.() ?? null);
      return team.getTeamLoad(req);
    },
    getRunbook: (id) => remember(history().getRunbook(id)),
    setChecklistStep: (id, index, done) => remember(history().setChecklistStep(id, index, done)),
    getUpdateStatus: () => need(s.updates?.() ?? null, 'the updater').status(),
    installUpdate: () => need(s.updates?.() ?? null, 'the updater').installNow(),
    getRoster: (days) => companion().roster(days),
    trade: (request) => companion().trade(request),
    getServices: async (query, refresh) => {
      const answer = await companion().services(query, { refresh });
      const h = s.history();
      const services = answer.services.map((o) => ({
        ...o,
        runbook: h?.runbookFor?.({ id: o.service.id, name: o.service.name }) ?? null,
      }));
      // The runbook links shown here may open (on a click), like those of a runbook view.
      offer(services.map((o) => o.runbook?.url ?? null));
      return { ...answer, services };
    },
    getOncallFor: (id) => companion().oncallFor(id),
    getIncidentWork: async (id) => {
      const c = companion();
      const work = await c.incidentWork(id);
      // The bridge and the alerts' https links are offered in this view: exactly those may open.
      // So are the related change events' links (https only, kept so by the client).
      offer([
        work.conferenceBridge?.url ?? null,
        ...work.alerts.flatMap((a) => a.links ?? []),
        ...work.changeEvents.flatMap((c) => c.links.map((l) => l.href)),
      ]);
      return { ...work, respondersUnavailable: c.respondersUnavailable(id) };
    },
    findUsers: (q, id) => companion().findUsers(q, id),
    findPolicies: (q, id) => companion().findPolicies(q, id),
    getPriorities: (id) => companion().priorities(id),
    reassign: (id, to) => companion().reassign(id, to),
    escalate: (id, level) => companion().escalate(id, level),
    addResponders: (id, users, message) => companion().addResponders(id, users, message),
    setPriority: (id, priority) => companion().setPriority(id, priority),
    setUrgency: (id, urgency) => companion().setUrgency(id, urgency),
    postStatusUpdate: (id, message) => companion().statusUpdate(id, message),
    mergeIncidents: (id, sources) => companion().merge(id, sources),
    findServices: (q, opts) => names.findServices(q, opts),
    findTeams: (q, opts) => names.findTeams(q, opts),
    lookupNames: (ids) => names.lookupNames(ids),
  };
}

/**
 * Save settings from the window. The view returned carries the shared runbook file's error: it waits
 * for the file's load. Main reloads the file when the runbooks or their source changed; saving again
 * unchanged re-reads it here (the team may have fixed it since).
 */
export async function updateSettings(
  s: Pick<HandlerServices, 'settings' | 'history' | 'signIn'>,
  patch: Record<string, unknown>,
): Promise<InvokeResults['updateSettings']> {
  const before = s.settings.get();
  // A removed account's sign-in is revoked once it is gone (its source stopped), like Sign out.
  const kept = Array.isArray(patch.accounts)
    ? new Set((patch.accounts as Array<{ id?: unknown }>).map((a) => a?.id))
    : null;
  const removed = kept ? before.accounts.filter((a) => !kept.has(a.id)).map((a) => a.id) : [];
  const captured = removed.flatMap((id) => {
    const token = s.signIn?.capture(id) ?? null;
    return token ? [{ id, token }] : [];
  });
  const res = s.settings.update(patch);
  if (!res.ok) return res;
  for (const r of removed) s.signIn?.forget(r);
  if (captured.length > 0) {
    await s.settings.settled();
    await Promise.all(captured.map((c) => s.signIn!.revokeCaptured(c.token, c.id)));
  }
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

const fail = (code: IpcErrorCode, message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Carry out one call for a transport: validate the raw arguments against the contract, run the
 * handler, and answer an `IpcResult` envelope, never a throw. A `HandlerError`'s message is the
 * user's; any other failure is prefixed with the channel and has secrets removed.
 */
export async function callHandler(
  handlers: Handlers,
  name: InvokeName,
  raw: unknown[],
  opts: { logger: Logger; redact?: (text: string) => string },
): Promise<IpcResult<unknown>> {
  const parsed = parseArgs(name, raw);
  if (!parsed.ok) return fail('bad_arguments', parsed.message);
  try {
    const handler = handlers[name] as (...a: unknown[]) => unknown;
    return { ok: true, value: await handler(...(parsed.args as unknown[])) };
  } catch (err) {
    const redact = opts.redact ?? ((t: string) => t);
    const message = redact(err instanceof Error ? err.message : String(err));
    const code = err instanceof HandlerError ? err.code : 'failed';
    opts.logger.warn('call failed', { call: name, code, message });
    return fail(code, err instanceof HandlerError ? message : `${name}: ${message}`);
  }
}
