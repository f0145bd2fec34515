/**
 * The one IPC contract shared by main, preload, renderer and the browser preview bridge: every
 * channel, the schema of its arguments and the type of its result, plus the fixed list of events
 * main pushes. Types and constants only; no Electron here.
 */
import { z } from 'zod';
import type {
  ActionAccepted,
  ActionHeld,
  CoreEvent,
  HandoffReport,
  LoadMetrics,
  LogEntry,
  Roster,
  RunbookView,
  ShownUpdateStatus,
  TeamView,
  TradeResult,
  EscalationPolicyInfo,
  IncidentWork,
  Priority,
  User,
  IncidentOncall,
  ServiceOwnership,
  ServicesAnswer,
} from '../shared/types.js';
import { PAUSE_LOW_MAX_MINUTES, SNOOZE_MAX_S, UNDO_MAX_S, WINDOW_SNOOZE_MIN_S } from '../shared/limits.js';
import type { AppSettings, ShortcutAction } from './app-settings.js';
import { accountIdSchema, type AppSnapshot } from '../shared/accounts.js';
import type { AccountTag } from '../shared/accounts.js';
import type { NameLookupResult, NameSearchResult } from '../shared/names.js';

/**
 * An incident as the window names it: its id, or for an account besides the first
 * `ACCOUNTID~ID` (src-main/shared/accounts.ts), so an action always reaches the account it came from.
 */
const incidentId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^(?:[a-z0-9][a-z0-9-]{0,31}~)?[A-Za-z0-9_-]{1,64}$/, 'not an incident id');
const incidentIds = z.array(incidentId).min(1).max(10_000);
const pdId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a PagerDuty id');
const isoTime = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
/** A typed name (or part of one, or an id). */
const nameQuery = z.string().max(200);
const nameOptions = z.object({ refresh: z.boolean().optional() }).strict();
/** Ids as the settings hold them (the settings schema allows any non-empty string). */
const savedIds = z.array(z.string().min(1).max(200)).max(500);
/** A "Cover me" or "Take this shift" request. */
export const tradeRequestSchema = z.object({
  kind: z.enum(['cover', 'take']),
  scheduleId: pdId,
  userId: pdId,
  start: isoTime,
  end: isoTime,
});

