/**
 * The main window and the app-wide web-contents guard: a sandboxed, isolated renderer with the
 * preload as its only bridge; no navigation, no new windows, no webviews, no permissions; closing
 * hides to the tray; size and position remembered and clamped to the displays that exist now.
 */
import { BrowserWindow, app, screen, session, type WebContents } from 'electron';
import type { Logger } from '../core/ports.js';
import { clampBounds, MIN_SIZE, type SavedBounds } from './window-bounds.js';

/** Where the window's bounds are kept between runs. */
export interface BoundsStore {
  get(): unknown;
  set(bounds: SavedBounds): void;
}

/** Options of the main window. */
export interface MainWindowOptions {
  preloadPath: string;
  rendererFile: string;
  iconPath?: string;
  bounds: BoundsStore;
  /** Show at once, or stay in the tray (launch at login, start hidden). */
  show: boolean;
  /** True once the user chose Quit: then close really closes. */
  isQuitting: () => boolean;
  logger: Logger;
}

/** Deny opening windows and navigating away, on one web contents. */
export function hardenWebContents(contents: WebContents, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('window: refused to open a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    logger.warn('window: refused a navigation', { url: event.url.slice(0, 200) });
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Harden every web contents the app ever creates, and refuse all permission requests. */
export function guardAllWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    logger.info('window: refused a permission request', { permission });
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Show, restore and focus a window. */
export function showWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/** Create the main window. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const primary = screen.getPrimaryDisplay().workArea;
  const ordered = [primary, ...areas.filter((a) => a !== primary)];
  const saved = opts.bounds.get();
  const bounds = clampBounds(saved, ordered);

  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'On-Call Companion',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    backgroundColor: '#111418',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (typeof saved === 'object' && saved !== null && (saved as SavedBounds).maximized) win.maximize();

  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    opts.bounds.set({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('resized', remember);
  win.on('moved', remember);
  win.on('close', (event) => {
    remember();
    if (!opts.isQuitting()) {
      // Closing keeps the app in the tray; Quit is in the tray menu.
      event.preventDefault();
      win.hide();
    }
  });
  win.once('ready-to-show', () => {
    if (opts.show) showWindow(win);
  });
  win.removeMenu();
  void win.loadFile(opts.rendererFile).catch((err: unknown) => {
    opts.logger.error('window: the renderer could not be loaded', {
      error: err instanceof Error ? err.message : 'unknown',
    });
  });
  return win;
}
