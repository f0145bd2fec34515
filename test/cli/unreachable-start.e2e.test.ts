/**
 * `watch` started while PagerDuty cannot be reached keeps running, stale and retrying, and goes live
 * (reporting the page waiting there) once the server answers: only a rejected token is fatal at start.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CliProcess, cliEnv, createIncident, forward, startSimulatorCli } from './helpers.js';

describe('watch with PagerDuty unreachable at start', () => {
  let simProc: CliProcess;
  let simUrl = '';
  let proxy: Server | null = null;

  beforeAll(async () => {
    await buildCli();
    ({ proc: simProc, url: simUrl } = await startSimulatorCli());
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    await simProc?.stop();
  });

  it('stays up, stale and retrying, then goes live and reports the page', async () => {
    // A port nothing listens on yet.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const id = await createIncident(simUrl, 'waiting while unreachable');

    const watch = CliProcess.start(
      ['watch', '--json', '--no-notify', '--api-url', `http://127.0.0.1:${port}`, '--poll-interval', '2'],
      cliEnv({ PAGERDUTY_TOKEN: 'unreachable-token' }),
    );
    try {
      await watch.waitForLine((l) => l.includes('"state":"stale"') && l.includes('"unreachable"'), 30_000);
      await new Promise((r) => setTimeout(r, 3000));
      expect(watch.exited, watch.stderr).toBe(false);

      // The server comes back on that port (a forwarding proxy to the simulator).
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          forward(simUrl, req, res, chunks);
        });
      });
      await new Promise<void>((r) => proxy!.listen(port, '127.0.0.1', r));
      await watch.waitForLine((l) => l.includes('"incident.triggered"') && l.includes(`"${id}"`), 90_000);
      expect(watch.exited).toBe(false);
    } finally {
      await watch.stop('SIGINT');
    }
  }, 150_000);
});
