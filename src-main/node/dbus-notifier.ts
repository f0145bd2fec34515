/**
 * Linux notifications with actions: talks to `org.freedesktop.Notifications` over the D-Bus session
 * bus (Electron and notify-send offer no actions on Linux, electron/electron#24333). A page's
 * notification carries Acknowledge, Resolve and Open (the default action, a click); `ActionInvoked`
 * calls back once per notification and `NotificationClosed` forgets it. A server without the
 * `actions` capability gets a plain notification. The D-Bus wire protocol is @homebridge/dbus-native
 * (pure JS, no native module to rebuild against Electron); only the three calls are written here.
 */
import type { NotificationRequest } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import { escapeMarkup, plainText, type ShowResult } from './notifier.js';
import { reminderStep } from './alert-sounds.js';
import type { SoundPlayer } from './sound.js';

/** What a notification's button asks for. */
export type NotificationActionKey = 'acknowledge' | 'resolve' | 'open';

/** Labels of the actions, in the order servers show them. */
export const ACTION_LABELS: Record<NotificationActionKey, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  open: 'Open',
};

/** The minimal D-Bus message bus this adapter uses (a dbus-native client; injectable for tests). */
export interface DbusBus {
  invoke(
    msg: {
      destination: string;
      path: string;
      interface: string;
      member: string;
      signature?: string;
      body?: unknown[];
    },
    cb: (err: unknown, ...values: unknown[]) => void,
  ): void;
  addMatch(rule: string, cb: (err: unknown) => void): void;
  connection: {
    on(event: 'message', l: (m: { type: number; member?: string; body?: unknown[] }) => void): void;
    on(event: 'error' | 'end', l: (e?: unknown) => void): void;
    end(): void;
  };
}

/** Options of {@link createDbusNotifier}. */
export interface DbusNotifierOptions {
  appName: string;
  iconPath?: string;
  logger: Logger;
  sound?: SoundPlayer;
  /** Bus address (default: DBUS_SESSION_BUS_ADDRESS). */
  busAddress?: string;
  /** Connect to the bus (default: dbus-native's createClient). */
  connect?: (address: string) => Promise<DbusBus>;
}

/** A notifier whose notifications can carry actions. */
export interface ActionNotifier {
  /**
   * Show one notification. `onClick` runs on a click (the default action), `onAction` on a button;
   * at most one of them runs, at most once. Resolves when the server accepted (or refused) it.
   */
  show(
    n: NotificationRequest,
    onClick?: () => void,
    onAction?: (action: NotificationActionKey) => void,
  ): Promise<ShowResult>;
  /** True once the server said it shows actions. */
  supportsActions(): Promise<boolean>;
  /** Close the bus connection. */
  close(): void;
}

const DEST = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';
const URGENCY = { low: 0, normal: 1, critical: 2 } as const;

/** Default connect: a dbus-native client on the address, loaded on first use. */
async function defaultConnect(address: string): Promise<DbusBus> {
  const mod = (await import('@homebridge/dbus-native')) as unknown as {
    createClient?: (o: { busAddress: string }) => DbusBus;
    default?: { createClient: (o: { busAddress: string }) => DbusBus };
  };
  const createClient = mod.createClient ?? mod.default?.createClient;
  if (!createClient) throw new Error('@homebridge/dbus-native has no createClient');
  return createClient({ busAddress: address });
}

/** The actions a request gets (as the D-Bus `as` list: key, label, key, label…). */
export function actionsFor(n: NotificationRequest): string[] {
  const out = ['default', ACTION_LABELS.open];
  if (
    n.incidentIds.length === 0 ||
    !['page', 'escalation', 'retrigger', 'reminder', 'storm'].includes(n.kind)
  )
    return out;
  out.push('acknowledge', ACTION_LABELS.acknowledge);
  // Resolve only for one page: resolving a storm summary from a button is too easy a mistake.
  if (n.incidentIds.length === 1) out.push('resolve', ACTION_LABELS.resolve);
  out.push('open', ACTION_LABELS.open);
  return out;
}

