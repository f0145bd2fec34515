/**
 * The shift history through the built command, against a simulator the test starts: `watch` records
 * pages acknowledged by me (via `ack`) and by a teammate (via the API), `report` prints numbers that
 * match a count made from the simulator's own record, `backfill` fills what no watch saw (progress on
 * stderr, one summary line), and bad dates are usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIM_ME, SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import type { HandoffReport } from '../../src-main/core/history/types.js';
import { buildCli, CliProcess, cliEnv, runCli, sim, startSimulatorCli } from './helpers.js';

const TOKEN = 'report-e2e-token-Hq4vN8';
let url = '';
let simProc: CliProcess;
// One data folder for the whole file: watch, report and backfill share the source's history.
const env = cliEnv({ PAGERDUTY_TOKEN: TOKEN });
const src = () => ['--api-url', url, '--poll-interval', '2'];

interface SimRecordJson {
  incidents: Array<{
    id: string;
    title: string;
    urgency: 'high' | 'low';
    service: string;
    status: string;
    assignedTo: Array<{ userId: string }>;
    ackedBy: string | null;
    resolvedAt: string | null;
  }>;
}

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli(['--scenario', 'none']));
}, 120_000);

afterAll(async () => {
  await simProc?.stop('SIGTERM');
});

async function page(title: string, service: string, urgency: 'high' | 'low' = 'high', assignee = 'me') {
  const r = await sim<{ incident: { id: string } }>(url, 'POST', '/__sim/incidents', {
    title,
    service,
    urgency,
    assignee,
  });
  return r.incident.id;
}

/** A teammate (account-level key, their own `From`) sets incidents' status, as their client would. */
async function teammateSets(ids: string[], status: 'acknowledged' | 'resolved'): Promise<void> {
  const res = await fetch(`${url}/incidents`, {
    method: 'PUT',
    headers: {
      authorization: 'Token token=account-teammate',
      from: SIM_TEAMMATES[0]!.email,
      'content-type': 'application/json',
      accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: JSON.stringify({ incidents: ids.map((id) => ({ id, type: 'incident_reference', status })) }),
  });
  expect(res.status, await res.text()).toBe(200);
}

/** The numbers counted independently from the simulator's record: incidents that paged me. */
async function expected() {
  const state = await sim<SimRecordJson>(url, 'GET', '/__sim/state');
  const mine = state.incidents.filter((i) => i.assignedTo.some((a) => a.userId === SIM_ME.id));
  const acked = mine.filter((i) => i.ackedBy !== null);
  const byService = new Map<string, number>();
  for (const i of mine) byService.set(i.service, (byService.get(i.service) ?? 0) + 1);
  const noisiest = [...byService].sort((a, b) => b[1] - a[1])[0]!;
  return {
    ids: mine.map((i) => i.id).sort(),
    pages: mine.length,
    high: mine.filter((i) => i.urgency === 'high').length,
    ackedByMeShare: acked.filter((i) => i.ackedBy === SIM_ME.id).length / acked.length,
    noisiest: { serviceName: noisiest[0], pages: noisiest[1] },
    open: mine
      .filter((i) => i.status !== 'resolved')
      .map((i) => i.id)
      .sort(),
    resolved: mine.filter((i) => i.resolvedAt !== null).map((i) => i.id),
  };
}

async function reportJson(args: string[] = []): Promise<HandoffReport> {
  const r = await runCli(['report', '--format', 'json', ...args, ...src()], env);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as HandoffReport;
}

describe('report after watch', () => {
  it('matches a count made from the simulator’s own record', async () => {
    const ids = [
      await page('search: cluster RED', 'search'),
      await page('search: indexing lag', 'search'),
      await page('search: slow queries', 'search', 'low'),
      await page('checkout: 5xx', 'checkout-api'),
      await page('auth: token errors', 'auth-gateway', 'low'),
    ];
    // A teammate's own page: not a page of mine.
    const theirs = await page('teammate page', 'search', 'high', 'other');

    const watch = CliProcess.start(['watch', '--json', '--no-notify', ...src()], env);
    try {
      for (const id of ids) {
        await watch.waitForLine((l) => l.includes('"incident.triggered"') && l.includes(id), 30_000);
      }
      // I acknowledge two through the command (then resolve one), a teammate acknowledges one.
      const ack = await runCli(['ack', ids[0]!, ids[3]!, ...src()], env);
      expect(ack.code, ack.stderr).toBe(0);
      await teammateSets([ids[1]!], 'acknowledged');
      for (const id of [ids[0]!, ids[1]!, ids[3]!]) {
        await watch.waitForLine((l) => l.includes('"incident.acknowledged"') && l.includes(id), 30_000);
      }
      const res = await runCli(['resolve', ids[3]!, ...src()], env);
      expect(res.code, res.stderr).toBe(0);
      await watch.waitForLine((l) => l.includes('"incident.resolved"') && l.includes(ids[3]!), 30_000);

      // While watch records, report reads the same history.
      const during = await runCli(['report', ...src()], env);
      expect(during.code, during.stderr).toBe(0);
      expect(during.stdout).toMatch(/^## Handoff report: Current shift/);
      expect(during.stdout).toContain(`- Pages: ${ids.length} `);
    } finally {
      const exit = await watch.stop('SIGINT');
      expect(exit.code).toBe(0);
    }

    const want = await expected();
    expect(want.ids).not.toContain(theirs);
    const report = await reportJson();
    expect(report.metrics.pages).toBe(want.pages);
    expect(report.metrics.highUrgency).toBe(want.high);
    expect(report.metrics.ackedByMeShare).toBeCloseTo(want.ackedByMeShare, 6);
    expect(report.metrics.noisiestServices[0]).toMatchObject(want.noisiest);
    expect(report.pages.map((p) => p.incidentId).sort()).toEqual(want.ids);
    expect(report.open.map((o) => o.incidentId).sort()).toEqual(want.open);
    const resolved = report.pages.filter((p) => p.resolvedAt !== null).map((p) => p.incidentId);
    expect(resolved).toEqual(want.resolved);
    const byTeammate = report.pages.find((p) => p.incidentId === ids[1]);
    expect(byTeammate).toMatchObject({ acknowledgedByMe: false, acknowledgedBy: SIM_TEAMMATES[0]!.name });

    // Markdown: the same numbers, ready to paste.
    const md = await runCli(['report', '--shift', 'current', ...src()], env);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('### The numbers');
    expect(md.stdout).toContain(`- Acknowledged by me: ${Math.round(want.ackedByMeShare * 100)}%`);
    expect(md.stdout).toContain(`- Noisiest services: ${want.noisiest.serviceName} (${want.noisiest.pages})`);
  }, 120_000);
});

describe('backfill', () => {
  it('fills what no watch saw, with progress and a summary; the report then includes it', async () => {
    const before = await reportJson(['--since', '1h']);
    const fresh = [
      await page('pipeline: load failed', 'data-pipeline'),
      await page('web: 404s', 'web-frontend'),
    ];
    await teammateSets([fresh[0]!], 'resolved');

    const r = await runCli(['backfill', '--since', '1h', ...src()], env);
    expect(r.code, r.stderr).toBe(0);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('backfill: '));
    expect(progress[0]).toMatch(/^backfill: listing incidents 0\/\d+ \(0%\)$/);
    expect(progress.some((l) => /^backfill: reading log entries \d+\/\d+ \(\d+%\)$/.test(l))).toBe(true);
    expect(progress.at(-1)).toMatch(/^backfill: done, \d+ pages? found$/);
    const want = await expected();
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`fetched ${want.pages} pages, added 2 new to the history$`));

    const after = await reportJson(['--since', '1h']);
    expect(after.metrics.pages).toBe(before.metrics.pages + 2);
    expect(after.metrics.pages).toBe(want.pages);
    const filled = after.pages.find((p) => p.incidentId === fresh[0]);
    expect(filled?.resolvedAt).not.toBeNull();
    expect(after.pages.map((p) => p.incidentId)).toContain(fresh[1]);

    // Again, through two rate-limited answers (paced and retried after ratelimit-reset): nothing new.
    await sim(url, 'POST', '/__sim/faults', { mode: 'ratelimit', count: 2, resetSeconds: 1 });
    const again = await runCli(['backfill', '--since', '1h', '--json', ...src()], env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ type: 'backfill.done', fetched: want.pages, added: 0 });
    const { requests } = await sim<{ requests: Array<{ path: string; status: number | null }> }>(
      url,
      'GET',
      '/__sim/requests',
    );
    expect(requests.filter((q) => q.status === 429)).toHaveLength(2);
    expect(requests.some((q) => /^\/incidents\/[^/]+\/log_entries$/.test(q.path))).toBe(true);
  }, 60_000);

  it('needs a token: the demo has no history to fill', async () => {
    const r = await runCli(['backfill', '--since', '1d'], cliEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oncall-companion: backfill reads your PagerDuty history: set PAGERDUTY_TOKEN/);
  });
});