/** Every invoke channel: its wire name and argument schema (a tuple). */
export const invokeChannels = {
  getSnapshot: { channel: 'oncall:get-snapshot', args: z.tuple([]) },
  syncNow: { channel: 'oncall:sync-now', args: z.tuple([]) },
  acknowledge: { channel: 'oncall:acknowledge', args: z.tuple([incidentIds]) },
  resolve: { channel: 'oncall:resolve', args: z.tuple([incidentIds]) },
  snooze: {
    channel: 'oncall:snooze',
    args: z.tuple([incidentId, z.number().int().min(WINDOW_SNOOZE_MIN_S).max(SNOOZE_MAX_S)]),
  },
  acknowledgeAllMine: { channel: 'oncall:acknowledge-all-mine', args: z.tuple([]) },
  /** Hold a resolve or an acknowledge-all-mine in its undo window (ids are ignored for the latter). */
  holdAction: {
    channel: 'oncall:hold-action',
    args: z.tuple([
      z.enum(['resolve', 'acknowledge_all_mine']),
      z.array(incidentId).max(10_000),
      z.number().int().min(1).max(UNDO_MAX_S),
    ]),
  },
  undoAction: {
    channel: 'oncall:undo-action',
    args: z.tuple([
      z
        .string()
        .min(1)
        .max(160)
        .regex(/^(?:[a-z0-9][a-z0-9-]{0,31}~)?[A-Za-z0-9_-]{1,128}$/, 'not an action id'),
    ]),
  },
  addNote: { channel: 'oncall:add-note', args: z.tuple([incidentId, z.string().trim().min(1).max(25_000)]) },
  getLogEntries: { channel: 'oncall:get-log-entries', args: z.tuple([incidentId]) },
  openIncidentInBrowser: { channel: 'oncall:open-incident', args: z.tuple([incidentId]) },
  /** Open a runbook link or an alert's link in the system browser: https only, checked again by main. */
  openExternal: {
    channel: 'oncall:open-external',
    args: z.tuple([
      z
        .string()
        .min(1)
        .max(2048)
        .refine((u) => u.startsWith('https://'), 'only https: links are opened'),
    ]),
  },
  getSettings: { channel: 'settings:get', args: z.tuple([]) },
  /** Whether the OS silences notifications, and the last notification that failed to show. */
  getNotificationHealth: { channel: 'notifications:health', args: z.tuple([]) },
  /** Show a test notification (and play the alert) as a page would. */
  testNotification: { channel: 'notifications:test', args: z.tuple([]) },
  /** A partial settings object; validated whole against the settings schema after merging. */
  updateSettings: { channel: 'settings:update', args: z.tuple([z.record(z.string(), z.unknown())]) },
  setToken: { channel: 'settings:set-token', args: z.tuple([z.string().trim().min(8).max(512)]) },
  clearToken: { channel: 'settings:clear-token', args: z.tuple([]) },
  /** The token of an account besides the first (one encrypted file each; never sent back). */
  setAccountToken: {
    channel: 'settings:set-account-token',
    args: z.tuple([accountIdSchema, z.string().trim().min(8).max(512)]),
  },
  clearAccountToken: { channel: 'settings:clear-account-token', args: z.tuple([accountIdSchema]) },
  /** Start "Sign in with PagerDuty" (the host opens the browser); answers the address to open. */
  startSignIn: { channel: 'account:sign-in', args: z.tuple([]) },
  /** "Sign in with PagerDuty" for one of the extra accounts (Settings > Accounts). */
  startAccountSignIn: { channel: 'account:sign-in-extra', args: z.tuple([accountIdSchema]) },
  /** How the sign-in is going (never a token). */
  getSignIn: { channel: 'account:sign-in-state', args: z.tuple([]) },
  pauseLowUrgency: {
    channel: 'notifications:pause-low',
    args: z.tuple([z.number().int().min(1).max(PAUSE_LOW_MAX_MINUTES).nullable()]),
  },
  getMetrics: {
    channel: 'history:get-metrics',
    args: z.tuple([
      z.object({ since: z.number().int().nonnegative(), until: z.number().int().positive() }).nullable(),
    ]),
  },
  getReport: {
    channel: 'history:get-report',
    args: z.tuple([
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('current') }),
        z.object({ kind: z.literal('last') }),
        z.object({ kind: z.literal('range'), since: z.number().int(), until: z.number().int() }),
      ]),
    ]),
  },
  /** The Team view: a team's load per week (null = the default team, 8 weeks). */
  getTeamLoad: {
    channel: 'team:get-load',
    args: z.tuple([
      z
        .object({
          team: z.string().trim().min(1).max(200).nullable(),
          weeks: z.number().int().min(1).max(52),
        })
        .nullable(),
    ]),
  },
  getRunbook: { channel: 'runbook:get', args: z.tuple([incidentId]) },
  getRoster: { channel: 'shifts:get-roster', args: z.tuple([z.number().int().min(1).max(90)]) },
  trade: { channel: 'shifts:trade', args: z.tuple([tradeRequestSchema]) },
  /** The detail view's incident work: alerts, bridge, escalation levels, responder requests. */
  getIncidentWork: { channel: 'work:get', args: z.tuple([incidentId]) },
  /** Searched in the account of the incident they are picked for (ids mean nothing across accounts). */
  findUsers: { channel: 'work:find-users', args: z.tuple([z.string().max(200), incidentId]) },
  findPolicies: { channel: 'work:find-policies', args: z.tuple([z.string().max(200), incidentId]) },
  getPriorities: { channel: 'work:get-priorities', args: z.tuple([incidentId]) },
  /** The Services view: services whose name contains the text (from the ownership cache; `true` reads it again now). */
  getServices: { channel: 'services:get', args: z.tuple([z.string().max(200), z.boolean()]) },
  /** "Who else is on call" for an incident's service and escalation policy (same cache). */
  getOncallFor: { channel: 'services:oncall-for', args: z.tuple([incidentId]) },
  reassign: {
    channel: 'work:reassign',
    args: z.tuple([
      incidentId,
      z.union([
        z.object({ userIds: z.array(pdId).min(1).max(50) }).strict(),
        z.object({ policyId: pdId }).strict(),
      ]),
    ]),
  },
  escalate: { channel: 'work:escalate', args: z.tuple([incidentId, z.number().int().min(1).max(20)]) },
  addResponders: {
    channel: 'work:add-responders',
    args: z.tuple([incidentId, z.array(pdId).min(1).max(50), z.string().trim().min(1).max(10_000)]),
  },
  setPriority: { channel: 'work:set-priority', args: z.tuple([incidentId, pdId.nullable()]) },
  setUrgency: { channel: 'work:set-urgency', args: z.tuple([incidentId, z.enum(['high', 'low'])]) },
  postStatusUpdate: {
    channel: 'work:status-update',
    args: z.tuple([incidentId, z.string().trim().min(1).max(10_000)]),
  },
  mergeIncidents: {
    channel: 'work:merge',
    args: z.tuple([incidentId, z.array(incidentId).min(1).max(50)]),
  },
  setChecklistStep: {
    channel: 'runbook:set-step',
    args: z.tuple([incidentId, z.number().int().min(0).max(99), z.boolean()]),
  },
  /**
   * The Settings pickers: services and teams of every account by name (from each account's cached
   * list; `refresh` reads it again, at most every 30 s), and the names of ids already in the settings.
   */
  findServices: { channel: 'names:find-services', args: z.tuple([nameQuery, nameOptions.optional()]) },
  findTeams: { channel: 'names:find-teams', args: z.tuple([nameQuery, nameOptions.optional()]) },
  lookupNames: {
    channel: 'names:lookup',
    args: z.tuple([z.object({ services: savedIds, teams: savedIds }).strict()]),
  },
  getUpdateStatus: { channel: 'update:get-status', args: z.tuple([]) },
  /** Restart into a downloaded update: the only way (besides quitting) an update is installed. */
  installUpdate: { channel: 'update:install', args: z.tuple([]) },
} as const;

