/**
 * The Electron main process, as a list of setup steps: sandbox everything, one instance, harden all
 * web contents, build the app runtime (src-main/app/runtime.ts) over the shell's ports (settings
 * file, safeStorage token, file history, the system browser), carry its handlers over IPC and its
 * events to the tray, the notifications and the window. Each step lives in its own module; this
 * file only connects them.
 */
import { createHostSignIn } from '../node/oauth/host.js';
import { DEFAULT_CLIENT_ID, identityEndpoints } from '../node/oauth/endpoints.js';
import { app, Notification, powerMonitor, safeStorage, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompanionApi } from '../core/companion-types.js';
import {
  eventChannels,
  type EventName,
  type EventPayloads,
  type NotificationHealth,
} from '../ipc/contract.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import type { SettingsChange, SettingsService } from '../app/settings-service.js';
import { openSourceOptions } from '../app/sources.js';
import { createNodeLogger, type NodeLogger } from '../node/logger.js';
import { createNodeNotifier } from '../node/notifier.js';
import { createHostNotifier, notificationActionHandler } from '../node/notification-actions.js';
import { createSoundPlayer } from '../node/sound.js';
import { openSource } from '../node/source.js';
import { fileTeamPort } from '../node/team.js';
import { appIconPath, notificationIconPath, trayIconPath } from './assets-path.js';
import { createCommands, type Commands } from './commands.js';
import { shellHistoryPort } from './history.js';
import { registerIpc } from './ipc.js';
import { applyLoginItem, setupSingleInstance, shouldStartHidden } from './lifecycle.js';
import { createNotifications, type NotificationsController } from './notifications.js';
import { pollOnWake } from './power.js';
import { createElectronNotifier } from './native-notifier.js';
import { watchSilenced } from '../node/dnd.js';
import { sendTestNotification, type TestNotifyResult } from '../node/test-notification.js';
import { accountTokenFile, createSecretStore } from './secret-store.js';
import { openSettingsStore } from './settings-store.js';
import { setupShortcuts, type ShortcutsController } from './shortcuts.js';
import { installTestHooks, probeNotifier } from './test-hooks.js';
import { createTray, type TrayController } from './tray.js';
import { APP_USER_MODEL_ID, applyOsIdentity } from './os-identity.js';
import { createElectronUpdater } from './updater.js';
import { systemClock, systemTimers } from '../core/ports.js';
import type { UpdateController } from '../core/update/controller.js';
import { updateMessage } from '../core/update/status.js';
import { createMainWindow, guardAllWebContents, showWindow } from './window.js';
import type { SavedBounds } from './window-bounds.js';

const APP_NAME = 'On-Call Companion';
let quitting = false;
/** Redacts secrets from a start-up failure; the logger's redaction once it exists. */
let redactStartupError: (text: string) => string = (text) => text;
let mainWindow: BrowserWindow | null = null;
let updates: UpdateController | null = null;

/** A separate profile (tests, a second account): ONCALL_COMPANION_USER_DATA=/some/folder. */
function useProfileFolderFromEnv(): void {
  const dir = process.env.ONCALL_COMPANION_USER_DATA;
  if (dir) app.setPath('userData', dir);
}

/** Log lines go to stderr and to <logs>/main.log, with the token redacted. */
function setupLogger(): NodeLogger {
  const dir = app.getPath('logs');
  mkdirSync(dir, { recursive: true });
  const file = createWriteStream(join(dir, 'main.log'), { flags: 'a', mode: 0o600 });
  return createNodeLogger({
    level: app.isPackaged ? 'info' : 'debug',
    write: (line) => {
      process.stderr.write(line);
      file.write(line);
    },
  });
}

/** The app lives in the tray: closing its window never quits it; Quit does. */
function keepRunningInTray(): void {
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
}

/** Send an event to the window when it is there to hear it. */
function sendToWindow<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  const win = mainWindow;
  if (win && !win.isDestroyed() && !win.webContents.isLoading()) {
    win.webContents.send(eventChannels[event], payload);
  }
}

