/* eslint-disable no-control-regex -- terminal escapes are what these tests look for */
/**
 * The status-bar outputs of the built command against a simulator it started itself:
 * `status --format line|waybar|xbar` and `watch --format line`. The expected counts are computed
 * from the simulator's own record, not from the CLI's code; the waybar output is parsed by
 * JSON.parse; the xbar Acknowledge item's command line is run as xbar would run it, and the
 * simulator then says the incident is acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIM_ME } from '../../src-main/core/simulator/index.js';
import { runCli as runInProcess } from '../../src-main/cli/run.js';
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

const TOKEN = 'bar-token-Hk3pQ8sZ1m';
let url = '';
let simProc: CliProcess;
let tokenFile = '';
const src = () => ['--api-url', url, '--poll-interval', '2', '--token-file', tokenFile];

interface SimRecord {
  incidents: Array<{
    id: string;
    title: string;
    urgency: 'high' | 'low';
    status: 'triggered' | 'acknowledged' | 'resolved';
    createdAt: string;
    assignedTo: Array<{ userId: string; at: string }>;
  }>;
}

/** What a bar should show, counted from the simulator's record: my open incidents. */
async function expected() {
  const state = await sim<SimRecord>(url, 'GET', '/__sim/state');
  const mine = state.incidents.filter(
    (i) => i.status !== 'resolved' && i.assignedTo.at(-1)?.userId === SIM_ME.id,
  );
  const triggered = mine.filter((i) => i.status === 'triggered');
  return {
    open: mine.length,
    high: mine.filter((i) => i.urgency === 'high').length,
    low: mine.filter((i) => i.urgency === 'low').length,
    unacked: triggered.length,
    oldestMinutes: Math.floor(
      (Date.now() - Math.min(...triggered.map((i) => Date.parse(i.createdAt)))) / 60_000,
    ),
    triggeredIds: triggered.map((i) => i.id),
  };
}

/** Split an xbar parameter string the way xbar does: words, with "double quoted" values. */
function xbarParams(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) out[m[1]!] = m[2] ?? m[3]!;
  return out;
}

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli());
  const dir = mkdtempSync(join(tmpdir(), 'occ-bar-'));
  tokenFile = join(dir, 'token with space.txt');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  await createIncident(url, 'bar: checkout 5xx', 'high');
  await createIncident(url, 'bar: queue | depth', 'low');
  await sim(url, 'POST', '/__sim/incidents', { title: 'bar: old disk', urgency: 'high', ageSeconds: 1500 });
  await sim(url, 'POST', '/__sim/incidents', { title: 'bar: acked', urgency: 'high', acknowledgedBy: 'me' });
}, 120_000);

afterAll(async () => {
  await simProc?.stop('SIGTERM');
});