export type InvokeName = keyof typeof invokeChannels;

/** A service's runbook as Settings or the shared runbook file give it (never fetched). */
export interface ServiceRunbook {
  url: string | null;
  steps: number;
  origin: 'settings' | 'file';
}

/** The Services view's answer: the ownership cache's, with each service's runbook. */
export type ServicesView = Omit<ServicesAnswer, 'services'> & {
  services: Array<ServiceOwnership & { runbook: ServiceRunbook | null }>;
};

/** Where the token is kept, said plainly in Settings. */
export type TokenStorage = 'keyring' | 'basic_text' | 'unavailable' | 'preview-memory';

/** What Settings shows: the settings, whether a token is set (never the token), and problems. */
export interface SettingsView {
  settings: AppSettings;
  /** `signedIn`: the token is a Sign in with PagerDuty (else a pasted API key). */
  token: { set: boolean; storage: TokenStorage; warning: string | null; signedIn?: boolean };
  /** Whether each extra account (by id) has its token (never the token). */
  accountTokens: Record<
    string,
    { set: boolean; storage: TokenStorage; warning: string | null; signedIn?: boolean }
  >;
  /** Why a global shortcut could not be registered, per action (null = registered). */
  shortcutErrors: Record<ShortcutAction, string | null>;
  /** Why the shared runbook file (`runbookSource`) could not be used, naming the line; null when fine. */
  runbookSourceError: string | null;
  /** "Sign in with PagerDuty": signed out, waiting, failed (never a token). */
  signIn?: SignInView;
}

/** How notifications fare: silenced by the OS (Do Not Disturb), and the last one that failed to show. */
export interface NotificationHealth {
  /** What silences them ("dunst is paused"), or null. */
  silenced: string | null;
  /** The last notification that failed to show, with the reason; null when none failed. */
  lastFailure: { at: string; title: string; reason: string } | null;
}

/** A field-level validation problem. */
export interface FieldError {
  /** Dotted path, e.g. `notifications.quietHours.start`. */
  path: string;
  message: string;
}

