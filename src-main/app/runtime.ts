/**
 * The one app runtime every host is a transport over: the incident source (opened and swapped by
 * the source manager), the settings service, the shift history and the runbooks, and the handler of
 * every contract channel, built once from injected ports. Electron main carries the handlers over
 * IPC, the preview over HTTP/SSE, and the CLI's `preview` builds the same runtime; each host adds
 * only what it alone has (tray, shortcuts, window; or an HTTP server).
 */
import type { Companion, CompanionApi, Delivery } from '../core/companion-types.js';
import type { CoreEvent, NotificationRequest } from '../core/events.js';
import type { HistoryService } from '../core/history/service.js';
import type { TeamService } from '../core/team/service.js';
import type { Clock, Logger } from '../core/ports.js';
import type { AppSettings, ShortcutAction } from '../ipc/app-settings.js';
import type { EventName, EventPayloads, NotificationHealth } from '../ipc/contract.js';
import { createExtraAccounts, mergedCompanion, tagEvent, type RunningAccount } from './accounts.js';
import { createMemoryAccountSecrets } from './secrets.js';
import { PRIMARY_ACCOUNT_ID } from '../shared/accounts.js';
import { apiUrlOf } from '../core/settings.js';
import {
  createHandlers,
  HandlerError,
  type ExternalLinks,
  type Handlers,
  type UpdatesPort,
} from './handlers.js';
import type { SecretStore } from './secrets.js';
import { createSignInController, type SignInPort } from './signin.js';
import { createSettingsService, type SettingsChange, type SettingsService } from './settings-service.js';
import type { SettingsStore } from './settings.js';
import { createSourceManager, type OpenedSource, type SourceManager, type SourceRequest } from './sources.js';

/** A shift history as a host opens it. */
export interface HistoryHandle {
  service: HistoryService;
  close(): Promise<void>;
}

/** How a host keeps its shift history. */
export interface HistoryPort {
  /**
   * The history for a source (null: before any source runs). Return the same handle to keep one
   * history across sources (the shell), a new one to follow the source (the CLI's per-source
   * folders), or null for none yet. The runtime closes a handle it switched away from.
   */
  open(
    source: OpenedSource | null,
    hooks: { onNotification: (n: NotificationRequest) => void },
  ): Promise<HistoryHandle | null>;
  /** Why there is none, when `open` answers null (e.g. "This preview keeps no shift history."). */
  missing?: string;
}

/** The Team view's service as a host opens it. */
export interface TeamHandle {
  service: Pick<TeamService, 'getTeamLoad' | 'record'>;
  close(): Promise<void>;
}

/**
 * How a host keeps the team history (node/team.ts `fileTeamPort` in the shell and the preview): the
 * runtime opens it at start, feeds it every core event (the live feed) and closes it at the end.
 */
export interface TeamPort {
  open(ctx: {
    /** The running source, or null. */
    source: () => OpenedSource | null;
    /** The token in use (never sent to the window), or null. */
    token: () => string | null;
    settings: () => AppSettings;
  }): Promise<TeamHandle>;
}

/** Everything the runtime takes from its host. */
export interface RuntimePorts {
  settingsStore: SettingsStore;
  secrets: SecretStore;
  /**
   * The token store of each extra account (the shell: one encrypted file per account); absent, each
   * is kept in memory until the host stops (the preview).
   */
  accountSecrets?: (accountId: string) => SecretStore;
  openSource: (req: SourceRequest) => Promise<OpenedSource>;
  /** No port: no shift history (metrics, reports and runbooks answer `unavailable`). */
  history: HistoryPort | null;
  links: ExternalLinks;
  /** The updates the window shows and installs (the shell's controller, once it exists). */
  updates?: () => UpdatesPort | null;
  /** Do Not Disturb and the last failed notification (the shell keeps them; the preview has none). */
  notificationHealth?: () => NotificationHealth;
  /** Show a test notification through the host's notifier, and say whether it was shown. */
  testNotification?: () => Promise<{ delivered: boolean; reason: string | null }>;
  /** The team history behind the Team view; absent: the view says this host keeps none. */
  team?: TeamPort;
  /** Why a global shortcut is not active, per action (the shell registers them; others check clashes). */
  shortcutErrors: (settings: AppSettings) => Record<ShortcutAction, string | null>;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** Told every token the user enters, so logs redact it. */
  addSecret?: (secret: string | null) => void;
  /** The host's browser sign-in ("Sign in with PagerDuty"); absent: API tokens only. */
  signIn?: SignInPort;
  /** After a source started (or failed to, with the reason): the shell redraws its tray. */
  onSourceChange?: (companion: Companion | null, problem: string | null) => void;
}

