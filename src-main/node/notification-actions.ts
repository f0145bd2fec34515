/**
 * What a notification's buttons do, the same in every host: Acknowledge and Resolve go through the
 * companion's durable action queue exactly as a keypress does (written before sent, sent once);
 * Open (or a click) opens the incident. And the host's notifier: on Linux, D-Bus notifications with
 * actions (falling back to node-notifier's plain ones when no server answers on D-Bus); elsewhere
 * node-notifier.
 */
import type { CompanionApi } from '../core/companion-types.js';
import type { NotificationRequest } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import { createDbusNotifier, type ActionNotifier, type NotificationActionKey } from './dbus-notifier.js';
import type { DesktopNotifier, ShowResult } from './notifier.js';
import type { SoundPlayer } from './sound.js';

/** Options of {@link notificationActionHandler}. */
export interface ActionHandlerOptions {
  /** The companion to act through (null while none runs: the action is refused with a log line). */
  companion: () => CompanionApi | null;
  /** Open an incident (the window in the app, the browser in the CLI). */
  open: (n: NotificationRequest) => void;
  logger: Logger;
}

/** Turn a notification button into an action. */
export function notificationActionHandler(
  o: ActionHandlerOptions,
): (n: NotificationRequest, key: NotificationActionKey) => void {
  return (n, key) => {
    if (key === 'open') return o.open(n);
    const c = o.companion();
    if (!c || n.incidentIds.length === 0) {
      o.logger.warn('a notification action could not be carried out: the incident feed is not running', {
        action: key,
      });
      return;
    }
    const run = key === 'acknowledge' ? c.acknowledge(n.incidentIds) : c.resolve(n.incidentIds);
    run.then(
      (a) => o.logger.info('notification action queued', { action: key, actionId: a.actionId }),
      (e: unknown) =>
        o.logger.warn('a notification action was refused', {
          action: key,
          error: e instanceof Error ? e.message : String(e),
        }),
    );
  };
}

/** A notifier that may carry actions. */
export type HostNotifier = ActionNotifier | (DesktopNotifier & { close?(): void });

/** Options of {@link createHostNotifier}. */
export interface HostNotifierOptions {
  appName: string;
  iconPath?: string;
  logger: Logger;
  sound?: SoundPlayer;
  /** The plain notifier (node-notifier): macOS, Windows, and Linux without D-Bus. */
  plain: DesktopNotifier;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** For tests: the D-Bus notifier to use on Linux. */
  dbus?: ActionNotifier;
  /** macOS and Windows: a notifier with actions (Electron's Notification; electron/native-notifier.ts). */
  native?: ActionNotifier;
}

/**
 * The host's notifier. On Linux with a D-Bus session: D-Bus with actions; when that fails (no
 * server on the bus), the plain notifier is tried and both reasons are kept if it fails too.
 */
export function createHostNotifier(o: HostNotifierOptions): ActionNotifier {
  const platform = o.platform ?? process.platform;
  const env = o.env ?? process.env;
  const linux = platform === 'linux' || platform.endsWith('bsd');
  const dbus =
    (linux ? null : (o.native ?? null)) ??
    o.dbus ??
    (linux && env.DBUS_SESSION_BUS_ADDRESS
      ? createDbusNotifier({
          appName: o.appName,
          ...(o.iconPath ? { iconPath: o.iconPath } : {}),
          logger: o.logger,
          ...(o.sound ? { sound: o.sound } : {}),
          busAddress: env.DBUS_SESSION_BUS_ADDRESS,
        })
      : null);
  return {
    async show(n, onClick, onAction): Promise<ShowResult> {
      if (!dbus) return o.plain.show(n, onClick);
      const r = await dbus.show(n, onClick, onAction);
      if (r.status === 'shown') return r;
      const plain = await o.plain.show({ ...n, sound: false }, onClick);
      if (plain.status === 'shown') return plain;
      return {
        status: 'failed',
        reason: `${r.reason ?? 'D-Bus failed'}; ${plain.reason ?? 'notify-send failed'}`,
      };
    },
    supportsActions: async () => (dbus ? dbus.supportsActions() : false),
    close: () => dbus?.close(),
  };
}