/** Show the window, on an incident when one is given. */
function openWindow(incidentId: string | null): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  showWindow(mainWindow);
  if (incidentId) sendToWindow('focusIncident', { incidentId });
}

function rendererFile(): string {
  return join(app.getAppPath(), 'dist', 'renderer', 'index.html');
}

function setupWindow(logger: NodeLogger, show: boolean): BrowserWindow {
  const bounds = new Store<{ bounds?: SavedBounds }>({ name: 'window-state' });
  return createMainWindow({
    preloadPath: join(app.getAppPath(), 'dist', 'preload', 'preload.cjs'),
    rendererFile: rendererFile(),
    iconPath: appIconPath(app.getAppPath(), process.platform),
    bounds: { get: () => bounds.get('bounds'), set: (b) => bounds.set('bounds', b) },
    show,
    isQuitting: () => quitting,
    logger,
  });
}

/** Do Not Disturb and the last notification that failed to show, for the tray, the window and Settings. */
const health: NotificationHealth = { silenced: null, lastFailure: null };
/** Settings → Send a test notification (set once the notifier exists). */
let testNotify: (() => Promise<TestNotifyResult>) | null = null;

function setupNotifications(
  settings: () => SettingsService,
  companion: () => CompanionApi | null,
  logger: NodeLogger,
): NotificationsController {
  const iconPath = notificationIconPath(app.getAppPath());
  const sound = createSoundPlayer({
    logger,
    choice: () => ({ sound: settings().get().alertSound, volume: settings().get().alertVolume }),
  });
  const plain = createNodeNotifier({ appName: APP_NAME, appId: APP_USER_MODEL_ID, iconPath, logger, sound });
  // Linux: D-Bus notifications with Acknowledge / Resolve / Open; elsewhere node-notifier.
  // macOS and Windows: Electron's Notification with buttons; Linux: D-Bus (node/dbus-notifier.ts).
  const native =
    process.platform === 'darwin' || process.platform === 'win32'
      ? createElectronNotifier({
          Notification,
          platform: process.platform,
          appName: APP_NAME,
          iconPath,
          logger,
        })
      : undefined;
  const notifier = createHostNotifier({
    appName: APP_NAME,
    iconPath,
    logger,
    sound,
    plain,
    ...(native ? { native } : {}),
  });
  testNotify = () => sendTestNotification(notifier);
  return createNotifications({
    notifier,
    openIncident: openWindow,
    onAction: notificationActionHandler({ companion, open: (n) => openWindow(n.incidentId), logger }),
    onDelivery: (n, delivered, reason) => {
      if (delivered) return;
      health.lastFailure = {
        at: new Date().toISOString(),
        title: n.title,
        reason: reason ?? 'unknown reason',
      };
      sendToWindow('notificationHealth', { ...health });
    },
    logger,
  });
}

function setupTray(commands: Commands, settings: SettingsService, logger: NodeLogger): TrayController {
  const formatTime = (ms: number): string =>
    new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return createTray({
    iconPath: (icon) => trayIconPath(app.getAppPath(), icon, process.platform),
    onAction: (action) =>
      void commands.run(action).catch((e: unknown) => {
        logger.warn('tray: action failed', {
          action: action.kind,
          error: e instanceof Error ? e.message : 'unknown',
        });
      }),
    now: () => Date.now(),
    formatTime,
    notificationsEnabled: () => settings.get().notifications.enabled,
    updateMessage: () => (updates ? updateMessage(updates.status()) : null),
    silenced: () => health.silenced,
    signedOut: () => {
      // The first account's sign-out; an extra account's is its own banner in the window (its
      // rows go stale), so the tray keeps showing the pages of the accounts that still answer.
      const signIn = settings.view().signIn;
      return signIn?.state === 'signed_out' && !signIn.accountId ? signIn.message : null;
    },
  });
}

