import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents, resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { createMainWindow, guardAllWebContents, hardenWebContents } =
  await import('../../src-main/electron/window.js');

function make(over: { quitting?: boolean; saved?: unknown } = {}) {
  const saved: unknown[] = [];
  const win = createMainWindow({
    preloadPath: '/app/dist/preload/preload.cjs',
    rendererFile: '/app/dist/renderer/index.html',
    bounds: { get: () => over.saved, set: (b) => saved.push(b) },
    show: true,
    isQuitting: () => over.quitting ?? false,
    logger: captureLogger(),
  });
  return { win, fw: fake.windows[0]!, saved };
}

describe('main window', () => {
  beforeEach(() => resetElectronMock());

  it('is isolated, sandboxed, without Node, with the preload', () => {
    const { fw } = make();
    expect(fw.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/dist/preload/preload.cjs',
    });
    expect(fw.loaded).toBe('/app/dist/renderer/index.html');
  });

  it('closing hides to the tray, unless quitting', () => {
    const { fw, saved } = make();
    fw.visible = true;
    const event = { preventDefault: vi.fn() };
    fw.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fw.visible).toBe(false);
    expect(saved).toHaveLength(1);

    resetElectronMock();
    const q = make({ quitting: true });
    const e2 = { preventDefault: vi.fn() };
    q.fw.emit('close', e2);
    expect(e2.preventDefault).not.toHaveBeenCalled();
  });

  it('opens where it was, clamped to the displays that exist', () => {
    const { fw } = make({ saved: { x: 5000, y: 5000, width: 800, height: 600 } });
    const o = fw.options as { x: number; y: number; width: number; height: number };
    expect(o.x + o.width).toBeLessThanOrEqual(1920);
    expect(o.y + o.height).toBeLessThanOrEqual(1080);
  });

  it('denies new windows, navigation and webviews', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, captureLogger());
    expect(contents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn(), url: 'https://evil.example' };
      contents.emit(ev, e);
      expect(e.preventDefault, ev).toHaveBeenCalled();
    }
  });

  it('guards every web contents the app creates and refuses permissions', () => {
    guardAllWebContents(captureLogger());
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    const cb = vi.fn();
    fake.permissionHandler!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });
});