/** An event a host carries to its window (the contract's fixed list). */
export type RuntimeEvent = { [E in EventName]: { name: E; payload: EventPayloads[E] } }[EventName];

/**
 * A host's listener. It may return a promise (a notification handed to the desktop): the page is
 * marked shown in the core's outbox only once that settles, so a kill before then shows it again.
 */
export type RuntimeListener = (event: RuntimeEvent, delivery?: Delivery) => unknown;

/** The runtime. */
export interface Runtime {
  handlers: Handlers;
  settings: SettingsService;
  sources: SourceManager;
  /** The running companion of the first account, or null. */
  companion(): Companion | null;
  /**
   * Every account as one companion face (null until the first account runs): what the window, the
   * tray, the shortcuts and notification buttons act through, so an action reaches its own account.
   */
  merged(): CompanionApi | null;
  /** The running source (for host services that read it, e.g. the Team view), or null. */
  source(): OpenedSource | null;
  /** The token in use (for those host services; never sent to the window), or null. */
  token(): string | null;
  history(): HistoryService | null;
  /** Events for the window: every core event (handoff reminders included) and settings changes. */
  subscribe(listener: RuntimeListener): () => void;
  /**
   * Tell listeners something to show (the shell's tray asks for a view, a notification click).
   * Returns what they returned, joined: the core's outbox marks a page shown once it settles.
   */
  emit(event: RuntimeEvent, delivery?: Delivery): Promise<unknown> | undefined;
  /** Open the history and start the source the settings and token name. */
  start(): Promise<void>;
  /** Stop the source (persisting its state) and close the history. */
  close(): Promise<void>;
}

const CHANGES_HISTORY = ['offHours', 'handoffReminderMinutes', 'runbooks', 'runbookSource'] as const;

