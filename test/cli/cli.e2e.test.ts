/**
 * The built `oncall-companion` command, spawned for real against a simulator it started itself
 * (`simulator --port 0`): status, watch, ack/resolve/snooze, the demo source, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceDataDir } from '../../src-main/node/source.js';
import { SIM_ME } from '../../src-main/core/simulator/index.js';
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

const TOKEN = 'e2e-token-Zq9xR7vW3k';
let url = '';
let simProc: CliProcess;
const withToken = (extra: Record<string, string> = {}) => cliEnv({ PAGERDUTY_TOKEN: TOKEN, ...extra });
const src = () => ['--api-url', url, '--poll-interval', '2'];

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli());
}, 120_000);

afterAll(async () => {
  const exit = await simProc?.stop('SIGTERM');
  // The simulator stops cleanly on SIGTERM.
  expect(exit?.code).toBe(0);
});

/** Every stdout line is one JSON object with a type; returns them. */
function jsonLines(stdout: string): Array<Record<string, unknown> & { type: string }> {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines.map((l) => {
    const o = JSON.parse(l) as Record<string, unknown> & { type: string };
    expect(typeof o.type).toBe('string');
    return o;
  });
}

describe('simulator', () => {
  it('prints its URL first and answers on it', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simProc.lines[0]).toBe(url);
    const state = await sim<{ incidents: unknown[] }>(url, 'GET', '/__sim/state');
    expect(Array.isArray(state.incidents)).toBe(true);
  });
});

describe('status', () => {
  it('--json prints me, my shifts and my open incidents', async () => {
    const id = await createIncident(url, 'status: disk almost full');
    const r = await runCli(['status', '--json', ...src()], withToken());
    expect(r.code, r.stderr).toBe(0);
    const [status, ...rest] = jsonLines(r.stdout);
    expect(rest).toHaveLength(0);
    expect(status?.type).toBe('status');
    expect(status?.me).toMatchObject({ id: SIM_ME.id, email: SIM_ME.email });
    const oncall = status?.oncall as { now: unknown[]; fetchedAt: string | null };
    expect(oncall.fetchedAt).not.toBeNull();
    expect(oncall.now.length).toBeGreaterThan(0);
    const incidents = status?.incidents as Array<{ id: string; status: string; title: string }>;
    expect(incidents.find((i) => i.id === id)).toMatchObject({
      status: 'triggered',
      title: 'status: disk almost full',
    });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('prints readable text without --json', async () => {
    const r = await runCli(['status', ...src()], withToken());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Me:        ${SIM_ME.name} <${SIM_ME.email}>`);
    expect(r.stdout).toMatch(/^On call: {3}\S/m);
    expect(r.stdout).toMatch(/^Open incidents: \d+/m);
  });
});

describe('actions', () => {
  it('ack marks the incident acknowledged in the simulator, with From on the request', async () => {
    const id = await createIncident(url, 'ack: checkout latency');
    await sim(url, 'DELETE', '/__sim/requests');
    const r = await runCli(['ack', id, ...src()], withToken());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`acknowledged: ${id}`);
    expect(await simIncident(url, id)).toMatchObject({ status: 'acknowledged', ackedBy: SIM_ME.id });
    const { requests } = await sim<{
      requests: Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }>;
    }>(url, 'GET', '/__sim/requests');
    const write = requests.find(
      (q) =>
        q.method === 'PUT' &&
        q.path.startsWith('/incidents') &&
        (q.path.includes(id) || JSON.stringify(q.body).includes(id)),
    );
    expect(write, JSON.stringify(requests.map((q) => `${q.method} ${q.path}`))).toBeDefined();
    expect(write?.headers.from).toBe(SIM_ME.email);
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
  });

  it('ack --mine, snooze and resolve reach the simulator', async () => {
    const a = await createIncident(url, 'mine: queue backlog');
    const b = await createIncident(url, 'mine: error budget');
    const mine = await runCli(['ack', '--mine', '--json', ...src()], withToken());
    expect(mine.code, mine.stderr).toBe(0);
    const [done] = jsonLines(mine.stdout);
    expect(done?.type).toBe('action.done');
    expect((done?.action as { incidentIds: string[] }).incidentIds).toEqual(expect.arrayContaining([a, b]));
    expect((await simIncident(url, a))?.status).toBe('acknowledged');

    const snooze = await runCli(['snooze', a, '1h', ...src()], withToken());
    expect(snooze.code, snooze.stderr).toBe(0);
    expect(snooze.stdout.trim()).toBe(`snoozed for 1h: ${a}`);

    const resolve = await runCli(['resolve', b, ...src()], withToken());
    expect(resolve.code, resolve.stderr).toBe(0);
    expect((await simIncident(url, b))?.status).toBe('resolved');
  });

  it('an action the server refuses exits 1 with one line', async () => {
    const r = await runCli(['ack', 'PNOSUCH1', ...src()], withToken());
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^oncall-companion: could not mark PNOSUCH1 acknowledged/);
  });
  it('a bulk ack that fails for one incident says so and exits 1, naming what did go through', async () => {
    const id = await createIncident(url, 'bulk: one good, one unknown');
    const r = await runCli(['ack', id, 'PNOSUCH2', ...src()], withToken());
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout.trim()).toBe(`acknowledged: ${id}`);
    expect(r.stderr.trim()).toMatch(/^oncall-companion: could not mark PNOSUCH2 acknowledged/);
    expect(r.stderr).not.toContain(`mark ${id}`);
    expect((await simIncident(url, id))?.status).toBe('acknowledged');
  });
});

describe('watch', () => {
  it('--json --no-notify prints incident.triggered for a new page, and only JSON on stdout', async () => {
    const w = CliProcess.start(['watch', '--json', '--no-notify', ...src()], withToken());
    try {
      await w.waitForLine((l) => l.includes('"state":"live"'), 20_000);
      const id = await createIncident(url, 'watch: payments 5xx');
      const line = await w.waitForLine((l) => l.includes('"incident.triggered"') && l.includes(id), 20_000);
      const ev = JSON.parse(line) as { incident: Record<string, unknown> };
      expect(ev.incident).toMatchObject({
        id,
        title: 'watch: payments 5xx',
        urgency: 'high',
        status: 'triggered',
      });
      expect(ev.incident.service).toMatchObject({ summary: expect.any(String) });
      await w.waitForLine((l) => l.includes('"type":"notification"') && l.includes(id), 10_000);
    } finally {
      const exit = await w.stop('SIGINT');
      expect(exit.code).toBe(0);
    }
    for (const e of w.events()) expect(typeof e.type).toBe('string');
    expect(w.stderr).not.toContain(TOKEN);
  });

  it('keeps paging when the shift history cannot be opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'occ-nohist-'));
    // A file where the history folder belongs: opening the history fails (ENOTDIR/EEXIST).
    const sourceDir = sourceDataDir(dataDir, { kind: 'pagerduty', apiUrl: url });
    mkdirSync(sourceDir, { recursive: true });
    writeFileSync(join(sourceDir, 'history'), 'not a folder');
    const w = CliProcess.start(
      ['watch', '--json', '--no-notify', ...src(), '--data-dir', dataDir],
      withToken(),
    );
    try {
      await w.waitForLine((l) => l.includes('"state":"live"'), 20_000);
      const id = await createIncident(url, 'watch without history');
      await w.waitForLine((l) => l.includes('"incident.triggered"') && l.includes(id), 20_000);
    } finally {
      const exit = await w.stop('SIGINT');
      expect(exit.code, w.stderr).toBe(0);
    }
    expect(w.stderr).toMatch(/shift history could not be opened/);
  });

  it('prints readable lines without --json and stops cleanly on SIGTERM', async () => {
    const w = CliProcess.start(['watch', '--no-notify', ...src()], withToken());
    try {
      await w.waitForLine((l) => /SYNC +live/.test(l), 20_000);
      const id = await createIncident(url, 'watch human: cache misses', 'low');
      const line = await w.waitForLine((l) => l.includes(id), 20_000);
      expect(line).toMatch(
        new RegExp(
          `^\\d\\d:\\d\\d:\\d\\d  TRIGGERED +low +\\[${id}\\] #\\d+ watch human: cache misses · \\S`,
        ),
      );
    } finally {
      expect((await w.stop('SIGTERM')).code).toBe(0);
    }
  });

  it('with no token runs the demo simulator and reports a page', async () => {
    const w = CliProcess.start([
      'watch',
      '--json',
      '--no-notify',
      '--scenario',
      'storm',
      '--poll-interval',
      '2',
    ]);
    try {
      const line = await w.waitForLine((l) => l.includes('"incident.triggered"'), 30_000);
      expect(JSON.parse(line)).toMatchObject({
        type: 'incident.triggered',
        incident: { status: 'triggered' },
      });
    } finally {
      expect((await w.stop()).code).toBe(0);
    }
    for (const e of w.events()) expect(typeof e.type).toBe('string');
  });
});

