/**
 * A small fake of the `electron` module for adapter tests: records what the adapters ask of it and
 * lets a test fire the events Electron would. Use with
 * `vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule())`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** An EventEmitter whose `emit` also returns the listeners' results (for handler-style tests). */
class Emitter extends EventEmitter {}

/** The recorded state of the fake, reset with `resetElectronMock()`. */
export const fake = {
  app: new Emitter() as Emitter & Record<string, unknown>,
  handlers: new Map<string, Listener>(),
  shortcuts: new Map<string, () => void>(),
  /** Accelerators `globalShortcut.register` refuses (taken by another app). */
  takenAccelerators: new Set<string>(),
  trays: [] as FakeTray[],
  windows: [] as FakeWindow[],
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  singleInstanceLock: true,
  loginItem: null as unknown,
  permissionHandler: null as Listener | null,
};

/** A fake Tray. */
export class FakeTray extends Emitter {
  image: unknown = null;
  tooltip = '';
  menu: { template: MenuTemplate } | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setContextMenu(m: { template: MenuTemplate }) {
    this.menu = m;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** Menu template entries as the fake keeps them. */
export type MenuTemplate = Array<{
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuTemplate;
}>;

/** A fake main frame. */
export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

/** A fake web contents. */
export class FakeWebContents extends Emitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  mainFrame: FakeFrame;
  sent: Array<{ channel: string; payload: unknown }> = [];
  constructor(url = '') {
    super();
    this.mainFrame = { url, processId: 1, routingId: 1, parent: null };
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  isLoading() {
    return false;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

/** A fake BrowserWindow. */
export class FakeWindow extends Emitter {
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  loaded: string | null = null;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    fake.windows.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  restore() {
    this.minimized = false;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  maximize() {}
  removeMenu() {}
  getNormalBounds() {
    const o = this.options as { x: number; y: number; width: number; height: number };
    return { x: o.x, y: o.y, width: o.width, height: o.height };
  }
  loadFile(file: string) {
    this.loaded = file;
    this.webContents.mainFrame.url = `file://${file}`;
    return Promise.resolve();
  }
}

/** Forget everything recorded. */
export function resetElectronMock(): void {
  fake.app.removeAllListeners();
  fake.handlers.clear();
  fake.shortcuts.clear();
  fake.takenAccelerators.clear();
  fake.trays.length = 0;
  fake.windows.length = 0;
  fake.exposed.clear();
  fake.rendererListeners.clear();
  fake.invoked.length = 0;
  fake.singleInstanceLock = true;
  fake.loginItem = null;
  fake.permissionHandler = null;
}

/** The module object `vi.mock('electron', ...)` should return. */
export function electronModule(): Record<string, unknown> {
  const app = Object.assign(fake.app, {
    requestSingleInstanceLock: vi.fn(() => fake.singleInstanceLock),
    getPath: vi.fn((name: string) => {
      const base = process.env.ONCALL_TEST_USERDATA ?? '/tmp';
      return name === 'logs' ? `${base}/logs` : base;
    }),
    setPath: vi.fn(),
    setName: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(async () => {}),
    exit: vi.fn(),
    getAppPath: vi.fn(() => process.cwd()),
    getVersion: vi.fn(() => '0.1.0'),
    isPackaged: true,
    setLoginItemSettings: vi.fn((s: unknown) => {
      fake.loginItem = s;
    }),
    getLoginItemSettings: vi.fn(() => ({ wasOpenedAtLogin: false })),
    quit: vi.fn(),
  });
  const mod = {
    app,
    ipcMain: {
      handle: vi.fn((channel: string, fn: Listener) => fake.handlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => fake.handlers.delete(channel)),
      on: vi.fn(),
    },
    globalShortcut: {
      register: vi.fn((accel: string, fn: () => void) => {
        if (fake.takenAccelerators.has(accel)) return false;
        fake.shortcuts.set(accel, fn);
        return true;
      }),
      unregisterAll: vi.fn(() => fake.shortcuts.clear()),
    },
    Tray: FakeTray,
    Menu: { buildFromTemplate: vi.fn((template: MenuTemplate) => ({ template })) },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    BrowserWindow: FakeWindow,
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((h: Listener) => {
          fake.permissionHandler = h;
        }),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async () => {}) },
    // Sleep and wake (electron/power.ts): tests emit 'resume' / 'unlock-screen' on it.
    powerMonitor: new EventEmitter(),
    // Test-only "encryption": reversible, but never the clear text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (t: string) =>
        Buffer.from(Buffer.from(t).toString('base64').split('').reverse().join('')),
      decryptString: (b: Buffer) =>
        Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString(),
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => fake.exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => {
        fake.invoked.push({ channel, args });
        return { ok: true, value: null };
      }),
      on: vi.fn((channel: string, fn: Listener) => {
        const set = fake.rendererListeners.get(channel) ?? new Set();
        set.add(fn);
        fake.rendererListeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, fn: Listener) =>
        fake.rendererListeners.get(channel)?.delete(fn),
      ),
    },
  };
  return { ...mod, default: mod };
}
