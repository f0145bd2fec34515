/**
 * Desktop notifications through node-notifier (notify-send on Linux, Notification Center on macOS,
 * toasts on Windows). The core's policy decides what to show; this adapter only shows it, plays the
 * alert sound where the platform has none, and reports `shown` or `failed` with a reason.
 */
import type { NotificationRequest } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import { reminderStep } from './alert-sounds.js';
import type { SoundPlayer } from './sound.js';

/** The outcome of showing one notification. */
export interface ShowResult {
  status: 'shown' | 'failed';
  reason?: string;
}

/** Shows notifications the policy asked for. Shared by the headless command and the Electron shell. */
export interface DesktopNotifier {
  /** Show one notification; `onClick` runs when the user clicks it (where the platform reports clicks). */
  show(n: NotificationRequest, onClick?: () => void): Promise<ShowResult>;
}

/** The part of node-notifier this adapter uses (injectable for tests). */
export interface NotifierImpl {
  notify(
    options: Record<string, unknown>,
    callback?: (err: Error | string | null, response?: unknown, metadata?: Record<string, unknown>) => void,
  ): unknown;
}

/** Options of {@link createNodeNotifier}. */
export interface NodeNotifierOptions {
  appName: string;
  /** Windows toast identity (the AppUserModelID of the Start menu shortcut); default appName. */
  appId?: string;
  iconPath?: string;
  logger: Logger;
  sound?: SoundPlayer;
  /** Defaults to node-notifier, loaded on first use. */
  impl?: NotifierImpl;
  platform?: NodeJS.Platform;
  /** With `wait` the callback may only come on click (macOS, Windows): report shown after this long. */
  waitGraceMs?: number;
}

const TITLE_MAX = 120;
const BODY_MAX = 400;

/** Create the node-notifier based notifier. */
export function createNodeNotifier(opts: NodeNotifierOptions): DesktopNotifier {
  const platform = opts.platform ?? process.platform;
  const graceMs = opts.waitGraceMs ?? 1500;
  let implPromise: Promise<NotifierImpl> | null = opts.impl ? Promise.resolve(opts.impl) : null;
  const load = (): Promise<NotifierImpl> =>
    (implPromise ??= import('node-notifier').then((m) => (m.default ?? m) as unknown as NotifierImpl));

  // Each distinct failure is a warning once (no notification server: every page would repeat it).
  const warned = new Set<string>();
  const log = (reason: string, key: string): void => {
    const level = warned.has(reason) ? 'debug' : 'warn';
    warned.add(reason);
    opts.logger[level]('desktop notification failed', { key, reason });
  };

  return {
    async show(n, onClick) {
      let impl: NotifierImpl;
      try {
        impl = await load();
      } catch (err) {
        return failed(log, n, `node-notifier could not be loaded: ${messageOf(err)}`);
      }
      const ownSound = n.sound && opts.sound?.playsItself === true;
      const options = toNotifierOptions(n, {
        appName: opts.appName,
        ...(opts.appId ? { appId: opts.appId } : {}),
        iconPath: opts.iconPath,
        platform,
        wait: onClick !== undefined,
        notifierSound: n.sound && !ownSound,
      });
      if (ownSound) void opts.sound?.play(reminderStep(n.key));
      return new Promise<ShowResult>((resolve) => {
        let settled = false;
        const settle = (r: ShowResult): void => {
          if (!settled) {
            settled = true;
            resolve(r);
          }
        };
        const timer = onClick ? setTimeout(() => settle({ status: 'shown' }), graceMs) : null;
        try {
          impl.notify(options, (err, response, metadata) => {
            if (timer) clearTimeout(timer);
            // node-notifier passes notify-send's stderr as `err` even when it exited 0: only an Error fails.
            if (err instanceof Error) {
              settle(failed(log, n, messageOf(err)));
              return;
            }
            if (err) opts.logger.debug('notifier wrote to stderr', { output: String(err).slice(0, 200) });
            settle({ status: 'shown' });
            if (onClick && isClick(response, metadata)) {
              try {
                onClick();
              } catch (e) {
                opts.logger.warn('notification click handler failed', { error: messageOf(e) });
              }
            }
          });
        } catch (err) {
          if (timer) clearTimeout(timer);
          settle(failed(log, n, messageOf(err)));
        }
      });
    },
  };
}

/** Build node-notifier's options for one request on one platform. Pure; exported for tests. */
export function toNotifierOptions(
  n: NotificationRequest,
  o: {
    appName: string;
    appId?: string;
    iconPath?: string;
    platform: NodeJS.Platform;
    wait: boolean;
    notifierSound: boolean;
  },
): Record<string, unknown> {
  const title = plainText(n.title, TITLE_MAX) || o.appName;
  let body = plainText(n.body, BODY_MAX) || ' ';
  if (o.platform === 'linux' || o.platform.endsWith('bsd')) {
    // notify-send: the body may be read as markup by the server, so escape it; the summary is plain.
    body = escapeMarkup(body);
    const options: Record<string, unknown> = {
      title: guardDash(title),
      message: guardDash(body),
      urgency: n.urgency,
      'app-name': o.appName,
      // Critical pages stay until dismissed; the rest expire after 10 s.
      timeout: n.urgency === 'critical' ? 0 : 10,
    };
    if (o.iconPath) options.icon = o.iconPath;
    if (o.wait) options.wait = true;
    return options;
  }
  const options: Record<string, unknown> = { title, message: body, wait: o.wait };
  if (o.platform === 'darwin') {
    options.sound = o.notifierSound ? 'Glass' : false;
    if (o.iconPath) options.contentImage = o.iconPath;
  } else {
    options.sound = o.notifierSound;
    // SnoreToast shows the name and icon of the shortcut with this AppUserModelID.
    options.appID = o.appId ?? o.appName;
    if (o.iconPath) options.icon = o.iconPath;
  }
  return options;
}

/** Untrusted text to one plain line: control characters out, whitespace collapsed, length capped. */
export function plainText(s: string, max: number): string {
  const t = s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Escape the characters notification servers read as markup. */
export function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A leading dash would make notify-send read the text as an option. */
function guardDash(s: string): string {
  return s.startsWith('-') ? ` ${s}` : s;
}

function isClick(response: unknown, metadata?: Record<string, unknown>): boolean {
  const r = typeof response === 'string' ? response.toLowerCase() : '';
  const a = typeof metadata?.activationType === 'string' ? metadata.activationType.toLowerCase() : '';
  return (
    r === 'activate' || r === 'clicked' || a === 'clicked' || a === 'contentsclicked' || a === 'actionclicked'
  );
}

function failed(
  log: (reason: string, key: string) => void,
  n: NotificationRequest,
  reason: string,
): ShowResult {
  const r = reason.split('\n')[0]?.slice(0, 300) || 'unknown error';
  log(r, n.key);
  return { status: 'failed', reason: r };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