describe('bad input: one stderr line naming the fix, and the right exit code', () => {
  const oneLine = (stderr: string): string => {
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(lines[0]).toMatch(/^oncall-companion: /);
    return lines[0] as string;
  };

  it.each([
    [['watch', '--frobnicate'], /unknown option --frobnicate/],
    [['launch'], /unknown command "launch"/],
    [['snooze', 'PABC123', 'soon'], /bad duration.*30m/],
    [['status', '--poll-interval', '0.5'], /--poll-interval/],
    [['status', '--token-file', '/nonexistent/token'], /token file \/nonexistent\/token does not exist/],
    [['status', '--api-url', 'http://127.0.0.1:9'], /--api-url needs a token/],
  ])('%j exits 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--scenario with a token exits 2 (scenarios are for the demo source)', async () => {
    const r = await runCli(['watch', '--scenario', 'storm', ...src()], withToken());
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--scenario and --speed apply only to the demo source/);
  });

  it('an unreachable server exits 1', async () => {
    const r = await runCli(['status', '--api-url', 'http://127.0.0.1:9'], withToken());
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/reach/i);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('a rejected token exits 1 without printing it', async () => {
    await sim(url, 'POST', '/__sim/faults', { mode: 'error', status: 401, count: 3 });
    try {
      for (const cmd of [['status'], ['watch', '--json', '--no-notify']]) {
        const r = await runCli([...cmd, ...src()], withToken());
        expect(r.code, cmd.join(' ')).toBe(1);
        expect(oneLine(r.stderr)).toMatch(/rejected the API token/);
        expect(r.stdout + r.stderr).not.toContain(TOKEN);
        await sim(url, 'POST', '/__sim/faults', { mode: 'error', status: 401, count: 3 });
      }
    } finally {
      await sim(url, 'POST', '/__sim/faults', { mode: 'none' });
    }
  });

  it('an account-level key without --from exits 2 naming --from', async () => {
    const r = await runCli(['status', ...src()], cliEnv({ PAGERDUTY_TOKEN: 'account-key-123456' }));
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--from/);
  });

  it('--help and --version succeed', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/watch .*status/s);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
