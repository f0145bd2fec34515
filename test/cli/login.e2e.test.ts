/**
 * `oncall-companion login` end to end against the simulator's identity server (consent given over
 * HTTP here; test/e2e/login.spec.ts clicks it in Chromium): the printed URL, the token stored
 * (a 0600 file: the keychain is turned off so a developer's real keychain is never touched), then
 * `status` and `watch` with no PAGERDUTY_TOKEN; a `watch` whose access token lives 3 s refreshes
 * without missing a page; a revoked grant says "Signed out of default: sign in again" once; bad
 * sign-ins store nothing and leave the previous sign-in working; the tokens appear in no file of
 * the data folder but their own and in no output line.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consent } from '../support/consent.js';
import { buildCli, CliProcess, cliEnv, createIncident, runCli, sim, startSimulatorCli } from './helpers.js';

interface Stored {
  accessToken: string;
  refreshToken: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('login / status / watch / logout with the simulator identity server', () => {
  let simulator: { proc: CliProcess; url: string };
  const env = cliEnv({ ONCALL_COMPANION_KEYCHAIN: 'off' });
  const dataDir = join(env.XDG_DATA_HOME!, 'oncall-companion');
  const credentials = join(dataDir, 'credentials', 'default.json');
  const opsCredentials = join(dataDir, 'credentials', 'ops.json');
  const output: string[] = [];
  const seenTokens = new Set<string>();
  const remember = (): Stored => {
    const t = JSON.parse(readFileSync(credentials, 'utf8')) as Stored;
    seenTokens.add(t.accessToken).add(t.refreshToken);
    return t;
  };

  async function login(
    decision: 'allow' | 'deny' | 'none',
    extra: string[] = [],
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const proc = CliProcess.start(
      ['login', '--no-browser', '--api-url', simulator.url, '--verbose', ...extra],
      env,
    );
    const url = await proc.waitForLine((l) => l.startsWith(`${simulator.url}/oauth/authorize?`), 20_000);
    if (decision !== 'none') await consent(url, decision);
    const { code } = await proc.exit;
    const stdout = proc.lines.join('\n');
    output.push(stdout, proc.stderr);
    return { code, stdout, stderr: proc.stderr };
  }

  beforeAll(async () => {
    await buildCli();
    simulator = await startSimulatorCli();
  }, 120_000);
  afterAll(async () => {
    await simulator?.proc.stop();
  });

  it('login --no-browser prints the URL, waits for consent and stores the token, saying where', async () => {
    const r = await login('allow');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Signed in to companion-demo \(US\) as .+ <.+@.+>, account "default"\./);
    expect(r.stdout).toContain(
      `No OS keychain reachable here: the token is in ${credentials} (readable only by you, mode 0600).`,
    );
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    remember();
  }, 60_000);

  it('status works with no PAGERDUTY_TOKEN', async () => {
    const title = `signed-in page ${Date.now()}`;
    await createIncident(simulator.url, title);
    expect(env.PAGERDUTY_TOKEN).toBeUndefined();
    const r = await runCli(['status', '--json', '--verbose'], env);
    output.push(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as { incidents: Array<{ title: string }>; source?: { kind: string } };
    expect(status.incidents.map((i) => i.title)).toContain(title);
  }, 60_000);

  it('an accounts file entry with no tokenFile or tokenEnv uses its own sign-in (login --account)', async () => {
    const r = await login('allow', ['--account', 'ops']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/account "ops"/);
    const ops = JSON.parse(readFileSync(opsCredentials, 'utf8')) as Stored;
    seenTokens.add(ops.accessToken).add(ops.refreshToken);
    const file = join(dataDir, '..', 'accounts.yaml');
    writeFileSync(file, ['accounts:', '  - name: ops', `    apiUrl: ${simulator.url}`, ''].join('\n'));
    const title = `ops page ${Date.now()}`;
    await createIncident(simulator.url, title);
    const st = await runCli(['status', '--accounts', file, '--json'], env);
    output.push(st.stdout, st.stderr);
    expect(st.code).toBe(0);
    const line = JSON.parse(st.stdout.trim().split('\n')[0]!) as {
      account: string;
      incidents: Array<{ title: string }>;
    };
    expect(line.account).toBe('ops');
    expect(line.incidents.map((i) => i.title)).toContain(title);
    // The account's state is its own folder, not the default account's.
    expect(filesUnder(join(dataDir, 'accounts', 'ops')).length).toBeGreaterThan(0);

    // An entry with neither a key nor a sign-in: one line naming the account and the fix, exit 2.
    writeFileSync(file, ['accounts:', '  - name: nobody', `    apiUrl: ${simulator.url}`, ''].join('\n'));
    const none = await runCli(['status', '--accounts', file], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      `account "nobody" in ${file} has no tokenFile or tokenEnv and no sign-in: run oncall-companion login --account nobody`,
    );
  }, 60_000);

  it('a denied consent or a timeout stores nothing and the previous sign-in keeps working', async () => {
    const before = readFileSync(credentials, 'utf8');
    const denied = await login('deny');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/not signed in: access was denied in the browser; nothing was stored/);
    const timedOut = await login('none', ['--timeout', '1']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toMatch(/no sign-in within 1 s/);
    expect(readFileSync(credentials, 'utf8')).toBe(before);
    const r = await runCli(['status', '--json'], env);
    expect(r.code).toBe(0);
  }, 60_000);

  it('watch with a 3 s access token refreshes with no missed page, then a revoked grant signs out once', async () => {
    await sim(simulator.url, 'POST', '/__sim/identity', { accessTtlSeconds: 3 });
    expect((await login('allow')).code).toBe(0);
    remember();
    const refreshesBefore = (
      await sim<{ identity: { refreshes: number } }>(simulator.url, 'GET', '/__sim/identity')
    ).identity.refreshes;
    const watch = CliProcess.start(
      ['watch', '--json', '--no-notify', '--poll-interval', '2', '--verbose'],
      env,
    );
    await watch.waitForLine((l) => l.includes('"type":"sync"'), 20_000);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(await createIncident(simulator.url, `refresh page ${i}`));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    for (const id of ids)
      await watch.waitForLine((l) => l.includes('"incident.triggered"') && l.includes(id), 20_000);
    const triggered = watch
      .events()
      .filter((e) => e.type === 'incident.triggered' && ids.includes((e.incident as { id: string }).id));
    expect(triggered).toHaveLength(ids.length);
    const refreshes =
      (await sim<{ identity: { refreshes: number } }>(simulator.url, 'GET', '/__sim/identity')).identity
        .refreshes - refreshesBefore;
    // About one refresh per 1.5 s (half the token's life) over ~10 s; at least two, never one per request.
    expect(refreshes).toBeGreaterThanOrEqual(2);
    remember();

    const refusedBefore = (
      await sim<{ identity: { refused: number } }>(simulator.url, 'GET', '/__sim/identity')
    ).identity.refused;
    await sim(simulator.url, 'POST', '/__sim/identity', { revokeAll: true });
    await expect
      .poll(() => watch.stderr, { timeout: 15_000 })
      .toMatch(/Signed out of default: sign in again \(oncall-companion login\)/);
    // Several polls later: still said once, and the identity server was asked once (no refresh loop).
    const pollsAt = (watch.stderr.match(/path=\/incidents status=401/g) ?? []).length;
    await expect
      .poll(() => (watch.stderr.match(/path=\/incidents status=401/g) ?? []).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(pollsAt + 2);
    expect(
      watch.stderr.match(/Signed out of default: sign in again \(oncall-companion login\)/g),
    ).toHaveLength(1);
    const refused =
      (await sim<{ identity: { refused: number } }>(simulator.url, 'GET', '/__sim/identity')).identity
        .refused - refusedBefore;
    expect(refused).toBe(1);
    expect(watch.exited).toBe(false);
    await watch.stop();
    output.push(watch.lines.join('\n'), watch.stderr);
    // The rejected sign-in is removed: the next start is the demo, not a loop of refusals.
    expect(() => statSync(credentials)).toThrow();
  }, 90_000);

  it('no token in any file of the data folder but its own credentials file, nor in any output line', () => {
    expect(seenTokens.size).toBeGreaterThanOrEqual(4);
    const files = filesUnder(dataDir).filter((f) => f !== credentials && f !== opsCredentials);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(f, 'latin1');
      for (const t of seenTokens) expect(text.includes(t), `${f} holds a token`).toBe(false);
    }
    const all = output.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const t of seenTokens) expect(all.includes(t)).toBe(false);
  });

  it('logout revokes and removes the sign-in', async () => {
    await sim(simulator.url, 'POST', '/__sim/identity', { accessTtlSeconds: 3600 });
    expect((await login('allow')).code).toBe(0);
    const t = remember();
    const r = await runCli(['logout'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Signed out of account "default": the token was revoked and removed/);
    expect(() => statSync(credentials)).toThrow();
    const me = await fetch(`${simulator.url}/users/me`, {
      headers: { authorization: `Bearer ${t.accessToken}` },
    });
    expect(me.status).toBe(401);
    const again = await runCli(['logout'], env);
    expect(again.stdout).toMatch(/Not signed in/);
  }, 60_000);
});
