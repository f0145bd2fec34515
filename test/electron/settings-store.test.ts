import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { openSettingsStore, settingsMigrations } = await import('../../src-main/electron/settings-store.js');
const { mergeSettings, validateSettings } = await import('../../src-main/app/settings.js');

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'h6-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from the schema defaults and writes them to its own file', () => {
    const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
    expect(store.get()).toEqual(defaultAppSettings());
    expect(store.loadErrors).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).pollIntervalSeconds).toBe(5);
  });

  it('saves a valid update and keeps it across a reopen', () => {
    const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
    const res = store.update({ pollIntervalSeconds: 30, notifications: { sound: false } });
    expect(res.ok).toBe(true);
    const again = openSettingsStore({ cwd: dir, logger: captureLogger() });
    expect(again.get().pollIntervalSeconds).toBe(30);
    expect(again.get().notifications.sound).toBe(false);
    expect(again.get().notifications.reminderMinutes).toBe(5);
  });

  it('refuses an invalid update with field errors and saves nothing', () => {
    const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
    const res = store.update({ pollIntervalSeconds: 1, notifications: { quietHours: { start: '25:00' } } });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors.map((e) => e.path).sort()).toEqual([
        'notifications.quietHours.start',
        'pollIntervalSeconds',
      ]);
      expect(res.errors.find((e) => e.path === 'pollIntervalSeconds')?.message).toContain('2 s');
    }
    expect(store.get().pollIntervalSeconds).toBe(5);
  });

  it('checks shortcuts as accelerators', () => {
    const res = validateSettings({
      ...defaultAppSettings(),
      shortcuts: { ...defaultAppSettings().shortcuts, showWindow: 'Q' },
    });
    expect(res).toMatchObject({ ok: false, errors: [{ path: 'shortcuts.showWindow' }] });
  });

  it('resets invalid fields found on load to defaults, keeping the valid ones, and says which', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        pollIntervalSeconds: 9999,
        launchAtLogin: true,
        __internal__: { migrations: { version: '0.1.0' } },
      }),
    );
    const logger = captureLogger();
    const store = openSettingsStore({ cwd: dir, logger });
    expect(store.get().pollIntervalSeconds).toBe(5);
    expect(store.get().launchAtLogin).toBe(true);
    expect(store.loadErrors.map((e) => e.path)).toEqual(['pollIntervalSeconds']);
    expect(logger.lines.join('\n')).toContain('pollIntervalSeconds');
  });

  it('migrates a pre-release file: interval in ms, bare source word, and drops a stray token', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ pollInterval: 10_000, source: 'demo', token: 'u+legacy-token-value' }),
    );
    const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
    expect(store.get().pollIntervalSeconds).toBe(10);
    expect(store.get().source).toEqual({ kind: 'demo', scenario: 'demo' });
    const onDisk = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('legacy-token-value');
    expect(onDisk).not.toContain('pollInterval"');
  });

  it('sets an unreadable file aside and starts from defaults', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
    expect(store.get()).toEqual(defaultAppSettings());
    expect(store.loadErrors[0]?.message).toContain('could not be read');
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('merges objects deeply, replaces arrays, and ignores prototype keys', () => {
    const merged = mergeSettings(
      { a: { b: 1, c: 2 }, l: [1, 2] },
      JSON.parse('{"a":{"b":3},"l":[9],"__proto__":{"x":1}}'),
    );
    expect(merged).toEqual({ a: { b: 3, c: 2 }, l: [9] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.keys(settingsMigrations)).toContain('0.1.0');
  });
});
