/**
 * The token session over the simulator's identity server: refresh before expiry and after a 401,
 * one refresh for any number of concurrent requests, a rejected refresh token signing out once
 * (no loop), a network failure keeping the tokens; and the sign-in store (keychain first, else a
 * 0600 file).
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type FetchLike } from '../../../src-main/core/ports.js';
import { startSimulator, type Simulator } from '../../../src-main/core/simulator/index.js';
import {
  createSignInStore,
  createTokenSession,
  identityEndpoints,
  signIn,
  type Keychain,
  type OAuthTokens,
} from '../../../src-main/node/oauth/index.js';
import { consent } from '../../support/consent.js';

let sim: Simulator;
let simNow = Date.now();
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none', clock: { now: () => simNow }, accessTtlSeconds: 600 });
});
afterAll(() => sim.close());

const realFetch = globalThis.fetch.bind(globalThis);

async function signedIn(): Promise<OAuthTokens> {
  return signIn({
    clientId: 'session-test',
    endpoints: identityEndpoints({ apiUrl: sim.url }),
    fetch: realFetch,
    now: () => simNow,
    onUrl: (u) => void consent(u, 'allow'),
  });
}

function session(tokens: OAuthTokens, now: () => number, fetch: FetchLike = realFetch) {
  const saved: OAuthTokens[] = [];
  const signedOut: string[] = [];
  let removed = 0;
  const s = createTokenSession({
    account: 'work',
    tokens,
    fetch,
    now,
    save: async (t) => void saved.push(t),
    remove: async () => void removed++,
    onSignedOut: (m) => void signedOut.push(m),
    logger: silentLogger,
  });
  return { s, saved, signedOut, removed: () => removed };
}

const me = (s: { fetch: FetchLike }) =>
  s.fetch(`${sim.url}/users/me`, { headers: { Authorization: 'Bearer oauth-session-access-token' } });

describe('token session', () => {
  it('refreshes once before expiry, however many requests want it at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), async (k) => {
        const tokens = await signedIn();
        const { s, saved } = session(tokens, () => simNow);
        const before = sim.identity.stats().refreshes;
        simNow += 590_000; // 10 s left of 600: inside the refresh lead
        const answers = await Promise.all(Array.from({ length: k }, () => me(s)));
        expect(answers.map((a) => a.status)).toEqual(Array(k).fill(200));
        expect(s.refreshCount()).toBe(1);
        expect(sim.identity.stats().refreshes - before).toBe(1);
        expect(saved).toHaveLength(1);
        expect(saved[0]!.refreshToken).not.toBe(tokens.refreshToken);
      }),
      { numRuns: 6 },
    );
  });

  it('after a 401 (the server says expired first) refreshes once and retries once', async () => {
    const tokens = await signedIn();
    const sessionNow = simNow; // the session thinks the token is fresh
    const { s } = session(tokens, () => sessionNow);
    simNow += 601_000;
    const res = await me(s);
    expect(res.status).toBe(200);
    expect(s.refreshCount()).toBe(1);
    simNow += 1;
  });

  it('a revoked refresh token signs out once and never loops', async () => {
    const tokens = await signedIn();
    const { s, signedOut, removed } = session(tokens, () => simNow);
    sim.identity.revokeAll();
    const refusedBefore = sim.identity.stats().refused;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await me(s)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(signedOut).toEqual(['Signed out of work: sign in again']);
    expect(removed()).toBe(1);
    expect(sim.identity.stats().refused - refusedBefore).toBe(1);
    expect(s.refreshCount()).toBe(1);
    const body = (await (await me(s)).json()) as { error: { message: string } };
    expect(body.error.message).toBe('Signed out of work: sign in again');
  });

  it('a refresh that cannot reach the server keeps the tokens and tries again later', async () => {
    const tokens = await signedIn();
    let down = true;
    const flaky: FetchLike = (input, init) =>
      down && String(input).includes('/oauth/token')
        ? Promise.reject(new TypeError('fetch failed'))
        : realFetch(input, init);
    const { s, signedOut } = session(tokens, () => simNow, flaky);
    simNow += 595_000;
    expect((await me(s)).status).toBe(200); // the old token still has 5 s
    expect(signedOut).toEqual([]);
    down = false;
    expect((await me(s)).status).toBe(200);
    expect(s.refreshCount()).toBe(2);
    expect(s.signedOut()).toBe(false);
    simNow += 10_000;
  });
});

describe('sign-in store', () => {
  const tokens: OAuthTokens = {
    accessToken: 'pdsim+access-abcdefgh',
    refreshToken: 'pdsimr+refresh-abcdefgh',
    expiresAt: 2,
    issuedAt: 1,
    scope: 'read write',
    subdomain: 'acme',
    region: 'eu',
    apiUrl: 'https://api.eu.pagerduty.com',
    clientId: 'c',
    tokenUrl: 'https://identity.pagerduty.com/oauth/token',
    revokeUrl: 'https://identity.pagerduty.com/oauth/revoke',
  };
  const memoryKeychain = (): Keychain & { map: Map<string, string> } => {
    const map = new Map<string, string>();
    return {
      map,
      get: (a) => map.get(a) ?? null,
      set: (a, v) => void map.set(a, v),
      delete: (a) => map.delete(a),
    };
  };
  const broken: Keychain = {
    get: () => {
      throw new Error('Couldn\u2019t access platform storage');
    },
    set: () => {
      throw new Error('no Secret Service');
    },
    delete: () => {
      throw new Error('no Secret Service');
    },
  };

  it('uses the keychain when it answers, and no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-store-'));
    const k = memoryKeychain();
    const store = createSignInStore(dir, k);
    expect(await store.save('work', tokens)).toEqual({ kind: 'keychain' });
    expect(k.map.size).toBe(1);
    expect((await store.load('work'))?.tokens).toEqual(tokens);
    expect(() => statSync(join(dir, 'credentials', 'work.json'))).toThrow();
    expect(await store.remove('work')).toBe(true);
    expect(await store.load('work')).toBeNull();
  });

  it('falls back to a 0600 file when the keychain fails, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-store-'));
    const store = createSignInStore(dir, broken);
    const where = await store.save('work', tokens);
    expect(where).toEqual({ kind: 'file', path: join(dir, 'credentials', 'work.json') });
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'credentials', 'work.json')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'credentials')).mode & 0o777).toBe(0o700);
    }
    expect(JSON.parse(readFileSync(join(dir, 'credentials', 'work.json'), 'utf8'))).toEqual(tokens);
    expect((await store.load('work'))?.where.kind).toBe('file');
    expect(await store.remove('work')).toBe(true);
    expect(await store.load('work')).toBeNull();
    expect(await store.remove('work')).toBe(false);
  });
});
