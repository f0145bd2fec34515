/**
 * The composition root under a mocked Electron: main.ts runs its setup steps, and then a page from
 * the source reaches the tray, the notifier and the window; a click on the notification opens the
 * incident; the shortcut acknowledges it; a second launch focuses the window; Quit stops the source.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake, resetElectronMock } from './electron-mock.js';
import { incident, snapshot } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';
import { DEFAULT_SHORTCUTS } from '../../src-main/ipc/app-settings.js';
import { eventChannels, invokeChannels } from '../../src-main/ipc/contract.js';
import type { NotificationRequest } from '../../src-main/core/events.js';

const hoisted = vi.hoisted(() => ({
  shown: [] as Array<{ n: unknown; onClick?: () => void }>,
  opened: [] as Array<{ token: string | null }>,
  closed: 0,
}));

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());
vi.mock('../../src-main/node/notifier.js', () => ({
  createNodeNotifier: () => ({
    show: async (n: unknown, onClick?: () => void) => {
      hoisted.shown.push({ n, onClick });
      return { status: 'shown' };
    },
  }),
}));
// Under a D-Bus session (CI) the shell's Linux notifier is the D-Bus one: fake it the same way.
vi.mock('../../src-main/node/dbus-notifier.js', () => ({
  ACTION_LABELS: { acknowledge: 'Acknowledge', resolve: 'Resolve', open: 'Open' },
  createDbusNotifier: () => ({
    show: async (n: unknown, onClick?: () => void) => {
      hoisted.shown.push({ n, onClick });
      return { status: 'shown' };
    },
    supportsActions: async () => true,
    close: () => {},
  }),
}));
vi.mock('../../src-main/node/sound.js', () => ({
  createSoundPlayer: () => ({ playsItself: false, play: async () => {} }),
}));
vi.mock('../../src-main/electron/history.js', () => ({
  shellHistoryPort: () => ({ open: async () => null }),
}));

const fc = fakeCompanion(snapshot({ source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' } }));
vi.mock('../../src-main/node/source.js', () => ({
  openSource: async (opts: { token: string | null }) => {
    hoisted.opened.push({ token: opts.token });
    return {
      companion: fc.companion,
      close: async () => {
        hoisted.closed++;
      },
    };
  },
}));

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oncall-main-'));
  process.env.ONCALL_TEST_USERDATA = dir;
  // The login item is applied at start; on Linux that is an autostart file: keep it in the temp folder.
  process.env.XDG_CONFIG_HOME = join(dir, 'config');
  resetElectronMock();
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../src-main/electron/main.js');
  await vi.waitFor(() => expect(fc.companion.start).toHaveBeenCalled());
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const page: NotificationRequest = {
  key: 'page:P9',
  kind: 'page',
  title: 'Checkout API: 500s',
  body: 'High urgency',
  urgency: 'critical',
  incidentId: 'P9',
  incidentIds: ['P9'],
  sound: true,
};

describe('main process composition', () => {
  it('runs the setup steps: sandbox, one instance, the guard, IPC, shortcuts, tray, window, the demo source', () => {
    const app = fake.app as unknown as Record<string, ReturnType<typeof vi.fn>>;
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.handlers.size).toBe(Object.keys(invokeChannels).length);
    expect([...fake.shortcuts.keys()].sort()).toEqual(Object.values(DEFAULT_SHORTCUTS).sort());
    expect(fake.trays).toHaveLength(1);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(hoisted.opened).toEqual([{ token: null }]);
  });

  it('a page from the source reaches the tray, the notifier and the window', async () => {
    fc.setSnapshot(
      snapshot({
        incidents: [incident({ id: 'P9' })],
        source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
      }),
    );
    fc.emit({ type: 'incident.triggered', at: 'now', incident: incident({ id: 'P9' }) });
    fc.emit({ type: 'notification', at: 'now', notification: page });
    await vi.waitFor(() => expect(hoisted.shown).toHaveLength(1));
    expect(fake.trays[0]!.tooltip).toContain('1 page waiting for you');
    const sent = fake.windows[0]!.webContents.sent.filter((m) => m.channel === eventChannels.coreEvent);
    expect(sent.map((m) => (m.payload as { type: string }).type)).toEqual([
      'incident.triggered',
      'notification',
    ]);
  });

  it('clicking the notification shows the window on that incident', () => {
    const win = fake.windows[0]!;
    win.visible = false;
    hoisted.shown[0]!.onClick!();
    expect(win.visible).toBe(true);
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: eventChannels.focusIncident,
      payload: { incidentId: 'P9' },
    });
  });

  it("the acknowledge shortcut's handler acknowledges my newest page", async () => {
    fake.shortcuts.get(DEFAULT_SHORTCUTS.acknowledgeNewest)!();
    await vi.waitFor(() => expect(fc.companion.acknowledge).toHaveBeenCalledWith(['P9']));
  });

  it('a second launch focuses the window', () => {
    const win = fake.windows[0]!;
    win.visible = false;
    win.focused = false;
    fake.app.emit('second-instance', {}, [], '/');
    expect(win.visible && win.focused).toBe(true);
  });

  it('saving a token through IPC restarts the source on PagerDuty, and the token never reaches the window', async () => {
    const win = fake.windows[0]!;
    const call = (channel: string, ...args: unknown[]) =>
      fake.handlers.get(channel)!(
        { senderFrame: win.webContents.mainFrame, sender: win.webContents },
        ...args,
      );
    const r1 = await call(invokeChannels.updateSettings.channel, {
      source: { kind: 'pagerduty', region: 'us' },
    });
    expect(r1).toMatchObject({ ok: true, value: { ok: true } });
    const r2 = await call(invokeChannels.setToken.channel, 'u+main-test-token-1234');
    expect(r2).toMatchObject({ ok: true, value: { token: { set: true } } });
    await vi.waitFor(() => expect(hoisted.opened.at(-1)).toEqual({ token: 'u+main-test-token-1234' }));
    expect(JSON.stringify(win.webContents.sent)).not.toContain('main-test-token');
    expect(JSON.stringify(r2)).not.toContain('main-test-token');
  });

  it('Quit stops the source before the app exits', async () => {
    const before = hoisted.closed;
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit');
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(hoisted.closed).toBe(before + 1));
    expect(fake.shortcuts.size).toBe(0);
  });
});