/** Build the runtime. Nothing runs until `start()`. */
export function createRuntime(ports: RuntimePorts): Runtime {
  const { logger } = ports;
  const listeners = new Set<RuntimeListener>();
  const emit = (event: RuntimeEvent, delivery?: Delivery): Promise<unknown> | undefined => {
    const held: Promise<unknown>[] = [];
    for (const l of [...listeners]) {
      const r = l(event, delivery);
      if (r instanceof Promise) held.push(r);
    }
    return held.length ? Promise.all(held) : undefined;
  };
  const accountSecrets =
    ports.accountSecrets ?? createMemoryAccountSecrets({}, 'Kept in memory only, until the app stops.');
  const settings = createSettingsService({
    store: ports.settingsStore,
    secrets: ports.secrets,
    accountSecrets,
    shortcutErrors: () => ports.shortcutErrors(ports.settingsStore.get()),
    signIn: () => signIn.view(),
  });

  // The handoff reminder is one more core event, so every host shows it the way it shows a page.
  const onNotification = (notification: NotificationRequest): void =>
    void emit({
      name: 'coreEvent',
      payload: { type: 'notification', at: new Date(ports.clock.now()).toISOString(), notification },
    });

  let history: HistoryHandle | null = null;
  let detach: (() => void) | null = null;
  const applyHistorySettings = (s: AppSettings): void => {
    const h = history;
    if (!h) return;
    h.service.updateOptions({ offHours: s.offHours, handoffReminderMinutes: s.handoffReminderMinutes });
    const error = h.service.setRunbooks(s.runbooks, s.runbookSource).then(
      (res) => res.sourceError,
      (err: unknown) => (err instanceof Error ? err.message : 'the runbooks could not be applied'),
    );
    settings.trackRunbookSource(error);
    void error.then((reason) => {
      if (reason) logger.warn('history: the shared runbook file could not be used', { reason });
    });
  };
  const useHistory = async (source: OpenedSource | null): Promise<void> => {
    if (!ports.history) return;
    let next: HistoryHandle | null;
    try {
      next = await ports.history.open(source, { onNotification });
    } catch (err) {
      logger.error('history: could not be opened; metrics and reports are unavailable', {
        error: err instanceof Error ? err.message : 'unknown',
      });
      return;
    }
    if (!next || next === history) return;
    const previous = history;
    detach?.();
    detach = null;
    history = next;
    applyHistorySettings(settings.get());
    await previous
      ?.close()
      .catch((e: unknown) => logger.warn('history: closing failed', { error: String(e) }));
  };

  let team: TeamHandle | null = null;
  let teamProblem: string | null = null;
  // Opened beside the source, never before it: a large team log takes seconds to read and must not
  // hold the incident feed back. Pages before it is open are found by the next backfill.
  let teamOpening: Promise<void> = Promise.resolve();
  const openTeam = async (): Promise<void> => {
    if (!ports.team) return;
    try {
      team = await ports.team.open({
        source: () => sources.currentSource(),
        token: () => ports.secrets.getToken(),
        settings: () => settings.get(),
      });
    } catch (err) {
      teamProblem = `the team history could not be opened: ${err instanceof Error ? err.message : 'unknown error'}`;
      logger.error('team: could not be opened; the Team view is unavailable', { error: teamProblem });
    }
  };

  const sources = createSourceManager({
    open: ports.openSource,
    // With several accounts, the first one's rows and notifications carry its name too.
    onEvent: (event: CoreEvent, delivery?: Delivery) => {
      // The live feed: the team history records the page as it happens (no request of its own).
      try {
        team?.service.record(event);
      } catch (err) {
        logger.warn('team: a live page could not be recorded', {
          error: err instanceof Error ? err.message : 'unknown',
        });
      }
      const s = settings.get();
      const payload =
        s.accounts.length > 0 ? tagEvent({ id: PRIMARY_ACCOUNT_ID, name: s.accountName }, event) : event;
      return emit({ name: 'coreEvent', payload }, delivery);
    },
    onChange: async (opened, problem) => {
      if (opened) await useHistory(opened);
      detach?.();
      detach = opened && history ? history.service.attach(opened.companion) : null;
      ports.onSourceChange?.(opened?.companion ?? null, problem);
    },
    logger,
  });

  const extras = createExtraAccounts({
    open: ports.openSource,
    secrets: accountSecrets,
    onEvent: (event, delivery) => emit({ name: 'coreEvent', payload: event }, delivery),
    // An extra account started or failed: the window refetches its snapshot (its banner).
    onChange: () => void emit({ name: 'settingsChanged', payload: settings.view() }),
    saveToken: (accountId, token) => {
      ports.addSecret?.(token);
      accountSecrets(accountId).setToken(token);
    },
    signedOut: (accountId, message) => signedOut(message, accountId),
    logger,
  });
  const accountsNow = (): RunningAccount[] => {
    const s = settings.get();
    return [
      {
        tag: { id: PRIMARY_ACCOUNT_ID, name: s.accountName },
        kind: s.source.kind,
        apiUrl: apiUrlOf(s.source) ?? 'embedded simulator',
        companion: sources.current(),
        names: sources.current(),
        problem: sources.problem(),
      },
      ...extras.list(s),
    ];
  };
  const merged = mergedCompanion(accountsNow);

  const signIn = createSignInController({
    port: ports.signIn ?? null,
    settings,
    secrets: ports.secrets,
    accountSecrets,
    logger,
  });

  /** A sign-in was refused at refresh (said once per source): the window's state and a notification. */
  const signedOut = (message: string, accountId?: string): void => {
    if (!signIn.signedOut(message, accountId)) return;
    onNotification({
      key: `signed-out:${accountId ?? PRIMARY_ACCOUNT_ID}:${ports.clock.now()}`,
      kind: 'info',
      title: message,
      body: 'Sign in with PagerDuty again in Settings.',
      urgency: 'normal',
      incidentId: null,
      incidentIds: [],
      sound: false,
    });
  };

  const handlers = createHandlers({
    signIn,
    companion: () => (sources.current() ? merged : null),
    accounts: accountsNow,
    names: accountsNow,
    sourceProblem: () => sources.problem(),
    settings,
    history: () => history?.service ?? null,
    historyMissing: ports.history?.missing ?? null,
    links: ports.links,
    now: () => ports.clock.now(),
    ...(ports.updates ? { updates: ports.updates } : {}),
    ...(ports.notificationHealth ? { notificationHealth: ports.notificationHealth } : {}),
    ...(ports.testNotification ? { testNotification: ports.testNotification } : {}),
    team: () => (ports.team ? teamView : null),
    teamMissing: () => 'this host keeps no team history: use oncall-companion load and review',
  });

  /** The Team view's channel: waits for the team history to be open. */
  const teamView: Pick<TeamService, 'getTeamLoad'> = {
    async getTeamLoad(req) {
      await teamOpening;
      if (!team) throw new HandlerError('unavailable', teamProblem ?? 'the team history is not open');
      return team.service.getTeamLoad(req);
    },
  };

  const apply = async (): Promise<void> => {
    const s = settings.get();
    await Promise.all([
      sources.apply({
        token: ports.secrets.getToken(),
        settings: s,
        // A signed-in source keeps its rotated tokens here (no settings change: no restart).
        saveToken: (token) => {
          ports.addSecret?.(token);
          ports.secrets.setToken(token);
        },
        // Said once per source (the session calls this once): the window's state and a notification.
        signedOut: (message) => signedOut(message),
      }),
      extras.apply(s),
    ]);
  };

  settings.subscribe((change: SettingsChange) => {
    if (change.tokenChanged) {
      ports.addSecret?.(ports.secrets.getToken());
      for (const a of change.settings.accounts) ports.addSecret?.(accountSecrets(a.id).getToken());
    }
    const changed = (k: keyof AppSettings) =>
      JSON.stringify(change.settings[k]) !== JSON.stringify(change.previous[k]);
    if (CHANGES_HISTORY.some(changed)) applyHistorySettings(change.settings);
    const view = settings.view();
    emit({ name: 'settingsChanged', payload: view });
    const applied = apply()
      .catch((e: unknown) => {
        logger.error('source: could not apply the new settings', {
          error: e instanceof Error ? e.message : 'unknown',
        });
      })
      // Again once the (possibly new) source runs: the window refetches its snapshot on this event,
      // and the one sent at once may have found the old source closing.
      .finally(() => emit({ name: 'settingsChanged', payload: settings.view() }));
    // `settled()` waits for it (a sign-out revokes only once the old source has stopped).
    settings.track(applied);
  });

  return {
    handlers,
    settings,
    sources,
    companion: () => sources.current(),
    merged: () => (sources.current() ? merged : null),
    source: () => sources.currentSource(),
    token: () => ports.secrets.getToken(),
    history: () => history?.service ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    async start() {
      ports.addSecret?.(ports.secrets.getToken());
      for (const a of settings.get().accounts) ports.addSecret?.(accountSecrets(a.id).getToken());
      await useHistory(null);
      teamOpening = openTeam();
      await apply();
      // The shared runbook file's first load: its error is in the view from the first call on.
      await settings.settled();
    },
    async close() {
      await Promise.all([sources.stop(), extras.stop()]);
      detach?.();
      detach = null;
      const h = history;
      history = null;
      await h?.close();
      await teamOpening;
      const t = team;
      team = null;
      await t?.close();
    },
  };
}
