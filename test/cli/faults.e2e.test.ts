/**
 * `watch` under every fault mode of the simulator (`POST /__sim/faults`): it keeps running, reports
 * the stale state with its reason, recovers when the fault clears, reports the page that arrived
 * meanwhile, and over the whole run reports every incident exactly once. One watch process, one
 * simulator process, both the built CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CliProcess, cliEnv, createIncident, sim, startSimulatorCli } from './helpers.js';

type SyncLine = { type: 'sync'; status: { state: string; errorKind?: string; reason?: string } };

const FAULTS = [
  { spec: { mode: 'error', status: 503 }, kind: 'server' },
  { spec: { mode: 'ratelimit', resetSeconds: 2 }, kind: 'rate_limited' },
  { spec: { mode: 'malformed' }, kind: 'invalid_response' },
  { spec: { mode: 'reset' }, kind: 'unreachable' },
  { spec: { mode: 'hang' }, kind: 'timeout' },
] as const;

describe.sequential('watch under faults', () => {
  let simProc: CliProcess;
  let url = '';
  let watch: CliProcess;
  const created: string[] = [];

  const triggered = (id: string) => (l: string) =>
    l.includes('"type":"incident.triggered"') && l.includes(`"id":"${id}"`);
  const sync = (l: string): SyncLine['status'] | null =>
    l.startsWith('{"type":"sync"') ? (JSON.parse(l) as SyncLine).status : null;

  beforeAll(async () => {
    await buildCli();
    ({ proc: simProc, url } = await startSimulatorCli());
    watch = CliProcess.start(
      ['watch', '--json', '--no-notify', '--api-url', url, '--poll-interval', '2'],
      cliEnv({ PAGERDUTY_TOKEN: 'faults-token' }),
    );
    await watch.waitForLine((l) => sync(l)?.state === 'live', 20_000);
  }, 120_000);

  afterAll(async () => {
    await sim(url, 'POST', '/__sim/faults', { mode: 'none' }).catch(() => {});
    await watch?.stop();
    await simProc?.stop();
  });

  for (const f of FAULTS) {
    it(`${f.spec.mode}: stale with the reason, then live again, missing nothing`, async () => {
      const before = await createIncident(url, `before ${f.spec.mode}`);
      created.push(before);
      await watch.waitForLine(triggered(before), 20_000);

      const from = watch.lines.length;
      await sim(url, 'POST', '/__sim/faults', f.spec);
      const staleLine = await watch.waitForLine((l) => sync(l)?.state === 'stale', 45_000, from);
      const stale = sync(staleLine);
      expect(stale?.errorKind).toBe(f.kind);
      expect(stale?.reason).toMatch(/\w{3,}/);

      // A page that arrives while the feed is down.
      const during = await createIncident(url, `during ${f.spec.mode}`);
      created.push(during);
      await sim(url, 'POST', '/__sim/faults', { mode: 'none' });

      const staleAt = watch.lines.indexOf(staleLine);
      await watch.waitForLine((l) => sync(l)?.state === 'live', 60_000, staleAt);
      await watch.waitForLine(triggered(during), 20_000, from);
      expect(watch.exited).toBe(false);
    }, 150_000);
  }

  it('reported every incident exactly once, with only JSON on stdout', async () => {
    // One more poll cycle so a duplicate, if any, would have shown up.
    const last = await createIncident(url, 'final check');
    created.push(last);
    await watch.waitForLine(triggered(last), 20_000);
    const events = watch.events();
    for (const e of events) expect(typeof e.type).toBe('string');
    const triggeredIds = events
      .filter((e) => e.type === 'incident.triggered')
      .map((e) => (e.incident as { id: string }).id);
    for (const id of created)
      expect(
        triggeredIds.filter((t) => t === id),
        id,
      ).toHaveLength(1);
    expect(new Set(triggeredIds).size).toBe(triggeredIds.length);
    expect(watch.exited).toBe(false);
  }, 60_000);
});