describe('status --format line', () => {
  it('says on call, the open pages by urgency and the oldest unacknowledged age, without colour when piped', async () => {
    const want = await expected();
    expect(want.open).toBe(4);
    const r = await runCli(['status', '--format', 'line', ...src()], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\x1b');
    expect(line).toMatch(
      new RegExp(
        `^on call · ${want.open} open \\(${want.high} high ${want.low} low\\) · oldest unacked (\\d+)m$`,
      ),
    );
    const age = Number(/oldest unacked (\d+)m/.exec(line)![1]);
    expect(Math.abs(age - want.oldestMinutes)).toBeLessThanOrEqual(1);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('colours on a terminal, and not with NO_COLOR', async () => {
    const run = async (env: NodeJS.ProcessEnv) => {
      const out: string[] = [];
      const code = await runInProcess(['status', '--format', 'line', ...src()], {
        out: (l) => out.push(l),
        err: () => {},
        env,
        stopped: new Promise(() => {}),
        version: 'test',
        outTty: true,
      });
      expect(code).toBe(0);
      return out.join('\n');
    };
    const env = cliEnv();
    expect(await run(env)).toMatch(/^\x1b\[1;31mon call · .*\x1b\[0m$/);
    const plain = await run({ ...env, NO_COLOR: '1' });
    expect(plain).not.toContain('\x1b');
    expect(plain).toMatch(/^on call · \d+ open/);
  });
});

describe('status --format waybar', () => {
  it("prints Waybar's JSON: text, tooltip listing the pages, class", async () => {
    const want = await expected();
    const r = await runCli(['status', '--format', 'waybar', ...src()], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    const bar = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(bar).sort()).toEqual(['alt', 'class', 'text', 'tooltip']);
    expect(bar.text).toBe(`${want.unacked}/${want.open}`);
    expect(bar.class).toBe('paging');
    const tooltip = bar.tooltip as string;
    expect(tooltip.split('\n')).toHaveLength(1 + want.open);
    for (const t of ['bar: checkout 5xx', 'bar: old disk', 'bar: acked']) expect(tooltip).toContain(t);
  });

  it('shows a rejected token as an error-class bar, names the CLI fix, and exits 1', async () => {
    const { proc, url: other } = await startSimulatorCli();
    try {
      await sim(other, 'POST', '/__sim/faults', { mode: 'error', status: 401, count: 1000 });
      const r = await runCli(
        ['status', '--format', 'waybar', '--api-url', other, '--token-file', tokenFile],
        cliEnv(),
      );
      expect(r.code).toBe(1);
      const bar = JSON.parse(r.stdout) as { class: string; tooltip: string };
      expect(bar.class).toBe('error');
      expect(bar.tooltip).toMatch(/rejected the API token/);
      // The terminal has no Settings window: the fix is the variable or the flag.
      for (const text of [bar.tooltip, r.stderr]) {
        // ("User Settings" is PagerDuty's own page, where the key is created.)
        expect(text.replace(/User Settings/g, '')).not.toMatch(/Settings|setting\b/);
        expect(text).toMatch(/PAGERDUTY_TOKEN or a file named by --token-file/);
      }
    } finally {
      await proc.stop('SIGTERM');
    }
  });
});

describe('status --format xbar', () => {
  it('lists the pages, and its Acknowledge item really acknowledges when run', async () => {
    const want = await expected();
    const r = await runCli(['status', '--format', 'xbar', ...src()], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`● ${want.unacked}/${want.open} | color=red`);
    expect(lines[1]).toBe('---');
    // The untrusted `|` in a title is neutralised, so xbar cannot read it as parameters.
    expect(lines.find((l) => l.includes('queue'))).toMatch(
      /^low TRIGGERED #\d+ bar: queue ¦ depth .* \| color=red$/,
    );
    const acks = lines.filter((l) => l.startsWith('--Acknowledge |'));
    expect(acks).toHaveLength(want.unacked);

    // Pick the item for "bar: checkout 5xx" and run its command line as xbar would.
    const at = lines.findIndex((l) => l.includes('bar: checkout 5xx'));
    const item = lines[at + 1]!;
    expect(item.startsWith('--Acknowledge |')).toBe(true);
    const p = xbarParams(item.slice(item.indexOf('|') + 1));
    expect(p.terminal).toBe('false');
    expect(p.refresh).toBe('true');
    const argv = Object.keys(p)
      .filter((k) => /^param\d+$/.test(k))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
      .map((k) => p[k]!);
    const id = argv[argv.indexOf('ack') + 1]!;
    expect(want.triggeredIds).toContain(id);
    expect((await simIncident(url, id))?.status).toBe('triggered');
    // xbar runs it outside any shell, from its own folder, without the plugin's environment.
    const env = cliEnv();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(p.shell!, argv, { cwd: tmpdir(), env, stdio: 'ignore' });
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(await simIncident(url, id)).toMatchObject({ status: 'acknowledged', ackedBy: SIM_ME.id });
  });
});

describe('watch --format line', () => {
  it('prints one line, and a new one only when it changes (piped, for polybar)', async () => {
    const w = CliProcess.start(['watch', '--format', 'line', '--no-notify', ...src()], cliEnv());
    try {
      const first = await w.waitForLine((l) => /^on call · \d+ open/.test(l), 30_000);
      const before = await expected();
      expect(first).toContain(`${before.open} open`);
      await createIncident(url, 'bar: a new page', 'low');
      const after = await w.waitForLine((l) => l.includes(`${before.open + 1} open`), 30_000);
      expect(after).toMatch(/^on call · \d+ open \(\d+ high \d+ low\) · oldest unacked \d+m$/);
      // Only changes are printed: no two equal lines in a row, no carriage returns when piped.
      for (let n = 1; n < w.lines.length; n++) expect(w.lines[n]).not.toBe(w.lines[n - 1]);
      expect(w.lines.join('\n')).not.toMatch(/[\r\x1b]/);
    } finally {
      const exit = await w.stop('SIGINT');
      expect(exit.code).toBe(0);
    }
  });
});