describe('bad dates', () => {
  it.each([
    [['report', '--since', 'yesterday'], /"yesterday" is not a date: use e\.g\. 2026-11-01/],
    [['report', '--since', '2026-11-02', '--until', '2026-11-01'], /--since must be before --until/],
    [['report', '--since', '2026-02-30'], /not a real date/],
    [['backfill', '--since', '2026-11-01T25:00'], /not a real date or time/],
    [['backfill', '--since', '2099-01-01'], /not in the past/],
  ])('%j: one stderr line, exit 2', async (args, message) => {
    const r = await runCli([...args, '--api-url', url], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/\(see oncall-companion (report|backfill) --help\)$/);
  });
});

describe('report on the demo', () => {
  it('plays the demo shift fast, reports on it, and keeps nothing of the run', async () => {
    const demoEnv = cliEnv();
    const r = await runCli(['report', '--format', 'json', '--speed', '900'], demoEnv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no PagerDuty token, so this reports on a demo shift/);
    const report = JSON.parse(r.stdout) as HandoffReport;
    expect(report.title).toMatch(/^Handoff report: Current shift/);
    expect(report.metrics.pages).toBeGreaterThan(0);
    expect(report.metrics.pages).toBe(report.pages.length);
    const demoDir = join(demoEnv.XDG_DATA_HOME!, 'oncall-companion', 'demo');
    expect(existsSync(demoDir) ? readdirSync(demoDir).filter((n) => n.startsWith('run-')) : []).toEqual([]);
  }, 60_000);

  it('with --shift last plays the demo shift to its handoff and reports that shift', async () => {
    const r = await runCli(['report', '--shift', 'last', '--speed', '900'], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## Handoff report: Last shift, /);
    expect(r.stdout).toMatch(/### What happened \([1-9]\d* pages?\)/);
  }, 60_000);
});

describe('watch on the demo', () => {
  it('saves the handoff report when the shift ends, outside the run folder', async () => {
    const demoEnv = cliEnv();
    const args = ['watch', '--json', '--no-notify', '--speed', '600', '--poll-interval', '2'];
    const w = CliProcess.start(args, demoEnv);
    let path = '';
    try {
      const ended = await w.waitForLine((l) => l.includes('"shift.ended"'), 40_000);
      // The handoff reminder before the end saves a "Current shift" report too: take the one after.
      const line = await w.waitForLine((l) => l.includes('"report.saved"'), 20_000, w.lines.indexOf(ended));
      path = (JSON.parse(line) as { path: string }).path;
    } finally {
      expect((await w.stop('SIGINT')).code).toBe(0);
    }
    expect(path.startsWith(join(demoEnv.XDG_DATA_HOME!, 'oncall-companion', 'demo', 'reports'))).toBe(true);
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^## Handoff report: Last shift/);
    const pages = w.events().filter((e) => e.type === 'incident.triggered').length;
    expect(md).toContain('### The numbers');
    expect(pages).toBeGreaterThan(0);
  }, 90_000);
});
