/**
 * What the app knows about its own updates, as plain data the tray, the window and the preview
 * show, and the pure rules around it: how an updater's events change the status, what the user
 * reads, and when installing is allowed. No Electron here (the adapter is electron/updater.ts).
 *
 * The one rule that matters during a shift: the app never restarts by itself. A downloaded update
 * waits until the user asks ("Restart to install") or quits.
 */

/** The update status. `version` is the new version; `currentVersion` the running one. */
export type UpdateStatus =
  | { state: 'disabled'; currentVersion: string }
  | { state: 'unsupported'; currentVersion: string; reason: string }
  | { state: 'idle'; currentVersion: string; checkedAt: string | null }
  | { state: 'checking'; currentVersion: string; checkedAt: string | null }
  | { state: 'downloading'; currentVersion: string; version: string; percent: number }
  | { state: 'ready'; currentVersion: string; version: string }
  | { state: 'error'; currentVersion: string; message: string; at: string };

/** A status shown for a demonstration (the browser preview), never a real download. */
export type ShownUpdateStatus = UpdateStatus & { simulated?: true };

/** What an updater reports (electron-updater's events, normalised). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'not-available' }
  | { type: 'available'; version: string }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** The status after an updater event at `at` (ISO time). Pure. */
export function nextStatus(s: UpdateStatus, e: UpdaterEvent, at: string): UpdateStatus {
  const currentVersion = s.currentVersion;
  // Off is off: a late event from a check started before the switch changes nothing.
  if (s.state === 'disabled' || s.state === 'unsupported') return s;
  // A downloaded update stays ready: a later failed or empty check must not hide it.
  if (s.state === 'ready' && e.type !== 'downloaded') return s;
  const checkedAt = 'checkedAt' in s ? s.checkedAt : null;
  switch (e.type) {
    case 'checking':
      return s.state === 'downloading' ? s : { state: 'checking', currentVersion, checkedAt };
    case 'not-available':
      return { state: 'idle', currentVersion, checkedAt: at };
    case 'available':
      return { state: 'downloading', currentVersion, version: e.version, percent: 0 };
    case 'progress':
      return s.state === 'downloading'
        ? // Whole percents: the tray and the window are redrawn at most 100 times per download.
          {
            ...s,
            percent: Math.round(Math.max(0, Math.min(100, Number.isFinite(e.percent) ? e.percent : 0))),
          }
        : s;
    case 'downloaded':
      return { state: 'ready', currentVersion, version: e.version };
    case 'error':
      return { state: 'error', currentVersion, message: oneLine(e.message), at };
  }
}

export { updateMessage } from '../../shared/update.js';

/**
 * Whether installing now is allowed: only a downloaded update, and only on the user's request or
 * at quit. `reason` names why not.
 */
export function installDecision(
  s: UpdateStatus,
  trigger: 'user' | 'quit' | 'timer',
): { install: boolean; reason: string | null } {
  if (s.state !== 'ready') return { install: false, reason: 'No update has been downloaded yet.' };
  if (trigger === 'timer') return { install: false, reason: 'The app never restarts by itself.' };
  return { install: true, reason: null };
}

/** Updater errors can be long and multi-line (stack, YAML dump): keep one short line. */
function oneLine(s: string): string {
  const first =
    s
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? 'unknown error';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}
