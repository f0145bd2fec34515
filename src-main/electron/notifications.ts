/**
 * Desktop notifications in the shell: shows what the core's policy asked for through the Node
 * notifier (which also plays the alert where the platform has no sound) with the sound the policy
 * decided (core/policy/notify.ts reads the sound setting; nothing here does), and turns a click into
 * "open the window on that incident". It decides nothing about whether to notify.
 */
import type { CoreEvent, NotificationRequest } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import type { NotificationActionKey } from '../node/dbus-notifier.js';

/** The Node notifier (src-main/node/notifier.ts) as this adapter uses it. */
export interface NotifierLike {
  show(
    n: NotificationRequest,
    onClick?: () => void,
    onAction?: (key: NotificationActionKey) => void,
  ): Promise<{ status: string; reason?: string }>;
}

/** Options of the adapter. */
export interface NotificationsOptions {
  notifier: NotifierLike;
  /** Open the window on an incident (or just open it when null). */
  openIncident: (incidentId: string | null) => void;
  /** A notification's Acknowledge / Resolve / Open button (Linux D-Bus; see node/notification-actions.ts). */
  onAction?: (n: NotificationRequest, key: NotificationActionKey) => void;
  /** The outcome of each notification (Settings shows the last failure). */
  onDelivery?: (n: NotificationRequest, delivered: boolean, reason: string | null) => void;
  logger: Logger;
}

/** The adapter: feed it every core event. */
export interface NotificationsController {
  /**
   * Shows a notification event. Returns the hand-off (settled once the notifier answered), so the
   * core's outbox marks the page shown only then: a kill before it shows the page again on restart.
   */
  handle(event: CoreEvent): Promise<unknown> | undefined;
  /** Resolves when every notification shown so far has settled (tests). */
  idle(): Promise<void>;
}

/** Create the notification adapter. */
export function createNotifications(opts: NotificationsOptions): NotificationsController {
  const inflight = new Set<Promise<unknown>>();

  const show = (n: NotificationRequest): Promise<unknown> => {
    const p = opts.notifier
      .show(
        n,
        () => opts.openIncident(n.incidentId),
        opts.onAction ? (key) => opts.onAction?.(n, key) : undefined,
      )
      .then((res) => {
        opts.onDelivery?.(
          n,
          res.status === 'shown',
          res.status === 'shown' ? null : (res.reason ?? res.status),
        );
        if (res.status !== 'shown') {
          opts.logger.info('notifications: not shown', {
            key: n.key,
            status: res.status,
            reason: res.reason ?? null,
          });
        }
      })
      .catch((err: unknown) => {
        opts.logger.warn('notifications: the notifier failed', {
          key: n.key,
          error: err instanceof Error ? err.message : 'unknown',
        });
      });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    return p;
  };

  return {
    handle(event) {
      return event.type === 'notification' ? show(event.notification) : undefined;
    },
    async idle() {
      while (inflight.size) await Promise.all([...inflight]);
    },
  };
}
