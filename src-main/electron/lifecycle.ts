/**
 * App lifecycle: one instance at a time (a second launch focuses the first), launch at login, and
 * whether this start should stay hidden in the tray.
 */
import { app } from 'electron';
import type { Logger } from '../core/ports.js';
import { applyAutostart, linuxProgram } from '../node/autostart.js';

/** The command-line flag a login start carries. */
export const HIDDEN_FLAG = '--hidden';

/**
 * Take the single-instance lock. Returns false when another instance holds it (this one must quit);
 * otherwise calls `onSecondInstance` whenever another launch is attempted.
 */
export function setupSingleInstance(onSecondInstance: () => void, logger: Logger): boolean {
  if (!app.requestSingleInstanceLock()) {
    logger.info('lifecycle: another instance is running; handing over to it');
    return false;
  }
  app.on('second-instance', () => {
    logger.info('lifecycle: a second launch focuses this window');
    onSecondInstance();
  });
  return true;
}

/**
 * Register (or remove) the app as a login item; at login it starts hidden when asked to. macOS and
 * Windows through Electron; Linux through an XDG autostart file (node/autostart.ts).
 */
export function applyLoginItem(
  launchAtLogin: boolean,
  startHidden: boolean,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!app.isPackaged) {
    // A development build would register the bare Electron binary; leave the OS alone.
    logger.debug('lifecycle: login item not changed in a development build');
    return Promise.resolve();
  }
  if (platform === 'linux') {
    return applyAutostart({
      enabled: launchAtLogin,
      program: linuxProgram(env, process.execPath),
      args: startHidden ? [HIDDEN_FLAG] : [],
      name: 'On-Call Companion',
      env,
    }).then(
      (file) => logger.info(`lifecycle: autostart entry ${launchAtLogin ? 'written' : 'removed'}`, { file }),
      (err: unknown) =>
        logger.warn('lifecycle: could not change the autostart entry', {
          error: err instanceof Error ? err.message : 'unknown',
        }),
    );
  }
  try {
    app.setLoginItemSettings({
      openAtLogin: launchAtLogin,
      args: startHidden ? [HIDDEN_FLAG] : [],
    });
  } catch (err) {
    logger.warn('lifecycle: could not change the login item', {
      error: err instanceof Error ? err.message : 'unknown',
    });
  }
  return Promise.resolve();
}

/**
 * True when this start should not show the window: a login start with "start hidden" on (Windows and
 * Linux pass the flag; macOS says whether it opened the app at login).
 */
export function shouldStartHidden(argv: readonly string[], startHidden: boolean): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (!startHidden) return false;
  try {
    return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false;
  }
}
