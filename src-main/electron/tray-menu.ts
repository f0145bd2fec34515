/**
 * The tray menu as plain data: open pages (newest first, capped) each with Acknowledge and, when its
 * escalation level is known, "Escalate to level N+1" (queued like the window's escalate; a level the
 * policy lacks is refused by PagerDuty and rolled back with a message), then the app's commands. A
 * stable key lets the adapter rebuild the native menu only when this changed.
 */
import type { CompanionSnapshot } from '../core/companion-types.js';
import type { Incident } from '../core/domain.js';

/** What a menu item does when clicked. */
export type TrayAction =
  | { kind: 'acknowledge'; incidentId: string }
  | { kind: 'escalate'; incidentId: string; level: number }
  | { kind: 'open_incident'; incidentId: string }
  | { kind: 'acknowledge_all_mine' }
  | { kind: 'open_window' }
  | { kind: 'pause_low_urgency'; minutes: number }
  | { kind: 'resume_low_urgency' }
  | { kind: 'settings' }
  | { kind: 'quit' }
  | { kind: 'install_update' };

/** One menu entry. */
export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] };

/** The menu and its key. */
export interface TrayMenu {
  items: TrayMenuItem[];
  /** Equal keys mean equal menus. */
  key: string;
}

/** Inputs besides the snapshot. */
export interface TrayMenuOptions {
  now: number;
  formatTime: (ms: number) => string;
  /** How many pages to list; the rest are summarised in one line. */
  maxPages?: number;
  /** "Update ready: restart to install …" when an update waits (core/update/status.ts), else null. */
  updateMessage?: string | null;
  /** "Notifications are silenced while you are on call (…)", shown first, or null. */
  warning?: string | null;
  /** "Signed out of <account>: sign in again" (see tray-state.ts), shown first, opening Settings. */
  signedOut?: string | null;
}

/** Default cap on listed pages. */
export const MAX_MENU_PAGES = 10;

/** Longest page label before it is shortened. */
const MAX_LABEL = 60;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_LABEL ? `${oneLine.slice(0, MAX_LABEL - 1)}…` : oneLine;
}

/** Menu labels treat `&` as a mnemonic marker on Windows/Linux; double it to show it literally. */
function escapeLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

function pageItem(incident: Incident, opts: TrayMenuOptions): TrayMenuItem {
  const mark = incident.status === 'triggered' ? (incident.urgency === 'high' ? '🔴' : '🟠') : '✓';
  const until = incident.snoozedUntil ? Date.parse(incident.snoozedUntil) : NaN;
  const snoozed =
    !Number.isNaN(until) && until > opts.now ? ` · snoozed until ${opts.formatTime(until)}` : '';
  const label = escapeLabel(
    `${mark} ${incident.account ? `[${shorten(incident.account.name)}] ` : ''}#${incident.number} ${shorten(incident.title)} (${shorten(incident.service.summary)})${snoozed}`,
  );
  const items: TrayMenuItem[] = [
    {
      type: 'normal',
      label: incident.status === 'triggered' ? 'Acknowledge' : 'Acknowledged',
      enabled: incident.status === 'triggered',
      action: incident.status === 'triggered' ? { kind: 'acknowledge', incidentId: incident.id } : null,
    },
    ...escalateItem(incident),
    {
      type: 'normal',
      label: 'Show in window',
      enabled: true,
      action: { kind: 'open_incident', incidentId: incident.id },
    },
  ];
  return { type: 'submenu', label, items };
}

/** Highest level offered (the action's own bound). */
const MAX_ESCALATION_LEVEL = 20;

/** "Escalate to level N+1" for an open page on a policy at a known level; nothing otherwise. */
function escalateItem(incident: Incident): TrayMenuItem[] {
  const level = incident.escalationLevel;
  if (!incident.escalationPolicy || level === null || !Number.isInteger(level) || level < 1) return [];
  if (level >= MAX_ESCALATION_LEVEL) return [];
  return [
    {
      type: 'normal',
      label: `Escalate to level ${level + 1}`,
      enabled: true,
      action: { kind: 'escalate', incidentId: incident.id, level: level + 1 },
    },
  ];
}

/** Newest first by creation time, then by incident number. */
function newestFirst(a: Incident, b: Incident): number {
  const t = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return t !== 0 && !Number.isNaN(t) ? t : b.number - a.number;
}

/** Build the tray menu from a snapshot. */
export function buildTrayMenu(snapshot: CompanionSnapshot, opts: TrayMenuOptions): TrayMenu {
  const cap = Math.max(0, opts.maxPages ?? MAX_MENU_PAGES);
  const open = snapshot.incidents
    .filter((i) => i.status === 'triggered' || i.status === 'acknowledged')
    .sort(newestFirst);
  const items: TrayMenuItem[] = [];
  if (opts.signedOut) {
    items.push({
      type: 'normal',
      label: `⚠ ${escapeLabel(opts.signedOut)}`,
      enabled: true,
      action: { kind: 'settings' },
    });
    items.push({ type: 'separator' });
  }
  if (opts.warning) {
    items.push({ type: 'normal', label: `⚠ ${escapeLabel(opts.warning)}`, enabled: false, action: null });
    items.push({ type: 'separator' });
  }

  if (open.length === 0) {
    items.push({ type: 'normal', label: 'No open pages', enabled: false, action: null });
  } else {
    for (const incident of open.slice(0, cap)) items.push(pageItem(incident, opts));
    if (open.length > cap) {
      items.push({
        type: 'normal',
        label: `…and ${open.length - cap} more (open the window)`,
        enabled: true,
        action: { kind: 'open_window' },
      });
    }
  }

  const me = snapshot.me?.id;
  const mineTriggered = me
    ? snapshot.incidents.filter((i) => i.status === 'triggered' && i.assignees.some((a) => a.id === me))
        .length
    : 0;
  items.push({ type: 'separator' });
  items.push({
    type: 'normal',
    label: mineTriggered > 0 ? `Acknowledge all mine (${mineTriggered})` : 'Acknowledge all mine',
    enabled: mineTriggered > 0,
    action: { kind: 'acknowledge_all_mine' },
  });
  items.push({ type: 'normal', label: 'Open window', enabled: true, action: { kind: 'open_window' } });

  const paused = snapshot.lowUrgencyPausedUntil;
  if (paused !== null && paused > opts.now) {
    items.push({
      type: 'normal',
      label: `Resume low-urgency notifications (paused until ${opts.formatTime(paused)})`,
      enabled: true,
      action: { kind: 'resume_low_urgency' },
    });
  } else {
    items.push({
      type: 'normal',
      label: 'Pause low-urgency notifications for 1 h',
      enabled: true,
      action: { kind: 'pause_low_urgency', minutes: 60 },
    });
  }
  items.push({ type: 'separator' });
  if (opts.updateMessage) {
    // Restarting is the user's choice: only a ready update is clickable (a download shows progress).
    const ready = opts.updateMessage.startsWith('Update ready');
    items.push({
      type: 'normal',
      label: escapeLabel(opts.updateMessage),
      enabled: ready,
      action: ready ? { kind: 'install_update' } : null,
    });
  }
  items.push({ type: 'normal', label: 'Settings…', enabled: true, action: { kind: 'settings' } });
  items.push({ type: 'normal', label: 'Quit On-Call Companion', enabled: true, action: { kind: 'quit' } });

  return { items, key: JSON.stringify(items) };
}
