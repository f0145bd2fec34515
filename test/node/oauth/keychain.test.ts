/**
 * The real OS keychain (@napi-rs/keyring) where this machine has one; where it has none (a plain
 * shell, CI without a Secret Service) the module must still load and fail softly, so the store
 * falls back to its 0600 file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSignInStore, osKeychain, type OAuthTokens } from '../../../src-main/node/oauth/index.js';

const tokens: OAuthTokens = {
  accessToken: 'probe-access-0123456789',
  refreshToken: 'probe-refresh-0123456789',
  expiresAt: 2,
  issuedAt: 1,
  scope: 'read',
  subdomain: null,
  region: null,
  apiUrl: 'http://127.0.0.1:9',
  clientId: 'probe',
  tokenUrl: 'http://127.0.0.1:9/oauth/token',
  revokeUrl: 'http://127.0.0.1:9/oauth/revoke',
};

it('the OS keychain is used where it answers, else the file, and either way the sign-in round-trips', async () => {
  const keychain = await osKeychain();
  expect(keychain, '@napi-rs/keyring did not load (its prebuilt binary is missing)').not.toBeNull();
  const store = createSignInStore(mkdtempSync(join(tmpdir(), 'occ-keychain-')), keychain);
  const account = `probe-${process.pid}-${Date.now()}`;
  const where = await store.save(account, tokens);
  if (where.kind === 'file')
    console.log(
      'NOT RUN: the OS keychain path (no keychain answers here: no Secret Service); the file fallback was tested',
    );
  expect((await store.load(account))?.tokens).toEqual(tokens);
  expect(await store.remove(account)).toBe(true);
  expect(await store.load(account)).toBeNull();
});
