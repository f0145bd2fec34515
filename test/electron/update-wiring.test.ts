/**
 * How an update reaches the user and back: the tray's "Update ready: restart to install" item (only
 * a ready update is clickable), the tray action that installs, the IPC channels, the preview's
 * answers (nothing to install; a simulated status says so), the Settings default, and the Windows
 * toast identity kept equal to electron-builder's appId.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildTrayMenu, type TrayMenuItem } from '../../src-main/electron/tray-menu.js';
import { createCommands } from '../../src-main/electron/commands.js';
import { createHandlers } from '../../src-main/app/handlers.js';
import { APP_USER_MODEL_ID, applyOsIdentity } from '../../src-main/electron/os-identity.js';
import { toNotifierOptions } from '../../src-main/node/notifier.js';
import { appSettingsSchema } from '../../src-main/ipc/app-settings.js';
import { previewUpdates } from '../../src-main/preview/runtime.js';
import { createRuntime } from '../../src-main/app/runtime.js';
import { createMemorySecretStore } from '../../src-main/app/secrets.js';
import { createSettingsStore } from '../../src-main/app/settings.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import { callHandler } from '../../src-main/app/handlers.js';
import { simulatedUpdate } from '../../src-main/cli/simulated-update.js';
import { updateMessage, type UpdateStatus } from '../../src-main/core/update/status.js';
import type { UpdateController } from '../../src-main/core/update/controller.js';
import { captureLogger, snapshot } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const ready: UpdateStatus = { state: 'ready', currentVersion: '0.1.0', version: '0.2.0' };
const downloading: UpdateStatus = {
  state: 'downloading',
  currentVersion: '0.1.0',
  version: '0.2.0',
  percent: 40,
};

function flat(items: TrayMenuItem[]): Array<Extract<TrayMenuItem, { type: 'normal' }>> {
  return items.flatMap((i) => (i.type === 'normal' ? [i] : i.type === 'submenu' ? flat(i.items) : []));
}

describe('update in the tray', () => {
  const opts = { now: 0, formatTime: () => '12:00' };
  it('shows "Update ready: restart to install" as a clickable item, progress as a disabled one', () => {
    const none = flat(buildTrayMenu(snapshot(), { ...opts, updateMessage: null }).items);
    expect(none.some((i) => /update/i.test(i.label))).toBe(false);
    const withReady = buildTrayMenu(snapshot(), { ...opts, updateMessage: updateMessage(ready) });
    const item = flat(withReady.items).find((i) => i.label.startsWith('Update ready'))!;
    expect(item).toMatchObject({
      label: 'Update ready: restart to install (version 0.2.0)',
      enabled: true,
      action: { kind: 'install_update' },
    });
    const prog = flat(
      buildTrayMenu(snapshot(), { ...opts, updateMessage: updateMessage(downloading) }).items,
    );
    expect(prog.find((i) => i.label.startsWith('Downloading'))).toMatchObject({
      enabled: false,
      action: null,
    });
    // The menu key changes, so the tray rebuilds its native menu when an update becomes ready.
    expect(withReady.key).not.toBe(buildTrayMenu(snapshot(), opts).key);
  });

  it('the tray action installs through the shell, and nothing else does', async () => {
    const installUpdate = vi.fn();
    const commands = createCommands({
      companion: () => null,
      showWindow: () => {},
      openSettings: () => {},
      pauseLowUrgency: () => {},
      quit: () => {},
      installUpdate,
      logger: captureLogger(),
    });
    await commands.run({ kind: 'open_window' });
    expect(installUpdate).not.toHaveBeenCalled();
    await commands.run({ kind: 'install_update' });
    expect(installUpdate).toHaveBeenCalledTimes(1);
  });
});

describe('update over IPC and in the preview', () => {
  it('main answers the status and installs only through the controller', async () => {
    const controller = {
      status: () => ready,
      installNow: vi.fn(() => ({ accepted: true, reason: null })),
    } as unknown as UpdateController;
    const base = {
      companion: () => null,
      settings: {} as never,
      history: () => null,
      links: { open: async () => {} },
      now: () => 0,
    };
    const h = createHandlers({ ...base, updates: () => controller });
    expect(await h.getUpdateStatus()).toEqual(ready);
    expect(await h.installUpdate()).toEqual({ accepted: true, reason: null });
    // Without an updater the call fails as unavailable (the gate turns it into an IpcResult).
    const none = createHandlers(base);
    expect(() => none.getUpdateStatus()).toThrow(/the updater is not ready/);
  });

  it('the preview has no updater; a simulated status is marked and cannot be installed', async () => {
    const handlersWith = (updates: ReturnType<typeof previewUpdates>) =>
      createRuntime({
        settingsStore: createSettingsStore(defaultAppSettings()),
        secrets: createMemorySecretStore(null, 'memory'),
        openSource: async () => {
          throw new Error('no source in this test');
        },
        history: null,
        links: { refuse: (u) => u },
        shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
        clock: { now: () => 0 },
        logger: captureLogger(),
        updates: () => updates,
      }).handlers;
    const invoke = (
      h: ReturnType<typeof handlersWith>,
      name: 'getUpdateStatus' | 'installUpdate',
      args: unknown[],
    ) => callHandler(h, name, args, { logger: captureLogger() });
    const plain = handlersWith(previewUpdates(null));
    expect(await invoke(plain, 'getUpdateStatus', [])).toMatchObject({
      ok: true,
      value: { state: 'unsupported' },
    });
    const sim = handlersWith(previewUpdates(simulatedUpdate('0.2.0', '0.1.0')));
    expect(await invoke(sim, 'getUpdateStatus', [])).toEqual({
      ok: true,
      value: { state: 'ready', currentVersion: '0.1.0', version: '0.2.0', simulated: true },
    });
    const r = await invoke(sim, 'installUpdate', []);
    expect(r).toMatchObject({ ok: true, value: { accepted: false } });
    expect(JSON.stringify(r)).toMatch(/simulated/);
    expect(await invoke(sim, 'installUpdate', ['extra'])).toMatchObject({
      ok: false,
      error: { code: 'bad_arguments' },
    });
  });

  it('updates are on by default and can be turned off in Settings', () => {
    expect(appSettingsSchema.parse({}).autoUpdate).toBe(true);
    expect(appSettingsSchema.parse({ autoUpdate: false }).autoUpdate).toBe(false);
    expect(appSettingsSchema.safeParse({ autoUpdate: 'yes' }).success).toBe(false);
  });
});

describe('Windows toast identity', () => {
  it('sets the AppUserModelID on Windows only, equal to electron-builder appId, and toasts use it', () => {
    const builder = parse(readFileSync('electron-builder.yml', 'utf8')) as { appId: string };
    expect(APP_USER_MODEL_ID).toBe(builder.appId);
    const app = { setAppUserModelId: vi.fn() };
    applyOsIdentity(app, 'linux');
    applyOsIdentity(app, 'darwin');
    expect(app.setAppUserModelId).not.toHaveBeenCalled();
    applyOsIdentity(app, 'win32');
    expect(app.setAppUserModelId).toHaveBeenCalledWith(APP_USER_MODEL_ID);
    const n = { title: 't', body: 'b', urgency: 'normal', sound: false } as never;
    const base = { appName: 'On-Call Companion', wait: false, notifierSound: false };
    expect(toNotifierOptions(n, { ...base, appId: APP_USER_MODEL_ID, platform: 'win32' }).appID).toBe(
      APP_USER_MODEL_ID,
    );
    expect(toNotifierOptions(n, { ...base, platform: 'win32' }).appID).toBe('On-Call Companion');
  });
});
