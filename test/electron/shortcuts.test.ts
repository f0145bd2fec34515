import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';
import { DEFAULT_SHORTCUTS } from '../../src-main/ipc/app-settings.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { setupShortcuts } = await import('../../src-main/electron/shortcuts.js');
const { createSettingsService } = await import('../../src-main/app/settings-service.js');

function handlers() {
  return { acknowledgeNewest: vi.fn(), acknowledgeAllMine: vi.fn(), showWindow: vi.fn() };
}

describe('global shortcuts', () => {
  beforeEach(() => resetElectronMock());

  it('registers the defaults and runs the handler of each', () => {
    const h = handlers();
    const s = setupShortcuts(h, captureLogger());
    expect(s.apply({ ...DEFAULT_SHORTCUTS })).toEqual({
      acknowledgeNewest: null,
      acknowledgeAllMine: null,
      showWindow: null,
    });
    fake.shortcuts.get(DEFAULT_SHORTCUTS.acknowledgeNewest)!();
    expect(h.acknowledgeNewest).toHaveBeenCalledTimes(1);
  });

  it('a registration refused by the system reaches the settings view, naming the action and why', () => {
    fake.takenAccelerators.add(DEFAULT_SHORTCUTS.showWindow);
    const s = setupShortcuts(handlers(), captureLogger());
    s.apply({ ...DEFAULT_SHORTCUTS });
    const settings = createSettingsService({
      store: {
        get: () => ({}) as never,
        update: () => ({ ok: true, settings: {} as never }),
      },
      secrets: {
        status: () => ({ set: false, storage: 'keyring', warning: null }),
        getToken: () => null,
        setToken: vi.fn(),
        clearToken: vi.fn(),
      },
      shortcutErrors: s.errors,
    });
    const view = settings.view();
    expect(view.shortcutErrors.showWindow).toContain('taken by another application');
    expect(view.shortcutErrors.showWindow).toContain(DEFAULT_SHORTCUTS.showWindow);
    expect(view.shortcutErrors.acknowledgeNewest).toBeNull();
  });

  it('reports an invalid accelerator and a duplicate without registering them', () => {
    const s = setupShortcuts(handlers(), captureLogger());
    const errors = s.apply({
      acknowledgeNewest: 'Ctrl+Alt+K',
      acknowledgeAllMine: 'ctrl+alt+k',
      showWindow: 'K',
    });
    expect(errors.acknowledgeNewest).toBeNull();
    expect(errors.acknowledgeAllMine).toContain('already used for acknowledgeNewest');
    expect(errors.showWindow).toContain('needs a modifier');
    expect([...fake.shortcuts.keys()]).toEqual(['Ctrl+Alt+K']);
  });

  it('sees the same shortcut spelled differently as a duplicate, not as taken by another app', () => {
    const s = setupShortcuts(handlers(), captureLogger());
    const errors = s.apply({
      acknowledgeNewest: 'CommandOrControl+Alt+K',
      acknowledgeAllMine: 'Alt+Ctrl+K',
      showWindow: 'CommandOrControl+Alt+O',
    });
    expect(errors.acknowledgeAllMine).toContain('already used for acknowledgeNewest');
    expect(errors.showWindow).toBeNull();
  });

  it('an empty accelerator means no shortcut, not an error', () => {
    const s = setupShortcuts(handlers(), captureLogger());
    expect(s.apply({ ...DEFAULT_SHORTCUTS, showWindow: '' }).showWindow).toBeNull();
    expect(fake.shortcuts.has(DEFAULT_SHORTCUTS.showWindow)).toBe(false);
  });

  it('unregisters everything on quit', () => {
    const s = setupShortcuts(handlers(), captureLogger());
    s.apply({ ...DEFAULT_SHORTCUTS });
    expect(fake.shortcuts.size).toBe(3);
    fake.app.emit('will-quit');
    expect(fake.shortcuts.size).toBe(0);
  });
});
