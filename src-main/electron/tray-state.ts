/**
 * The tray's state as a pure function of the companion snapshot: which icon, how many pages, and a
 * tooltip in words. The tray adapter only shows what this returns.
 */
import { silencedWarning } from '../node/dnd.js';
import type { CompanionSnapshot } from '../core/companion-types.js';

/** The four looks of the tray. */
export type TrayMode = 'off_call' | 'on_call' | 'pages' | 'degraded';

/** What the tray shows. */
export interface TrayState {
  mode: TrayMode;
  /** Open pages still waiting for an acknowledgement (triggered). */
  openPages: number;
  /** Open pages already acknowledged. */
  acknowledged: number;
  tooltip: string;
  /** Base name of the icon files in assets/tray (without scale or extension). */
  icon: string;
}

/** Inputs besides the snapshot. */
export interface TrayStateOptions {
  /** Epoch ms now (for the pause). */
  now: number;
  /** Formats an epoch ms as a short local time, e.g. "14:05". */
  formatTime: (ms: number) => string;
  productName?: string;
  /** The user's notification switch (Settings); off is said in the tooltip. */
  notificationsEnabled?: boolean;
  /** What silences notifications at the OS level (node/dnd.ts), or null. */
  silenced?: string | null;
  /**
   * "Signed out of <account>: sign in again" when the sign-in's refresh token was rejected
   * (app/signin.ts holds it), else null: the feed is dead until the user signs in.
   */
  signedOut?: string | null;
}

/** The largest count drawn on an icon; more shows as "9+". */
export const MAX_DRAWN_COUNT = 9;

/** Icon base name of a mode and count. */
export function trayIconName(mode: TrayMode, openPages: number): string {
  if (mode !== 'pages') return `tray-${mode.replace('_', '-')}`;
  const n = Math.max(1, Math.floor(openPages));
  return n > MAX_DRAWN_COUNT ? `tray-pages-${MAX_DRAWN_COUNT}plus` : `tray-pages-${n}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Compute the tray state from a snapshot. */
export function computeTrayState(snapshot: CompanionSnapshot, opts: TrayStateOptions): TrayState {
  const product = opts.productName ?? 'On-Call Companion';
  const triggered = snapshot.incidents.filter((i) => i.status === 'triggered').length;
  const acknowledged = snapshot.incidents.filter((i) => i.status === 'acknowledged').length;
  const onCall = snapshot.shifts.current.length > 0;
  const sync = snapshot.sync;
  const degraded = sync.state === 'stale' || sync.state === 'auth_error';
  const signedOut = opts.signedOut ?? null;

  // Signed out, nothing new can arrive: said first, over the last pages seen. Otherwise a page
  // waiting for the engineer outranks everything; then a feed that may be wrong; then the shift.
  const mode: TrayMode = signedOut
    ? 'degraded'
    : triggered > 0
      ? 'pages'
      : degraded
        ? 'degraded'
        : onCall
          ? 'on_call'
          : 'off_call';

  const lines: string[] = signedOut ? [signedOut] : [];
  const head = snapshot.source.kind === 'demo' ? `${product} (demo)` : product;
  if (triggered > 0) lines.push(`${plural(triggered, 'page', 'pages')} waiting for you`);
  else if (onCall) lines.push('On call, no open pages');
  else lines.push('Not on call');
  if (acknowledged > 0) lines.push(`${plural(acknowledged, 'acknowledged page', 'acknowledged pages')} open`);
  if (triggered > 0 && !onCall) lines.push('Not on call');
  if (sync.state === 'starting') lines.push('Connecting…');
  if (sync.state === 'stale') lines.push(`Data may be out of date: ${sync.reason}`);
  if (sync.state === 'auth_error' && !signedOut) lines.push(`Not connected: ${sync.reason}`);
  const paused = snapshot.lowUrgencyPausedUntil;
  const warning = silencedWarning(opts.silenced ?? null, onCall);
  if (warning) lines.push(warning);
  if (opts.notificationsEnabled === false) lines.push('Notifications are off (Settings)');
  else if (paused !== null && paused > opts.now) {
    lines.push(`Low-urgency notifications paused until ${opts.formatTime(paused)}`);
  }

  return {
    mode,
    openPages: triggered,
    acknowledged,
    tooltip: [head, ...lines].join('\n'),
    icon: trayIconName(mode, triggered),
  };
}
