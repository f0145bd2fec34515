/**
 * Where the app's runtime assets are: inside the app (asar) for Electron's own use, and in the
 * unpacked copy for files handed to other programs (notify-send's icon, a sound player).
 */
import { join } from 'node:path';

/** Folder of the assets, given Electron's `app.getAppPath()`. */
export function assetsDir(appPath: string): string {
  return join(appPath, 'assets');
}

/** The same path outside the asar archive, for external programs (asarUnpack keeps a real copy). */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** The tray icon file of an icon name on a platform (template images on macOS, .ico on Windows). */
export function trayIconPath(appPath: string, icon: string, platform: NodeJS.Platform): string {
  const dir = join(assetsDir(appPath), 'tray');
  if (platform === 'darwin') return join(dir, `${icon}Template.png`);
  if (platform === 'win32') return join(dir, `${icon}.ico`);
  return join(dir, `${icon}.png`);
}

/** The app icon of the window. */
export function appIconPath(appPath: string, platform: NodeJS.Platform): string {
  return join(assetsDir(appPath), 'app', platform === 'win32' ? 'icon.ico' : join('png', '512x512.png'));
}

/** The icon handed to the notifier: a real file outside the asar (see asarUnpack). */
export function notificationIconPath(appPath: string): string {
  return unpackedPath(join(assetsDir(appPath), 'app', 'png', '256x256.png'));
}