/** Create the D-Bus notifier. Rejects nothing: failures come back as `{ status: 'failed', reason }`. */
export function createDbusNotifier(opts: DbusNotifierOptions): ActionNotifier {
  const address = opts.busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
  const connect = opts.connect ?? defaultConnect;
  const handlers = new Map<number, { onClick?: () => void; onAction?: (k: NotificationActionKey) => void }>();
  let busPromise: Promise<DbusBus> | null = null;
  let caps: Promise<string[]> | null = null;

  const call = (bus: DbusBus, member: string, signature: string, body: unknown[]): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      bus.invoke({ destination: DEST, path: PATH, interface: DEST, member, signature, body }, (err, ...v) => {
        if (err) reject(new Error(dbusMessage(err)));
        else resolve(v);
      });
    });

  const onSignal = (m: { type: number; member?: string; body?: unknown[] }): void => {
    if (m.type !== 4 || !m.body) return;
    const id = Number(m.body[0]);
    if (m.member === 'ActionInvoked') {
      const h = handlers.get(id);
      if (!h) return;
      // Once per notification: a second signal for the same one does nothing.
      handlers.delete(id);
      const key = String(m.body[1]);
      try {
        if (key === 'default') h.onClick?.();
        else if (key === 'acknowledge' || key === 'resolve' || key === 'open') h.onAction?.(key);
      } catch (e) {
        opts.logger.warn('a notification action handler failed', { error: dbusMessage(e) });
      }
    } else if (m.member === 'NotificationClosed') handlers.delete(id);
  };

  const bus = (): Promise<DbusBus> =>
    (busPromise ??= (async () => {
      if (!address) throw new Error('no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)');
      const b = await connect(address);
      b.connection.on('error', (e) => {
        opts.logger.warn('the D-Bus connection failed', { error: dbusMessage(e) });
        busPromise = null;
        caps = null;
      });
      b.connection.on('end', () => {
        busPromise = null;
        caps = null;
      });
      b.connection.on('message', onSignal);
      await new Promise<void>((resolve, reject) =>
        b.addMatch(`type='signal',interface='${DEST}'`, (err) =>
          err ? reject(new Error(dbusMessage(err))) : resolve(),
        ),
      );
      return b;
    })().catch((e: unknown) => {
      busPromise = null;
      throw e;
    }));

  const capabilities = (): Promise<string[]> =>
    (caps ??= bus()
      .then((b) => call(b, 'GetCapabilities', '', []))
      .then((v) => (Array.isArray(v[0]) ? (v[0] as unknown[]).map(String) : []))
      .catch((e: unknown) => {
        caps = null;
        throw e;
      }));

  return {
    async supportsActions() {
      try {
        return (await capabilities()).includes('actions');
      } catch {
        return false;
      }
    },
    async show(n, onClick, onAction) {
      let b: DbusBus;
      let withActions: boolean;
      try {
        b = await bus();
        withActions = (await capabilities()).includes('actions');
      } catch (e) {
        return { status: 'failed', reason: `no notification server on D-Bus: ${dbusMessage(e)}` };
      }
      const title = plainText(n.title, 120) || opts.appName;
      const body = escapeMarkup(plainText(n.body, 400));
      const actions = withActions && (onClick || onAction) ? actionsFor(n) : [];
      const hints: unknown[] = [['urgency', ['y', URGENCY[n.urgency]]]];
      if (n.urgency === 'critical') hints.push(['resident', ['b', true]]);
      // Critical pages stay until dismissed; the rest expire after 10 s.
      const timeout = n.urgency === 'critical' ? 0 : 10_000;
      if (n.sound) void opts.sound?.play(reminderStep(n.key));
      try {
        const [id] = await call(b, 'Notify', 'susssasa{sv}i', [
          opts.appName,
          0,
          opts.iconPath ?? '',
          title,
          body,
          actions,
          hints,
          timeout,
        ]);
        if (actions.length > 0) handlers.set(Number(id), { onClick, onAction });
        return { status: 'shown' };
      } catch (e) {
        return { status: 'failed', reason: `the notification server refused it: ${dbusMessage(e)}` };
      }
    },
    close() {
      const p = busPromise;
      busPromise = null;
      void p?.then((b) => b.connection.end()).catch(() => {});
    },
  };
}

function dbusMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (Array.isArray(e)) return e.map(String).join(' ');
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