/** Apply the settings the shell itself acts on: shortcuts and the login item. */
function applyShellSettings(
  settings: SettingsService,
  shortcuts: ShortcutsController,
  logger: NodeLogger,
): void {
  const s = settings.get();
  shortcuts.apply(s.shortcuts);
  void applyLoginItem(s.launchAtLogin, s.startHidden, logger);
}

/** What a settings change touches in the shell itself (the runtime handles history and source). */
function onShellSettingsChanged(
  change: SettingsChange,
  settings: SettingsService,
  shortcuts: ShortcutsController,
  logger: NodeLogger,
): void {
  const changed = (k: keyof SettingsChange['settings']) =>
    JSON.stringify(change.settings[k]) !== JSON.stringify(change.previous[k]);
  if (changed('shortcuts') || changed('launchAtLogin') || changed('startHidden')) {
    applyShellSettings(settings, shortcuts, logger);
  }
}

/** The updater, or null when it cannot even be created (start-up never fails on updates). */
function startUpdates(settings: SettingsService, logger: NodeLogger, onChange: () => void) {
  try {
    return createElectronUpdater({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath ?? '',
      currentVersion: app.getVersion(),
      enabled: settings.get().autoUpdate,
      clock: systemClock,
      timers: systemTimers,
      logger,
      onChange,
    });
  } catch (err) {
    logger.warn('update: the updater could not be set up; the app runs without updates', {
      error: err instanceof Error ? err.message : 'unknown',
    });
    return null;
  }
}