/** Result types of each channel. */
export interface InvokeResults {
  getSnapshot: AppSnapshot;
  syncNow: null;
  acknowledge: ActionAccepted;
  resolve: ActionAccepted;
  snooze: ActionAccepted;
  acknowledgeAllMine: ActionAccepted;
  holdAction: ActionHeld;
  undoAction: { undone: boolean };
  addNote: ActionAccepted;
  getLogEntries: LogEntry[];
  openIncidentInBrowser: { opened: boolean; reason: string | null };
  openExternal: { opened: boolean; reason: string | null };
  getSettings: SettingsView;
  getNotificationHealth: NotificationHealth;
  testNotification: { delivered: boolean; reason: string | null };
  updateSettings: { ok: true; view: SettingsView } | { ok: false; errors: FieldError[] };
  setToken: SettingsView;
  clearToken: SettingsView;
  setAccountToken: SettingsView;
  clearAccountToken: SettingsView;
  startSignIn: { url: string };
  startAccountSignIn: { url: string };
  getSignIn: SignInView;
  pauseLowUrgency: { until: number | null };
  getMetrics: LoadMetrics;
  getReport: HandoffReport;
  getTeamLoad: TeamView;
  getRunbook: RunbookView;
  setChecklistStep: RunbookView;
  getUpdateStatus: ShownUpdateStatus;
  installUpdate: { accepted: boolean; reason: string | null };
  getRoster: Roster;
  trade: TradeResult;
  getIncidentWork: IncidentWork & { respondersUnavailable: string | null };
  findUsers: User[];
  findPolicies: EscalationPolicyInfo[];
  getPriorities: Priority[];
  getServices: ServicesView;
  getOncallFor: IncidentOncall;
  reassign: ActionAccepted;
  escalate: ActionAccepted;
  addResponders: ActionAccepted;
  setPriority: ActionAccepted;
  setUrgency: ActionAccepted;
  postStatusUpdate: ActionAccepted;
  mergeIncidents: ActionAccepted;
  findServices: NameSearchResult;
  findTeams: NameSearchResult;
  lookupNames: NameLookupResult;
}

/** The window's view of "Sign in with PagerDuty". */
export interface SignInView {
  state: 'none' | 'waiting' | 'signed_in' | 'failed' | 'signed_out';
  /** The address to open while waiting (the host opens it too, where it can). */
  url: string | null;
  message: string | null;
  /** Which extra account the sign-in is for; absent: the first account. */
  accountId?: string;
}

/** Error codes a call can fail with. */
export type IpcErrorCode = 'bad_sender' | 'bad_arguments' | 'failed' | 'unavailable';

/** Every call answers with this envelope; nothing is thrown across the bridge. */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/** Events main pushes to the renderer: a fixed list. */
export const eventChannels = {
  coreEvent: 'oncall:event',
  focusIncident: 'oncall:focus-incident',
  settingsChanged: 'settings:changed',
  /** The tray asks the window to show a view (e.g. Settings). */
  openView: 'ui:open-view',
  updateStatus: 'update:status',
  notificationHealth: 'notifications:health-changed',
} as const;

export type EventName = keyof typeof eventChannels;

export interface EventPayloads {
  /** A core event; with several accounts, `account` names the one it came from. */
  coreEvent: CoreEvent & { account?: AccountTag };
  focusIncident: { incidentId: string };
  settingsChanged: SettingsView;
  openView: { view: 'incidents' | 'settings' | 'history' };
  updateStatus: ShownUpdateStatus;
  notificationHealth: NotificationHealth;
}

/** The API the preload exposes as `window.oncall` (and the preview bridge imitates). */
export type OncallApi = {
  [K in InvokeName]: (
    ...args: z.input<(typeof invokeChannels)[K]['args']>
  ) => Promise<IpcResult<InvokeResults[K]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** Validate the arguments of a call; returns the parsed tuple or a readable message. */
export function parseArgs<K extends InvokeName>(
  name: K,
  args: unknown[],
): { ok: true; args: z.output<(typeof invokeChannels)[K]['args']> } | { ok: false; message: string } {
  const res = invokeChannels[name].args.safeParse(args);
  if (res.success) return { ok: true, args: res.data as z.output<(typeof invokeChannels)[K]['args']> };
  const first = res.error.issues[0];
  const where = first && first.path.length ? ` (argument ${first.path.join('.')})` : '';
  return { ok: false, message: `${name}: ${first?.message ?? 'invalid arguments'}${where}` };
}
