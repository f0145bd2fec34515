/**
 * The window's sign-in in the runtime: a finished sign-in points the source at the account and
 * keeps the token in the secrets port (never in settings or the view); a failed one changes
 * nothing; a refresh saved through the source request does not restart the source; a sign-out is
 * said once as the state and a notification.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, type RuntimeEvent } from '../../src-main/app/runtime.js';
import { createMemorySecretStore } from '../../src-main/app/secrets.js';
import { createSettingsStore } from '../../src-main/app/settings.js';
import {
  tokenIdentityKey,
  type SignInPort,
  type SignInResult,
  type SignInTarget,
} from '../../src-main/app/signin.js';
import type { AppSettings } from '../../src-main/ipc/app-settings.js';
import { sourceIdentity, type SourceRequest } from '../../src-main/app/sources.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import { fakeCompanion } from '../electron/fake-companion.js';

const signInToken = (id: string, access: string) =>
  `oauth:${JSON.stringify({ signInId: id, accessToken: access, refreshToken: `r-${access}` })}`;

function build(port: SignInPort, accounts: AppSettings['accounts'] = []) {
  const opened: SourceRequest[] = [];
  const secrets = createMemorySecretStore('previous-api-key-123', 'memory');
  const events: RuntimeEvent[] = [];
  const runtime = createRuntime({
    settingsStore: createSettingsStore({
      ...defaultAppSettings(),
      source: { kind: 'pagerduty', region: 'eu' },
      accounts,
    }),
    secrets,
    openSource: async (req) => {
      opened.push(req);
      return { companion: fakeCompanion().companion, close: async () => {} };
    },
    history: null,
    links: { refuse: (url) => `not here: ${url}` },
    shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
    clock: { now: () => 1 },
    logger: silentLogger,
    signIn: port,
  });
  runtime.subscribe((e) => void events.push(e));
  return { runtime, opened, secrets, events };
}

function port(): SignInPort & {
  finish(r: SignInResult): void;
  fail(message: string): void;
  targets: (SignInTarget | undefined)[];
} {
  let settle: { resolve: (r: SignInResult) => void; reject: (e: Error) => void } | null = null;
  const targets: (SignInTarget | undefined)[] = [];
  return {
    targets,
    begin: async (target) => ({
      url: (targets.push(target), 'https://identity.pagerduty.com/oauth/authorize?x=1'),
      done: new Promise<SignInResult>((resolve, reject) => (settle = { resolve, reject })),
    }),
    finish: (r) => settle!.resolve(r),
    fail: (m) => settle!.reject(new Error(m)),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('sign-in in the runtime', () => {
  it('a finished sign-in sets the source and the token, and the view never holds it', async () => {
    const p = port();
    const { runtime, opened, secrets, events } = build(p);
    await runtime.start();
    expect(await runtime.handlers.startSignIn()).toEqual({
      url: 'https://identity.pagerduty.com/oauth/authorize?x=1',
    });
    expect(runtime.handlers.getSignIn()).toMatchObject({ state: 'waiting' });
    const token = signInToken('s1', 'access-1');
    p.finish({ token, apiUrl: 'https://api.eu.pagerduty.com', label: 'acme (EU)' });
    await settle();
    expect(secrets.getToken()).toBe(token);
    expect(runtime.settings.get().source).toMatchObject({
      kind: 'pagerduty',
      region: 'custom',
      apiUrl: 'https://api.eu.pagerduty.com',
    });
    expect(runtime.handlers.getSignIn()).toEqual({
      state: 'signed_in',
      url: null,
      message: 'Signed in to acme (EU).',
    });
    expect(opened.at(-1)!.token).toBe(token);
    const shown = JSON.stringify([events, runtime.handlers.getSettings(), runtime.handlers.getSignIn()]);
    expect(shown).not.toContain('access-1');

    // A refresh saved by the source rotates the tokens without a restart.
    const before = opened.length;
    opened.at(-1)!.saveToken!(signInToken('s1', 'access-2'));
    expect(sourceIdentity({ token: secrets.getToken(), settings: runtime.settings.get() })).toBe(
      sourceIdentity({ token, settings: runtime.settings.get() }),
    );
    runtime.handlers.updateSettings({ pollIntervalSeconds: 7 });
    await settle();
    expect(opened.length).toBe(before);

    // A rejected refresh token: the state and one notification.
    opened.at(-1)!.signedOut!('Signed out of acme: sign in again');
    expect(runtime.handlers.getSignIn()).toMatchObject({
      state: 'signed_out',
      message: 'Signed out of acme: sign in again',
    });
    expect((await runtime.handlers.getSettings()).signIn).toMatchObject({ state: 'signed_out' });
    const changed = events.filter((e) => e.name === 'settingsChanged');
    expect(changed.at(-1)).toMatchObject({ payload: { signIn: { state: 'signed_out' } } });
    const notes = events.filter((e) => e.name === 'coreEvent' && e.payload.type === 'notification');
    expect(notes).toHaveLength(1);
    await runtime.close();
  });

  it('a failed sign-in keeps the previous account and token', async () => {
    const p = port();
    const { runtime, secrets } = build(p);
    await runtime.start();
    await runtime.handlers.startSignIn();
    p.fail('not signed in: access was denied in the browser; nothing was stored');
    await settle();
    expect(secrets.getToken()).toBe('previous-api-key-123');
    expect(runtime.settings.get().source).toMatchObject({ kind: 'pagerduty', region: 'eu' });
    expect(runtime.handlers.getSignIn()).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/denied/),
    });
    await runtime.close();
  });

  it('an extra account signs in at its own API: its source and its token change, the first account’s do not', async () => {
    const p = port();
    const ops = {
      id: 'ops',
      name: 'Ops',
      source: { kind: 'pagerduty' as const, region: 'custom' as const, apiUrl: 'https://pd.ops.example.com' },
    };
    const { runtime, opened, secrets, events } = build(p, [ops]);
    await runtime.start();
    // A second account cannot start while one sign-in waits; a demo or unknown account is refused.
    await expect(runtime.handlers.startAccountSignIn('nope')).rejects.toThrow(/no account nope/);
    expect(await runtime.handlers.startAccountSignIn('ops')).toMatchObject({ url: expect.any(String) });
    expect(p.targets).toEqual([{ apiUrl: 'https://pd.ops.example.com' }]);
    await expect(runtime.handlers.startSignIn()).rejects.toThrow(/another sign-in is waiting/);
    expect(runtime.handlers.getSignIn()).toMatchObject({ state: 'waiting', accountId: 'ops' });

    const token = signInToken('s-ops', 'ops-access-1');
    p.finish({ token, apiUrl: 'https://api.ops.example.com', label: 'ops (US)' });
    await settle();
    expect(runtime.handlers.getSignIn()).toEqual({
      state: 'signed_in',
      url: null,
      message: 'Signed in to ops (US).',
      accountId: 'ops',
    });
    expect(secrets.getToken()).toBe('previous-api-key-123');
    expect(runtime.settings.get().source).toMatchObject({ kind: 'pagerduty', region: 'eu' });
    expect(runtime.settings.get().accounts[0]!.source).toMatchObject({
      kind: 'pagerduty',
      region: 'custom',
      apiUrl: 'https://api.ops.example.com',
    });
    const view = await runtime.handlers.getSettings();
    expect(view.accountTokens.ops).toMatchObject({ set: true });
    const opsSource = opened.filter((r) => r.account?.id === 'ops').at(-1)!;
    expect(opsSource.token).toBe(token);

    // Its refreshes are kept in its own secrets, with no restart.
    const before = opened.length;
    opsSource.saveToken!(signInToken('s-ops', 'ops-access-2'));
    runtime.handlers.updateSettings({ pollIntervalSeconds: 7 });
    await settle();
    expect(opened.filter((r) => r.account?.id === 'ops')).toHaveLength(
      opened.slice(0, before).filter((r) => r.account?.id === 'ops').length,
    );
    expect(secrets.getToken()).toBe('previous-api-key-123');

    // Its rejected refresh: the state names it, one notification, and its row says it until a new sign-in.
    opsSource.signedOut!('Signed out of ops: sign in again');
    expect(runtime.handlers.getSignIn()).toMatchObject({ state: 'signed_out', accountId: 'ops' });
    const notes = events.filter((e) => e.name === 'coreEvent' && e.payload.type === 'notification');
    expect(notes).toHaveLength(1);
    const snap = await runtime.handlers.getSnapshot();
    expect(snap.accounts?.find((a) => a.id === 'ops')?.problem).toBe('Signed out of ops: sign in again');
    const shown = JSON.stringify([
      events,
      await runtime.handlers.getSettings(),
      runtime.handlers.getSignIn(),
    ]);
    expect(shown).not.toMatch(/ops-access-/);
    await runtime.close();
  });

  it('Sign out revokes a sign-in where it can and says which; a pasted API key is only deleted', async () => {
    const revoked: string[] = [];
    let answer = true;
    const p = { ...port(), revoke: async (t: string) => (revoked.push(t), answer) };
    const { runtime, secrets } = build(p);
    await runtime.start();
    // An API key: deleted, nothing sent to an identity server.
    await runtime.handlers.clearToken();
    expect(revoked).toEqual([]);
    expect(secrets.getToken()).toBeNull();

    for (const reachable of [true, false]) {
      answer = reachable;
      await runtime.handlers.startSignIn();
      const token = signInToken(`s-${reachable}`, `a-${reachable}`);
      p.finish({ token, apiUrl: 'https://api.pagerduty.com', label: 'acme (US)' });
      await settle();
      expect((await runtime.handlers.getSettings()).token).toMatchObject({ set: true, signedIn: true });
      const view = await runtime.handlers.clearToken();
      expect(revoked.at(-1)).toBe(token);
      expect(secrets.getToken()).toBeNull();
      expect(view.token).toMatchObject({ set: false, signedIn: false });
      expect(view.signIn?.message).toMatch(
        reachable ? /revoked in PagerDuty and removed/ : /could not be reached to revoke it/,
      );
      expect(JSON.stringify(view)).not.toContain(`a-${reachable}`);
    }
    await runtime.close();
  });

  it('removing a signed-in extra account revokes it; a token set by hand clears a stale sign-out', async () => {
    const revoked: string[] = [];
    const p = { ...port(), revoke: async (t: string) => (revoked.push(t), true) };
    const ops = {
      id: 'ops',
      name: 'Ops',
      source: { kind: 'pagerduty' as const, region: 'custom' as const, apiUrl: 'https://pd.ops.example.com' },
    };
    const { runtime, opened } = build(p, [ops]);
    await runtime.start();
    await runtime.handlers.startAccountSignIn('ops');
    const token = signInToken('s-ops', 'ops-access-1');
    p.finish({ token, apiUrl: 'https://api.ops.example.com', label: 'ops (US)' });
    await settle();
    // Its session reports a refused refresh: said for ops; a token pasted for ops clears it.
    opened.filter((r) => r.account?.id === 'ops').at(-1)!.signedOut!('Signed out of ops: sign in again');
    expect(runtime.handlers.getSignIn()).toMatchObject({ state: 'signed_out', accountId: 'ops' });
    await runtime.handlers.setAccountToken('ops', 'pasted-ops-key-123');
    expect(runtime.handlers.getSignIn()).toMatchObject({ state: 'none' });
    // Signed in again, then the account is removed: its grant is revoked after its source stopped.
    await runtime.handlers.startAccountSignIn('ops');
    const again = signInToken('s-ops-2', 'ops-access-2');
    p.finish({ token: again, apiUrl: 'https://api.ops.example.com', label: 'ops (US)' });
    await settle();
    expect(revoked).toEqual([]);
    const res = await runtime.handlers.updateSettings({ accounts: [] });
    expect(res.ok).toBe(true);
    expect(revoked).toEqual([again]);
    await runtime.close();
  });

  it('its own Sign out is not reported as a surprise sign-out, and the session stops before the revoke', async () => {
    let sourceOpenAtRevoke: boolean | null = null;
    const held: { source?: SourceRequest } = {};
    const p = port();
    const { runtime, opened, events } = build({
      ...p,
      revoke: async () => {
        sourceOpenAtRevoke = opened.at(-1)?.token?.startsWith('oauth:') ?? false;
        // The old session meets the revoked grant meanwhile and reports it.
        held.source?.signedOut!('Signed out of acme: sign in again');
        return true;
      },
    });
    await runtime.start();
    await runtime.handlers.startSignIn();
    p.finish({ token: signInToken('s9', 'a9'), apiUrl: 'https://api.pagerduty.com', label: 'acme (US)' });
    await settle();
    held.source = opened.at(-1);
    expect(held.source?.token).toMatch(/^oauth:/);
    await runtime.handlers.clearToken();
    // By the revoke, the source in use was already the one without the sign-in.
    expect(sourceOpenAtRevoke).toBe(false);
    const notes = events.filter((e) => e.name === 'coreEvent' && e.payload.type === 'notification');
    expect(notes).toEqual([]);
    expect(runtime.handlers.getSignIn()).toMatchObject({
      state: 'none',
      message: expect.stringMatching(/revoked/),
    });
    await runtime.close();
  });

  it('the client ID is a checked setting, empty by default (the project’s app)', async () => {
    const { runtime } = build(port());
    expect(runtime.settings.get().signInClientId).toBeNull();
    expect(await runtime.handlers.updateSettings({ signInClientId: 'has a space' })).toMatchObject({
      ok: false,
    });
    expect(await runtime.handlers.updateSettings({ signInClientId: 'my-own-app-123' })).toMatchObject({
      ok: true,
    });
    expect(runtime.settings.get().signInClientId).toBe('my-own-app-123');
  });

  it('a sign-in is identified by its signInId; API keys by themselves', () => {
    expect(tokenIdentityKey(signInToken('a', 'x'))).toBe(tokenIdentityKey(signInToken('a', 'y')));
    expect(tokenIdentityKey(signInToken('a', 'x'))).not.toBe(tokenIdentityKey(signInToken('b', 'x')));
    expect(tokenIdentityKey('plain-key-1')).toBe('plain-key-1');
    expect(tokenIdentityKey('oauth:{broken')).toBe('oauth:{broken');
  });
});
