/**
 * Where a headless sign-in is kept, per account, behind one small interface: the OS keychain
 * (@napi-rs/keyring: macOS Keychain, Windows Credential Manager, the Secret Service on Linux) when
 * one answers, else a 0600 file in `<data dir>/credentials/` (folder 0700). `save` says which was
 * used. The desktop app keeps its own behind the runtime's secrets port (safeStorage).
 */
import { chmod, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDir } from '../make-dir.js';
import { storedTokensSchema, type OAuthTokens } from './tokens.js';

/** Where a sign-in went. */
export type StoredWhere = { kind: 'keychain' } | { kind: 'file'; path: string };

/** The per-account sign-in store. */
export interface SignInStore {
  load(account: string): Promise<{ tokens: OAuthTokens; where: StoredWhere } | null>;
  save(account: string, tokens: OAuthTokens): Promise<StoredWhere>;
  /** Remove it from wherever it is; answers whether there was one. */
  remove(account: string): Promise<boolean>;
}

/** The keychain as the store needs it (a fake in tests). Every call may throw: "not reachable". */
export interface Keychain {
  get(account: string): string | null;
  set(account: string, value: string): void;
  delete(account: string): boolean;
}

const SERVICE = 'oncall-companion';

/** The OS keychain through @napi-rs/keyring, or null when the module cannot load here. */
export async function osKeychain(): Promise<Keychain | null> {
  try {
    const { Entry } = await import('@napi-rs/keyring');
    const entry = (account: string) => new Entry(SERVICE, `pagerduty-signin:${account}`);
    return {
      get: (a) => entry(a).getPassword() ?? null,
      set: (a, v) => entry(a).setPassword(v),
      delete: (a) => entry(a).deletePassword(),
    };
  } catch {
    return null;
  }
}

/** The file a sign-in falls back to. */
export function credentialsFile(dataDir: string, account: string): string {
  return join(dataDir, 'credentials', `${account}.json`);
}

function parse(text: string | null): OAuthTokens | null {
  if (text === null) return null;
  try {
    const r = storedTokensSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Create the store over a keychain (null: none) and a data folder. */
export function createSignInStore(dataDir: string, keychain: Keychain | null): SignInStore {
  const tryKeychain = <T>(f: (k: Keychain) => T): T | undefined => {
    if (!keychain) return undefined;
    try {
      return f(keychain);
    } catch {
      return undefined;
    }
  };
  return {
    async load(account) {
      const fromKeychain = parse(tryKeychain((k) => k.get(account)) ?? null);
      if (fromKeychain) return { tokens: fromKeychain, where: { kind: 'keychain' } };
      const path = credentialsFile(dataDir, account);
      const text = await readFile(path, 'utf8').catch(() => null);
      const tokens = parse(text);
      return tokens ? { tokens, where: { kind: 'file', path } } : null;
    },
    async save(account, tokens) {
      const value = JSON.stringify(tokens);
      const path = credentialsFile(dataDir, account);
      if (tryKeychain((k) => (k.set(account, value), true))) {
        // Only one copy: a file left by an earlier fallback goes.
        await rm(path, { force: true });
        return { kind: 'keychain' };
      }
      await makeDir(join(dataDir, 'credentials'), 0o700);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, value, { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, path);
      return { kind: 'file', path };
    },
    async remove(account) {
      const inKeychain = tryKeychain((k) => k.delete(account)) === true;
      const path = credentialsFile(dataDir, account);
      const inFile = await readFile(path).then(
        () => true,
        () => false,
      );
      await rm(path, { force: true });
      return inKeychain || inFile;
    },
  };
}
