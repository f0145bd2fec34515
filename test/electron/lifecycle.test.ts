import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { setupSingleInstance, applyLoginItem, shouldStartHidden, HIDDEN_FLAG } =
  await import('../../src-main/electron/lifecycle.js');
const { createMainWindow, showWindow } = await import('../../src-main/electron/window.js');

describe('lifecycle', () => {
  beforeEach(() => resetElectronMock());

  it('a second launch focuses the running window', () => {
    const win = createMainWindow({
      preloadPath: '/app/preload.cjs',
      rendererFile: '/app/index.html',
      bounds: { get: () => undefined, set: () => {} },
      show: false,
      isQuitting: () => false,
      logger: captureLogger(),
    });
    const fw = fake.windows[0]!;
    fw.minimized = true;
    expect(setupSingleInstance(() => showWindow(win), captureLogger())).toBe(true);
    expect(fw.visible).toBe(false);
    fake.app.emit('second-instance', {}, ['oncall-companion'], '/');
    expect(fw.visible).toBe(true);
    expect(fw.minimized).toBe(false);
    expect(fw.focused).toBe(true);
  });

  it('the second instance itself is told to quit', () => {
    fake.singleInstanceLock = false;
    const onSecond = vi.fn();
    expect(setupSingleInstance(onSecond, captureLogger())).toBe(false);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('registers the login item on macOS and Windows, starting hidden when asked', () => {
    void applyLoginItem(true, true, captureLogger(), 'darwin');
    expect(fake.loginItem).toEqual({ openAtLogin: true, args: [HIDDEN_FLAG] });
    void applyLoginItem(false, false, captureLogger(), 'win32');
    expect(fake.loginItem).toEqual({ openAtLogin: false, args: [] });
  });

  it('starts hidden only for a login start', () => {
    expect(shouldStartHidden(['app', HIDDEN_FLAG], false)).toBe(true);
    expect(shouldStartHidden(['app'], true)).toBe(false);
    expect(shouldStartHidden(['app'], false)).toBe(false);
  });
});
