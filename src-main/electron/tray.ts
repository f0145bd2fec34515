/**
 * The tray adapter: shows the state and menu computed by `tray-state` and `tray-menu`, rebuilds the
 * native menu only when its key changed, and hands clicks to the composition root.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { CompanionSnapshot } from '../core/companion-types.js';
import { computeTrayState, type TrayState } from './tray-state.js';
import { silencedWarning } from '../node/dnd.js';
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from './tray-menu.js';

/** Options of the tray. */
export interface TrayOptions {
  /** File of an icon name (see assets-path.ts). */
  iconPath: (icon: string) => string;
  onAction: (action: TrayAction) => void;
  now: () => number;
  formatTime: (ms: number) => string;
  /** The user's notification switch now. */
  notificationsEnabled?: () => boolean;
  /** The update line of the menu now (null: none). */
  updateMessage?: () => string | null;
  /** What silences notifications at the OS level now (node/dnd.ts), or null. */
  silenced?: () => string | null;
  /** "Signed out of <account>: sign in again" while a rejected sign-in waits for the user, else null. */
  signedOut?: () => string | null;
}

/** The tray as the composition root holds it. */
export interface TrayController {
  /** Show a new snapshot. */
  update(snapshot: CompanionSnapshot): void;
  /** Show that there is no data at all (the source could not start), with the reason. */
  showProblem(reason: string): void;
  /** The state shown now (for tests and the smoke test). */
  state(): TrayState | null;
  /** How many times the native menu was built. */
  menuBuilds(): number;
  /** The labels of the menu shown now, nested items after their parent (smoke test). */
  menuLabels(): string[];
  destroy(): void;
}

function toNative(items: TrayMenuItem[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, submenu: toNative(item.items, onAction) };
    const action = item.action;
    return {
      label: item.label,
      enabled: item.enabled,
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}

function flatLabels(items: TrayMenuItem[]): string[] {
  return items.flatMap((i) =>
    i.type === 'separator' ? [] : i.type === 'submenu' ? [i.label, ...flatLabels(i.items)] : [i.label],
  );
}

/** Create the tray icon with its menu. */
export function createTray(opts: TrayOptions): TrayController {
  let current: TrayState | null = null;
  let menuKey: string | null = null;
  let builds = 0;
  let labels: string[] = [];
  const tray = new Tray(nativeImage.createFromPath(opts.iconPath('tray-off-call')));
  tray.setToolTip('On-Call Companion');
  // A left click opens the window on Windows and Linux (macOS shows the menu).
  tray.on('click', () => opts.onAction({ kind: 'open_window' }));

  return {
    update(snapshot) {
      const now = opts.now();
      const state = computeTrayState(snapshot, {
        now,
        formatTime: opts.formatTime,
        notificationsEnabled: opts.notificationsEnabled?.() ?? true,
        silenced: opts.silenced?.() ?? null,
        signedOut: opts.signedOut?.() ?? null,
      });
      if (!current || current.icon !== state.icon)
        tray.setImage(nativeImage.createFromPath(opts.iconPath(state.icon)));
      if (!current || current.tooltip !== state.tooltip) tray.setToolTip(state.tooltip);
      current = state;
      const warning = silencedWarning(opts.silenced?.() ?? null, snapshot.shifts.current.length > 0);
      const menu = buildTrayMenu(snapshot, {
        now,
        formatTime: opts.formatTime,
        updateMessage: opts.updateMessage?.() ?? null,
        warning,
        signedOut: opts.signedOut?.() ?? null,
      });
      if (menu.key !== menuKey) {
        tray.setContextMenu(Menu.buildFromTemplate(toNative(menu.items, opts.onAction)));
        labels = flatLabels(menu.items);
        menuKey = menu.key;
        builds++;
      }
    },
    showProblem(reason) {
      const icon = 'tray-degraded';
      if (current?.icon !== icon) tray.setImage(nativeImage.createFromPath(opts.iconPath(icon)));
      const tooltip = `On-Call Companion\nNot connected: ${reason}`;
      tray.setToolTip(tooltip);
      current = { mode: 'degraded', openPages: 0, acknowledged: 0, tooltip, icon };
    },
    state: () => current,
    menuBuilds: () => builds,
    menuLabels: () => labels,
    destroy: () => tray.destroy(),
  };
}