async function main(): Promise<void> {
  app.enableSandbox();
  app.setName(APP_NAME);
  applyOsIdentity(app);
  useProfileFolderFromEnv();
  const logger = setupLogger();
  redactStartupError = (text) => logger.redact(text);
  // A promise nobody awaited must not take the tray down with it: log it (redacted) and go on.
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });
  if (!setupSingleInstance(() => openWindow(null), logger)) return app.quit();
  keepRunningInTray();
  await app.whenReady();
  guardAllWebContents(logger);

  const dataDir = app.getPath('userData');
  const secrets = createSecretStore({ dir: dataDir, safeStorage, platform: process.platform, logger });
  const accountStores = new Map<string, ReturnType<typeof createSecretStore>>();
  const accountSecretStore = (id: string) => {
    let store = accountStores.get(id);
    if (!store) {
      store = createSecretStore({
        dir: dataDir,
        file: accountTokenFile(id),
        safeStorage,
        platform: process.platform,
        logger,
      });
      accountStores.set(id, store);
    }
    return store;
  };
  let shortcuts: ShortcutsController | null = null;
  const runtime: Runtime = createRuntime({
    settingsStore: openSettingsStore({ logger }),
    secrets,
    // One encrypted token file per extra account, beside the first account's.
    accountSecrets: (id) => accountSecretStore(id),
    openSource: (req) => openSource(openSourceOptions(req, dataDir, logger)),
    history: shellHistoryPort(dataDir, logger),
    // The Team view: the same team store and service as the preview, in userData/team-history/.
    team: fileTeamPort(dataDir, logger),
    links: { open: (url) => shell.openExternal(url) },
    shortcutErrors: () =>
      shortcuts?.errors() ?? { acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null },
    clock: systemClock,
    logger,
    updates: () => updates,
    notificationHealth: () => ({ ...health }),
    testNotification: () =>
      testNotify
        ? testNotify()
        : Promise.resolve({ delivered: false, reason: 'notifications are not set up yet' }),
    addSecret: (token) => logger.addSecret(token),
    // "Sign in with PagerDuty": the system browser, the loopback redirect; the token goes to safeStorage.
    signIn: createHostSignIn({
      endpoints: (target) => {
        if (target) return identityEndpoints({ apiUrl: target.apiUrl });
        const s = runtime.settings.get().source;
        return identityEndpoints({
          apiUrl: s.kind === 'pagerduty' && s.region === 'custom' ? (s.apiUrl ?? null) : null,
        });
      },
      clientId: () =>
        runtime.settings.get().signInClientId ?? process.env.ONCALL_OAUTH_CLIENT_ID ?? DEFAULT_CLIENT_ID,
      open: (url) => shell.openExternal(url),
      addSecret: (s) => logger.addSecret(s),
      logger,
    }),
    onSourceChange: (companion, problem) => {
      if (companion) refreshTray();
      else if (problem) tray.showProblem(problem);
    },
  });
  const { settings } = runtime;
  const commands = createCommands({
    companion: () => runtime.merged(),
    showWindow: openWindow,
    openSettings: () => {
      openWindow(null);
      sendToWindow('openView', { view: 'settings' });
    },
    pauseLowUrgency: (minutes) => void runtime.handlers.pauseLowUrgency(minutes),
    quit: () => app.quit(),
    installUpdate: () => void updates?.installNow(),
    logger,
  });
  shortcuts = setupShortcuts(
    {
      acknowledgeNewest: () => void commands.acknowledgeNewest(),
      acknowledgeAllMine: () => void commands.acknowledgeAllMine(),
      showWindow: () => commands.showWindow(),
    },
    logger,
  );
  const notifications = setupNotifications(
    () => settings,
    () => runtime.merged(),
    logger,
  );

  mainWindow = setupWindow(logger, !shouldStartHidden(process.argv, settings.get().startHidden));
  registerIpc({
    handlers: runtime.handlers,
    mainWindow: () => mainWindow,
    rendererUrl: pathToFileURL(rendererFile()).href,
    logger,
    redact: logger.redact,
  });
  const tray = setupTray(commands, settings, logger);
  pollOnWake(powerMonitor, () => runtime.merged()?.syncNow(), logger);
  watchSilenced({
    logger,
    onChange: (silenced) => {
      health.silenced = silenced;
      refreshTray();
      sendToWindow('notificationHealth', { ...health });
    },
  });
  const refreshTray = (): void => {
    const companion = runtime.merged();
    if (companion) tray.update(companion.snapshot());
  };
  // A poll emits its events together: redraw the tray once for the batch, not once per event.
  let trayQueued = false;
  const scheduleTray = (): void => {
    if (trayQueued) return;
    trayQueued = true;
    queueMicrotask(() => {
      trayQueued = false;
      refreshTray();
    });
  };
  // Returns the notification hand-off, so the outbox marks a page shown once the notifier answered.
  runtime.subscribe((event) => {
    let shown: Promise<unknown> | undefined;
    if (event.name === 'coreEvent') {
      scheduleTray();
      shown = notifications.handle(event.payload);
    } else if (event.name === 'settingsChanged') {
      refreshTray();
    }
    sendToWindow(event.name, event.payload as never);
    return shown;
  });

  const sc = shortcuts;
  settings.subscribe((change) => {
    updates?.setEnabled(change.settings.autoUpdate);
    onShellSettingsChanged(change, settings, sc, logger);
  });
  // Updates come after the feed: checked in the background, shown in the tray and the window,
  // installed only on the user's request or at quit (core/update/).
  updates = startUpdates(settings, logger, () => {
    refreshTray();
    if (updates) runtime.emit({ name: 'updateStatus', payload: updates.status() });
  });
  applyShellSettings(settings, shortcuts, logger);
  await runtime.start();
  installTestHooks({
    snapshot: () => runtime.merged()?.snapshot() ?? null,
    acknowledgeNewest: () => commands.acknowledgeNewest(),
    trayState: () => tray.state(),
    trayMenu: () => tray.menuLabels(),
    probeNotifier: () => probeNotifier(app.getAppPath()),
  });

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    stopped = true;
    updates?.stop();
    event.preventDefault();
    void runtime.close().finally(() => {
      tray.destroy();
      app.quit();
    });
  });
}

void main().catch((err: unknown) => {
  // Whatever the cause, a token must not reach the terminal: redact with what the logger knows.
  const message = redactStartupError(err instanceof Error ? err.message : String(err));
  process.stderr.write(`On-Call Companion could not start: ${message}\n`);
  app.exit(1);
});
