/**
 * The token port every host implements: the shell encrypts with `safeStorage`
 * (src-main/electron/secret-store.ts), the preview keeps it in memory until it stops.
 */
import type { TokenStorage } from '../ipc/contract.js';

/** What Settings shows about the token (never the token). */
export interface TokenStatus {
  set: boolean;
  storage: TokenStorage;
  warning: string | null;
}

/** The token's keeper. */
export interface SecretStore {
  status(): TokenStatus;
  /** The token, or null when none is saved (or it can no longer be decrypted). */
  getToken(): string | null;
  setToken(token: string): TokenStatus;
  clearToken(): TokenStatus;
}

/** A token held in memory only (the preview: the CLI's token to start with, or one entered in Settings). */
export function createMemorySecretStore(initial: string | null, warning: string): SecretStore {
  let token = initial;
  const status = (): TokenStatus => ({ set: token !== null, storage: 'preview-memory', warning });
  return {
    status,
    getToken: () => token,
    setToken(next) {
      token = next;
      return status();
    },
    clearToken() {
      token = null;
      return status();
    },
  };
}
