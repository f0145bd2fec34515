/**
 * The PagerDuty token, encrypted with Electron's safeStorage and kept in its own file apart from the
 * settings. Says plainly how well it is protected: by the OS keyring, by Chromium's fixed-key
 * `basic_text` fallback on Linux, or not at all (kept in memory until quit). Never logs the token.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports.js';
import type { TokenStorage } from '../ipc/contract.js';
import type { SecretStore, TokenStatus } from '../app/secrets.js';

export type { SecretStore, TokenStatus };

/** The part of Electron's `safeStorage` the store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Options of the store. */
export interface SecretStoreOptions {
  /** Folder of the token file (Electron's userData). */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  logger: Logger;
}

/** File name of the encrypted token. */
export const TOKEN_FILE = 'token.enc';

const WARNINGS: Record<TokenStorage, string | null> = {
  keyring: null,
  basic_text:
    'No system keyring (such as GNOME Keyring or KWallet) was found, so the token is encrypted with a fixed key ' +
    'that any program running as you could undo. Install and unlock a keyring, then enter the token again.',
  unavailable:
    'This system offers no way to encrypt secrets, so the token is kept in memory only and must be entered ' +
    'again after the app restarts.',
  'preview-memory': 'The browser preview keeps the token in memory only.',
};

/** Create the store over a folder. */
export function createSecretStore(opts: SecretStoreOptions): SecretStore {
  const file = join(opts.dir, TOKEN_FILE);
  let memoryToken: string | null = null;
  let unreadable = false;

  const storage = (): TokenStorage => {
    let available = false;
    try {
      available = opts.safeStorage.isEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) return 'unavailable';
    if (opts.platform === 'linux' && opts.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'basic_text';
    }
    return 'keyring';
  };

  const read = (): string | null => {
    if (memoryToken !== null) return memoryToken;
    if (!existsSync(file)) return null;
    try {
      const token = opts.safeStorage.decryptString(readFileSync(file));
      unreadable = false;
      return token;
    } catch (err) {
      unreadable = true;
      // The error text of a failed decryption says nothing secret, but only its kind is logged anyway.
      opts.logger.warn('secrets: the saved token could not be decrypted; enter it again', {
        error: err instanceof Error ? err.name : 'unknown',
      });
      return null;
    }
  };

  const status = (): TokenStatus => {
    const kind = memoryToken !== null ? 'unavailable' : storage();
    const set = read() !== null;
    const warning =
      unreadable && !set
        ? 'The saved token could not be decrypted (the keyring may have changed); enter it again.'
        : set || kind !== 'keyring'
          ? WARNINGS[kind]
          : null;
    return { set, storage: kind, warning };
  };

  return {
    status,
    getToken: read,
    setToken(token) {
      const kind = storage();
      if (kind === 'unavailable') {
        memoryToken = token;
        rmSync(file, { force: true });
        opts.logger.warn('secrets: no encryption available; the token is kept in memory only');
        return status();
      }
      memoryToken = null;
      const encrypted = opts.safeStorage.encryptString(token);
      mkdirSync(opts.dir, { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, encrypted, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
      opts.logger.info('secrets: token saved', { storage: kind });
      return status();
    },
    clearToken() {
      memoryToken = null;
      unreadable = false;
      rmSync(file, { force: true });
      opts.logger.info('secrets: token removed');
      return status();
    },
  };
}
