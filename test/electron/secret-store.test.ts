import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake, FakeWindow, resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';
import { createNodeLogger } from '../../src-main/node/logger.js';
import { invokeChannels } from '../../src-main/ipc/contract.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { createSecretStore, TOKEN_FILE } = await import('../../src-main/electron/secret-store.js');
const { openSettingsStore } = await import('../../src-main/electron/settings-store.js');
const { createSettingsService } = await import('../../src-main/app/settings-service.js');
const { registerIpc } = await import('../../src-main/electron/ipc.js');
const { createHandlers } = await import('../../src-main/app/handlers.js');
const { createSourceManager } = await import('../../src-main/app/sources.js');

/** A safeStorage stand-in that really encrypts (AES-256-GCM with a key held in memory). */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true) {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(buf: Buffer) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'h6-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('keeps the token encrypted in its own file and reads it back after a restart', () => {
    const safe = fakeSafeStorage();
    const s = createSecretStore({ dir, safeStorage: safe, platform: 'linux', logger: captureLogger() });
    expect(s.status()).toEqual({ set: false, storage: 'keyring', warning: null });
    expect(s.setToken('u+abcdefgh12345678')).toEqual({ set: true, storage: 'keyring', warning: null });
    expect(readdirSync(dir)).toEqual([TOKEN_FILE]);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o077).toBe(0);
    const again = createSecretStore({ dir, safeStorage: safe, platform: 'linux', logger: captureLogger() });
    expect(again.getToken()).toBe('u+abcdefgh12345678');
    expect(again.clearToken().set).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says plainly when Linux has no keyring (basic_text)', () => {
    const s = createSecretStore({
      dir,
      safeStorage: fakeSafeStorage('basic_text'),
      platform: 'linux',
      logger: captureLogger(),
    });
    const st = s.setToken('u+abcdefgh12345678');
    expect(st.storage).toBe('basic_text');
    expect(st.warning).toContain('No system keyring');
  });

  it('keeps the token in memory only when encryption is unavailable, and says so', () => {
    const s = createSecretStore({
      dir,
      safeStorage: fakeSafeStorage('x', false),
      platform: 'win32',
      logger: captureLogger(),
    });
    const st = s.setToken('u+abcdefgh12345678');
    expect(st).toMatchObject({ set: true, storage: 'unavailable' });
    expect(st.warning).toContain('in memory only');
    expect(readdirSync(dir)).toEqual([]);
    expect(s.getToken()).toBe('u+abcdefgh12345678');
  });

  it('asks for the token again when the saved one cannot be decrypted', () => {
    writeFileSync(join(dir, TOKEN_FILE), Buffer.from('garbage-that-is-not-ours'));
    const logger = captureLogger();
    const s = createSecretStore({ dir, safeStorage: fakeSafeStorage(), platform: 'darwin', logger });
    expect(s.getToken()).toBeNull();
    expect(s.status()).toMatchObject({ set: false });
    expect(s.status().warning).toContain('could not be decrypted');
  });

  it('a token entered through IPC appears in no file of the data folder, no log line and no answer', async () => {
    const TOKEN = 'y_NbAkKc66ryYTWUXYEu-secret';
    const lines: string[] = [];
    const logger = createNodeLogger({ level: 'debug', write: (l) => lines.push(l) });
    const captured = captureLogger();
    const both = {
      debug: (m: string, f?: Record<string, unknown>) => (logger.debug(m, f), captured.debug(m, f)),
      info: (m: string, f?: Record<string, unknown>) => (logger.info(m, f), captured.info(m, f)),
      warn: (m: string, f?: Record<string, unknown>) => (logger.warn(m, f), captured.warn(m, f)),
      error: (m: string, f?: Record<string, unknown>) => (logger.error(m, f), captured.error(m, f)),
    };
    const store = openSettingsStore({ cwd: dir, logger: both });
    const secrets = createSecretStore({
      dir,
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      logger: both,
    });
    const settings = createSettingsService({
      store,
      secrets,
      shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
    });
    const fc = fakeCompanion();
    const opened: Array<string | null> = [];
    const source = createSourceManager({
      open: async (req) => {
        opened.push(req.token);
        both.info('test source opened', { kind: req.settings.source.kind });
        return { companion: fc.companion, close: async () => {} };
      },
      onEvent: () => {},
      logger: both,
    });
    settings.subscribe(() => void source.apply({ token: secrets.getToken(), settings: settings.get() }));
    const win = new FakeWindow({});
    win.webContents.mainFrame.url = 'file:///app/index.html';
    registerIpc({
      handlers: createHandlers({
        companion: () => fc.companion,
        settings,
        history: () => null,
        links: { open: async () => {} },
        now: () => 0,
      }),
      mainWindow: () => win as never,
      rendererUrl: 'file:///app/index.html',
      logger: both,
    });
    const call = (channel: string, ...args: unknown[]) =>
      fake.handlers.get(channel)!(
        { senderFrame: win.webContents.mainFrame, sender: win.webContents },
        ...args,
      );

    const answers: unknown[] = [];
    answers.push(
      await call(invokeChannels.updateSettings.channel, { source: { kind: 'pagerduty', region: 'eu' } }),
    );
    answers.push(await call(invokeChannels.setToken.channel, `  ${TOKEN}  `));
    answers.push(await call(invokeChannels.getSettings.channel));
    answers.push(await call(invokeChannels.setToken.channel, 'short'));
    await source.apply({ token: secrets.getToken(), settings: settings.get() });

    expect(answers[1]).toMatchObject({ ok: true, value: { token: { set: true, storage: 'keyring' } } });
    expect(opened).toContain(TOKEN);
    const needles = [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex')];
    const files = allFiles(dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['settings.json', TOKEN_FILE]);
    for (const f of files) {
      const text = readFileSync(f).toString('latin1');
      for (const n of needles) expect(text.includes(n), `${f} holds the token`).toBe(false);
    }
    expect(lines.length + captured.lines.length).toBeGreaterThan(3);
    for (const line of [...lines, ...captured.lines, JSON.stringify(answers)]) {
      for (const n of needles) expect(line.includes(n), line).toBe(false);
    }
  });
});
