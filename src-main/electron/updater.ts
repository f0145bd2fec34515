/**
 * The electron-updater adapter, kept thin: it turns electron-updater's events into the core's
 * `UpdaterEvent`s and its calls into the `UpdaterPort`; every decision (when to check, what to show,
 * when installing is allowed) is in core/update/. Releases carry their feed (app-update.yml, the
 * GitHub provider, written by electron-builder at publish time); a development build or a build
 * without a feed reports itself as unable to update instead of failing.
 */
import type * as ElectronUpdater from 'electron-updater';
import type { AppUpdater, Logger as UpdaterLogger } from 'electron-updater';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports.js';
import {
  createUpdateController,
  type UpdateController,
  type UpdateControllerOptions,
  type UpdaterPort,
} from '../core/update/controller.js';

/** The controller's options, with the updater and the build's support found here. */
export type ElectronUpdaterOptions = Omit<UpdateControllerOptions, 'updater' | 'unsupported'> & {
  /** The updater; by default electron-updater's `autoUpdater` for this platform, loaded on demand. */
  updater?: AppUpdater;
  isPackaged: boolean;
  /** Folder holding app-update.yml (process.resourcesPath in a packaged app). */
  resourcesPath: string;
};

/** Why this build cannot update itself, or null when it can. */
export function unsupportedReason(isPackaged: boolean, resourcesPath: string): string | null {
  if (!isPackaged) return 'A development build does not update itself (run a release to get updates).';
  if (!resourcesPath || !existsSync(join(resourcesPath, 'app-update.yml')))
    return 'This build has no update feed (it was built locally, not published as a release).';
  return null;
}

function updaterLogger(logger: Logger): UpdaterLogger {
  const line = (m: unknown): string => (m instanceof Error ? m.message : String(m)).split('\n')[0]!;
  return {
    info: (m) => logger.debug(`updater: ${line(m)}`),
    warn: (m) => logger.info(`updater: ${line(m)}`),
    error: (m) => logger.warn(`updater: ${line(m)}`),
    debug: (m) => logger.debug(`updater: ${line(m)}`),
  };
}

/** Wire electron-updater to an update controller; returns the controller. */
export function createElectronUpdater(o: ElectronUpdaterOptions): UpdateController {
  const unsupported = unsupportedReason(o.isPackaged, o.resourcesPath);
  let updater: AppUpdater | null = o.updater ?? null;
  let controller: UpdateController | null = null;
  const get = (): AppUpdater => {
    if (updater) return updater;
    // Loaded only when a packaged build checks, so development runs never touch it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CJS module loaded on demand
    updater = (require('electron-updater') as typeof ElectronUpdater).autoUpdater;
    wire(updater);
    return updater;
  };
  const wire = (u: AppUpdater): void => {
    u.logger = updaterLogger(o.logger);
    u.autoDownload = true;
    u.allowDowngrade = false;
    u.allowPrerelease = false;
    const to = (e: Parameters<UpdateController['handle']>[0]) => controller?.handle(e);
    u.on('checking-for-update', () => to({ type: 'checking' }));
    u.on('update-not-available', () => to({ type: 'not-available' }));
    u.on('update-available', (info) => to({ type: 'available', version: info.version }));
    u.on('download-progress', (p) => to({ type: 'progress', percent: p.percent }));
    u.on('update-downloaded', (info) => to({ type: 'downloaded', version: info.version }));
    u.on('error', (err) => to({ type: 'error', message: err?.message ?? String(err) }));
  };
  if (updater) wire(updater);

  const port: UpdaterPort = {
    async check() {
      const result = await get().checkForUpdates();
      // The download goes on in the background; its failure arrives as an `error` event.
      void result?.downloadPromise?.catch(() => {});
    },
    install() {
      // Not silent (the installer may ask), and start the app again afterwards.
      get().quitAndInstall(false, true);
    },
    setInstallOnQuit(on) {
      if (unsupported) return;
      get().autoInstallOnAppQuit = on;
    },
  };
  const { updater: _given, isPackaged: _p, resourcesPath: _r, ...rest } = o;
  controller = createUpdateController({ ...rest, updater: port, unsupported });
  return controller;
}
