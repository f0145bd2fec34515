/**
 * Do Not Disturb, where the OS lets it be read: GNOME's `show-banners` off (gsettings), dunst paused
 * (`dunstctl is-paused`), macOS's Do Not Disturb (`defaults -currentHost read
 * com.apple.notificationcenterui doNotDisturb`; macOS 12+ Focus is not readable and reads as
 * unknown). Windows quiet hours have no command-line reader, so they read as unknown. A reader that
 * fails or is missing counts as "not silenced" (never a false alarm); the warning is the host's.
 */
import { execFile } from 'node:child_process';
import type { Logger } from '../core/ports.js';

/** What silences notifications now, in words ("dunst is paused"), or null when nothing known does. */
export type Silenced = string | null;

/** Runs a command: its stdout, or null when it is missing or fails. */
export type CommandRunner = (cmd: string, args: string[]) => Promise<string | null>;

/** The real runner: execFile with a short timeout. */
export const runCommand: CommandRunner = (cmd, args) =>
  new Promise((resolve) => {
    execFile(cmd, args, { timeout: 2000, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });

/** Read the silenced state once. */
export async function readSilenced(
  platform: NodeJS.Platform = process.platform,
  run: CommandRunner = runCommand,
): Promise<Silenced> {
  if (platform === 'linux' || platform.endsWith('bsd')) {
    const banners = await run('gsettings', ['get', 'org.gnome.desktop.notifications', 'show-banners']);
    if (banners?.trim() === 'false') return 'GNOME Do Not Disturb is on';
    const paused = await run('dunstctl', ['is-paused']);
    if (paused?.trim() === 'true') return 'dunst is paused';
    return null;
  }
  if (platform === 'darwin') {
    const dnd = await run('defaults', [
      '-currentHost',
      'read',
      'com.apple.notificationcenterui',
      'doNotDisturb',
    ]);
    return dnd?.trim() === '1' ? 'macOS Do Not Disturb is on' : null;
  }
  return null;
}

/** The warning the tray and the window show, or null. */
export function silencedWarning(silenced: Silenced, onCall: boolean): string | null {
  return silenced && onCall ? `Notifications are silenced while you are on call (${silenced})` : null;
}

/** Re-read every `intervalMs` and report changes; returns the stop function. */
export function watchSilenced(o: {
  onChange: (s: Silenced) => void;
  logger: Logger;
  intervalMs?: number;
  read?: () => Promise<Silenced>;
}): () => void {
  const read = o.read ?? (() => readSilenced());
  let last: Silenced | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    const now = await read().catch(() => null);
    if (stopped || now === last) return;
    last = now;
    if (now) o.logger.info('notifications are silenced by the system', { why: now });
    o.onChange(now);
  };
  void tick();
  const timer = setInterval(() => void tick(), o.intervalMs ?? 30_000);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
