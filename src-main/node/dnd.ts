/**
 * Do Not Disturb, where the OS lets it be read: GNOME's `show-banners` off (gsettings), dunst paused
 * (`dunstctl is-paused`), macOS's Do Not Disturb (`defaults -currentHost read
 * com.apple.notificationcenterui doNotDisturb`; macOS 12+ Focus is not readable and reads as
 * unknown), and on Windows the two readable signs: app notifications switched off in Settings (the
 * `NOC_GLOBAL_SETTING_TOASTS_ENABLED` registry value is 0) and the shell's own answer,
 * `SHQueryUserNotificationState` (presentation mode, a full-screen app, quiet time), asked through
 * PowerShell since Node has no binding and a native addon for one call is not worth its build. Windows
 * 11's Focus/Do Not Disturb keeps its state in an undocumented blob, so it reads as unknown. A reader
 * that fails or is missing counts as "not silenced" (never a false alarm); the warning is the host's.
 * The Windows commands are tested against a scripted runner only: no Windows machine here (the
 * three-OS workflow runs the Electron smoke test, not this reader).
 */
import { execFile } from 'node:child_process';
import type { Logger } from '../core/ports.js';

/** What silences notifications now, in words ("dunst is paused"), or null when nothing known does. */
export type Silenced = string | null;

/** Runs a command: its stdout, or null when it is missing or fails. */
export type CommandRunner = (cmd: string, args: string[]) => Promise<string | null>;

/** The real runner: execFile with a short timeout (PowerShell's start and Add-Type take longer). */
export const runCommand: CommandRunner = (cmd, args) =>
  new Promise((resolve) => {
    const timeout = cmd === 'powershell.exe' ? 15_000 : 2000;
    execFile(cmd, args, { timeout, encoding: 'utf8', windowsHide: true }, (err, stdout) =>
      resolve(err ? null : stdout),
    );
  });

const WIN_TOASTS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\PushNotifications';
const WIN_TOASTS_VALUE = 'ToastEnabled';
const WIN_NOC_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Notifications\\Settings';
const WIN_NOC_VALUE = 'NOC_GLOBAL_SETTING_TOASTS_ENABLED';
/** PowerShell asking the shell whether it would show a notification now (QUERY_USER_NOTIFICATION_STATE). */
export const WIN_QUNS_SCRIPT =
  'Add-Type -Namespace OnCall -Name Shell -MemberDefinition \'[DllImport("shell32.dll")] public static extern int SHQueryUserNotificationState(out int state);\'; ' +
  '$s = 0; [void][OnCall.Shell]::SHQueryUserNotificationState([ref]$s); $s';
/** The states of QUERY_USER_NOTIFICATION_STATE that hold notifications back, in words. */
const QUNS_SILENCED: Record<string, string> = {
  '2': 'Windows holds notifications back while a full-screen app or presentation settings are on',
  '3': 'Windows holds notifications back while a full-screen game is running',
  '4': 'Windows presentation mode is on',
  '6': 'Windows quiet time is on',
};

/** A REG_DWORD read by `reg query`: its number, or null when missing. */
function regDword(out: string | null, value: string): number | null {
  const m = out?.match(new RegExp(`${value}\\s+REG_DWORD\\s+0x([0-9a-f]+)`, 'i'));
  return m ? parseInt(m[1]!, 16) : null;
}

async function readWindows(run: CommandRunner): Promise<Silenced> {
  for (const [key, value] of [
    [WIN_NOC_KEY, WIN_NOC_VALUE],
    [WIN_TOASTS_KEY, WIN_TOASTS_VALUE],
  ] as const) {
    if (regDword(await run('reg', ['query', key, '/v', value]), value) === 0) {
      return 'Windows notifications are turned off in Settings';
    }
  }
  // PowerShell with Add-Type costs a second or so of CPU: asked at most every 5 minutes (per
  // runner), while the cheap registry reads run on every check.
  const now = Date.now();
  const cached = qunsCache.get(run);
  if (cached && now - cached.at < QUNS_EVERY_MS) return cached.value;
  const state = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WIN_QUNS_SCRIPT]);
  const value = QUNS_SILENCED[state?.trim() ?? ''] ?? null;
  qunsCache.set(run, { at: now, value });
  return value;
}

const QUNS_EVERY_MS = 5 * 60_000;
const qunsCache = new WeakMap<CommandRunner, { at: number; value: Silenced }>();

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
  if (platform === 'win32') return readWindows(run);
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
