/**
 * Several accounts headless: `watch --accounts FILE --json` against two simulators (two PagerDuty
 * stand-ins, one per account) reports every page of both exactly once, each with its account, across
 * a kill -9 and a restart; a bad accounts file is one line naming the file, the line and the fix
 * (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  CliProcess,
  cliEnv,
  createIncident,
  runCli,
  sim,
  simIncident,
  startSimulatorCli,
} from './helpers.js';

type Ev = Record<string, unknown> & { type: string; account?: string; incident?: { id: string } };

describe('watch --accounts', () => {
  const sims: Array<{ proc: CliProcess; url: string }> = [];
  let dir = '';

  beforeAll(async () => {
    await buildCli();
    sims.push(await startSimulatorCli(), await startSimulatorCli());
    dir = mkdtempSync(join(tmpdir(), 'occ-accounts-'));
    writeFileSync(join(dir, 'team.token'), 'team-token-0123456789\n');
    writeFileSync(join(dir, 'platform.token'), 'platform-token-0123456789\n');
    writeFileSync(
      join(dir, 'accounts.yaml'),
      [
        'accounts:',
        '  - name: team',
        `    apiUrl: ${sims[0]!.url}`,
        '    tokenFile: team.token',
        '  - name: platform',
        `    apiUrl: ${sims[1]!.url}`,
        '    tokenFile: platform.token',
        '    from: me@platform.example.com',
        '',
      ].join('\n'),
    );
  }, 120_000);

  afterAll(async () => {
    for (const s of sims) await s.proc.stop();
  });

  it('reports every page of both accounts exactly once, with its account, across a kill -9', async () => {
    const [team, platform] = [sims[0]!, sims[1]!];
    const env = cliEnv();
    const args = [
      'watch',
      '--accounts',
      join(dir, 'accounts.yaml'),
      '--json',
      '--no-notify',
      '--poll-interval',
      '2',
    ];
    const created: Record<string, string[]> = { team: [], platform: [] };
    const page = async (account: 'team' | 'platform', title: string) =>
      created[account]!.push(await createIncident(account === 'team' ? team.url : platform.url, title));
    const triggered = (p: CliProcess): Ev[] =>
      (p.events() as Ev[]).filter((e) => e.type === 'incident.triggered');

    await page('team', 'team: disk full');
    await page('platform', 'platform: queue stuck');
    const first = CliProcess.start(args, env);
    await page('team', 'team: latency');
    await page('platform', 'platform: cert expiring');
    const end = Date.now() + 30_000;
    while (triggered(first).length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(triggered(first).length, first.stderr).toBe(4);
    // Killed without a chance to clean up.
    const killed = await first.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    // Pages that come while it is down, and after it is back.
    await page('team', 'team: while down');
    await page('platform', 'platform: while down');
    const second = CliProcess.start(args, env);
    try {
      await second.waitForLine((l) => l.includes('while down') && l.includes('"account":"team"'), 30_000);
      await second.waitForLine((l) => l.includes('while down') && l.includes('"account":"platform"'), 30_000);
      await page('team', 'team: after restart');
      await page('platform', 'platform: after restart');
      await second.waitForLine((l) => l.includes('team: after restart'), 30_000);
      await second.waitForLine((l) => l.includes('platform: after restart'), 30_000);
    } finally {
      await second.stop('SIGINT');
    }

    const all = [...triggered(first), ...triggered(second)];
    // Every event of both runs names its account.
    for (const e of [...(first.events() as Ev[]), ...(second.events() as Ev[])]) {
      expect(['team', 'platform']).toContain(e.account);
    }
    for (const account of ['team', 'platform'] as const) {
      const seen = all.filter((e) => e.account === account).map((e) => e.incident!.id);
      expect(seen.sort(), account).toEqual([...created[account]!].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
    expect(all).toHaveLength(created.team!.length + created.platform!.length);
  }, 180_000);

  it('status --accounts --json: one status per account, every incident carrying its account', async () => {
    const res = await runCli(['status', '--accounts', join(dir, 'accounts.yaml'), '--json'], cliEnv());
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Ev & { incidents: Ev[] });
    expect(lines.map((l) => l.account)).toEqual(['team', 'platform']);
    for (const [i, l] of lines.entries()) {
      const state = (await (await fetch(`${sims[i]!.url}/__sim/state`)).json()) as {
        incidents: Array<{ status: string }>;
      };
      const open = state.incidents.filter((x) => x.status !== 'resolved').length;
      expect(l.incidents).toHaveLength(open);
      expect(l.incidents.every((inc) => inc.account === l.account)).toBe(true);
    }
  });

  it('ack ACCOUNT:ID acts on that account only, even when the other holds the same id', async () => {
    const file = join(dir, 'accounts.yaml');
    const ids = [
      await createIncident(sims[0]!.url, 'route: team page'),
      await createIncident(sims[1]!.url, 'route: platform page'),
    ];
    const env = cliEnv();
    const ack = await runCli(['ack', `team:${ids[0]}`, '--accounts', file, '--json'], env);
    expect(ack.code, ack.stderr).toBe(0);
    const outcome = JSON.parse(ack.stdout.trim().split('\n').at(-1)!) as Ev;
    expect(outcome).toMatchObject({ type: 'action.done', account: 'team' });
    const state = async (url: string) =>
      (
        (await (await fetch(`${url}/__sim/state`)).json()) as {
          incidents: Array<{ id: string; status: string }>;
        }
      ).incidents;
    expect((await state(sims[0]!.url)).find((i) => i.id === ids[0])?.status).toBe('acknowledged');
    // The platform simulator saw no write at all (its incident with this id, if any, untouched).
    const platform = await state(sims[1]!.url);
    expect(platform.find((i) => i.id === ids[1])?.status).toBe('triggered');
    expect(platform.filter((i) => i.status === 'acknowledged')).toEqual([]);

    // An id alone, or an account the file does not name: one line, exit 2, nothing sent.
    const bare = await runCli(['ack', ids[1]!, '--accounts', file], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim()).toMatch(/^oncall-companion: ack: which account is \S+ in\? write ACCOUNT:/);
    const unknown = await runCli(['ack', `nope:${ids[1]}`, '--accounts', file], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      `oncall-companion: unknown account "nope" in ack: the accounts file ${file} names team, platform`,
    );
    expect((await state(sims[1]!.url)).find((i) => i.id === ids[1])?.status).toBe('triggered');
  });

  it('preview --accounts: one window over both, rows keyed by account, an ack reaching its own server', async () => {
    const [team, platform] = [sims[0]!, sims[1]!];
    const proc = CliProcess.start(
      ['preview', '--accounts', join(dir, 'accounts.yaml'), '--port', '0'],
      cliEnv(),
    );
    try {
      const url = new URL(await proc.waitForLine((l) => l.startsWith('http://'), 30_000));
      const call = async <T>(name: string, args: unknown[] = []): Promise<T> => {
        const res = await fetch(`${url.origin}/api/invoke/${name}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-oncall-token': url.searchParams.get('token')!,
            origin: url.origin,
          },
          body: JSON.stringify(args),
        });
        const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
        if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
        return body.value;
      };
      type Snap = {
        incidents: Array<{ id: string; title: string; account?: { name: string } }>;
        accounts: Array<{ name: string; sync: { state: string } }>;
      };
      const teamId = await createIncident(team.url, 'preview team page');
      const platformId = await createIncident(platform.url, 'preview platform page');
      let snap: Snap = { incidents: [], accounts: [] };
      for (let i = 0; i < 60; i++) {
        // The address is printed before the first source has opened: "not ready yet" means retry.
        const next = await call<Snap>('getSnapshot').catch((e: Error) => {
          if (/not ready yet/.test(e.message)) return null;
          throw e;
        });
        if (next) snap = next;
        if (
          snap.incidents.some((x) => x.title === 'preview platform page') &&
          snap.incidents.some((x) => x.title === 'preview team page')
        )
          break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const byTitle = (t: string) => snap.incidents.find((x) => x.title === t);
      expect(snap.accounts.map((a) => a.name)).toEqual(['team', 'platform']);
      expect(byTitle('preview team page')).toMatchObject({ id: teamId, account: { name: 'team' } });
      expect(byTitle('preview platform page')).toMatchObject({
        id: `platform~${platformId}`,
        account: { name: 'platform' },
      });
      // The tokens from the files are in no answer.
      expect(JSON.stringify(await call('getSettings'))).not.toMatch(/team-token|platform-token/);
      await sim(platform.url, 'DELETE', '/__sim/requests');
      await sim(team.url, 'DELETE', '/__sim/requests');
      await call('acknowledge', [[`platform~${platformId}`]]);
      let status: string | undefined;
      for (let i = 0; i < 40 && status !== 'acknowledged'; i++) {
        status = (await simIncident(platform.url, platformId))?.status;
        if (status !== 'acknowledged') await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe('acknowledged');
      type Req = { method: string; path: string; headers: Record<string, string> };
      const puts = async (u: string) => await sim<{ requests: Req[] } | Req[]>(u, 'GET', '/__sim/requests');
      const list = (r: { requests: Req[] } | Req[]) => (Array.isArray(r) ? r : r.requests);
      const platformPuts = list(await puts(platform.url)).filter((r) => r.method === 'PUT');
      expect(platformPuts.length).toBeGreaterThan(0);
      // The platform's own incident id (a user token's From is the user read from /users/me there).
      expect(platformPuts.map((r) => r.path).join(' ')).toContain(platformId);
      expect(platformPuts[0]!.headers.from).toBeTruthy();
      expect(list(await puts(team.url)).filter((r) => r.method === 'PUT')).toEqual([]);
      expect((await simIncident(team.url, teamId))?.status).toBe('triggered');
    } finally {
      await proc.stop();
    }
  }, 90_000);

  it('a bad accounts file is one line naming the file, the line and the fix, exit 2', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'dup.yaml',
        'accounts:\n  - name: team\n    tokenEnv: A_TOKEN\n  - name: Team\n    tokenEnv: A_TOKEN\n',
        /^oncall-companion: dup\.yaml line 4: the account name "Team" is used twice: give each account its own name$/,
      ],
      [
        'unknown.yaml',
        'accounts:\n  - name: team\n    tokenEnv: A_TOKEN\n    region: eu\n',
        /^oncall-companion: unknown\.yaml line 4: unknown field "region" \(use name, kind, apiUrl, tokenFile, tokenEnv, from, pollIntervalSeconds\)$/,
      ],
      [
        'missing.json',
        '{\n  "accounts": [\n    { "name": "team",\n      "tokenFile": "nope.token" }\n  ]\n}\n',
        /^oncall-companion: missing\.json line 4: the token file nope\.token of account "team" does not exist: create it holding the API key, or fix tokenFile$/,
      ],
    ];
    for (const [name, text, line] of cases) {
      writeFileSync(join(dir, name), text);
      const res = await runCli(
        ['watch', '--accounts', join(dir, name), '--json'],
        cliEnv({ A_TOKEN: 'tok-0123456789' }),
      );
      expect(res.code, res.stderr).toBe(2);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(res.stdout).toBe('');
    }
  });
});
