/**
 * macOS and Windows notifications with actions, through Electron's `Notification`: Acknowledge and
 * Open as buttons (and Resolve on Windows, whose toasts show up to five; macOS folds extra actions
 * into a menu, so it gets two). A click opens the incident. The buttons go through the same handler
 * as the Linux D-Bus ones (node/notification-actions.ts), so through the durable action queue.
 * Type-checked against electron.d.ts and unit-tested with a mocked Notification; not run on a real
 * macOS or Windows desktop here.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { NotificationRequest } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import { ACTION_LABELS, type ActionNotifier, type NotificationActionKey } from '../node/dbus-notifier.js';
import { plainText, type ShowResult } from '../node/notifier.js';

/** Electron's Notification class as used here (injectable for tests). */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<ElectronNotification, 'on' | 'show'>;
  isSupported(): boolean;
}

/** The buttons a request gets on a platform. */
export function nativeActions(n: NotificationRequest, platform: NodeJS.Platform): NotificationActionKey[] {
  if (
    n.incidentIds.length === 0 ||
    !['page', 'escalation', 'retrigger', 'reminder', 'storm'].includes(n.kind)
  )
    return [];
  if (platform === 'win32' && n.incidentIds.length === 1) return ['acknowledge', 'resolve', 'open'];
  return ['acknowledge', 'open'];
}

/** Create the Electron notifier. */
export function createElectronNotifier(o: {
  Notification: NotificationClass;
  platform: NodeJS.Platform;
  appName: string;
  iconPath?: string;
  logger: Logger;
  /** Report shown after this long when the platform sends no `show` event. */
  graceMs?: number;
}): ActionNotifier {
  // Electron drops the events of a notification that is garbage-collected: keep them until used.
  const live = new Set<unknown>();
  return {
    supportsActions: async () => o.Notification.isSupported(),
    close: () => live.clear(),
    show(n, onClick, onAction): Promise<ShowResult> {
      if (!o.Notification.isSupported()) {
        return Promise.resolve({ status: 'failed', reason: 'this system does not support notifications' });
      }
      const keys = onAction ? nativeActions(n, o.platform) : [];
      const notif = new o.Notification({
        title: plainText(n.title, 120) || o.appName,
        body: plainText(n.body, 400),
        silent: !n.sound,
        ...(o.iconPath ? { icon: o.iconPath } : {}),
        ...(n.urgency === 'critical' ? { timeoutType: 'never' as const } : {}),
        actions: keys.map((k) => ({ type: 'button' as const, text: ACTION_LABELS[k] })),
      });
      live.add(notif);
      let used = false;
      const once = (fn: () => void): void => {
        if (used) return;
        used = true;
        live.delete(notif);
        try {
          fn();
        } catch (e) {
          o.logger.warn('a notification action handler failed', {
            error: e instanceof Error ? e.message : String(e),
          });
        }
      };
      notif.on('click', () => once(() => onClick?.()));
      notif.on('action', (details) => {
        const key = keys[details.actionIndex];
        if (key) once(() => onAction?.(key));
      });
      notif.on('close', () => live.delete(notif));
      return new Promise((resolve) => {
        let settled = false;
        const settle = (r: ShowResult): void => {
          if (!settled) {
            settled = true;
            clearTimeout(timer);
            resolve(r);
          }
        };
        const timer = setTimeout(() => settle({ status: 'shown' }), o.graceMs ?? 2000);
        notif.on('show', () => settle({ status: 'shown' }));
        notif.on('failed', (_e, error) => {
          live.delete(notif);
          settle({ status: 'failed', reason: error || 'the notification failed' });
        });
        notif.show();
      });
    },
  };
}
