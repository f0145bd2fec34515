/**
 * Stopping the command never loses an action: `ack` is interrupted (SIGINT) while its write hangs,
 * exits 130 saying the action is saved, and the next run (`status`, same data folder) delivers it.
 * A small proxy in front of the simulator holds the writes back while asked to.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_ME } from '../../src-main/core/simulator/index.js';
import {
  buildCli,
  CliProcess,
  cliEnv,
  createIncident,
  forward,
  runCli,
  simIncident,
  startSimulatorCli,
} from './helpers.js';

describe('an interrupted action is delivered by the next run', () => {
  let simProc: CliProcess;
  let simUrl = '';
  let proxyUrl = '';
  let holdWrites = true;
  const held: ServerResponse[] = [];
  const writesSeen: string[] = [];
  const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'GET') writesSeen.push(`${req.method} ${req.url}`);
      if (req.method !== 'GET' && holdWrites) {
        held.push(res); // never answered: the write "hangs"
        return;
      }
      forward(simUrl, req, res, chunks);
    });
  });

  beforeAll(async () => {
    await buildCli();
    ({ proc: simProc, url: simUrl } = await startSimulatorCli());
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    for (const r of held) r.destroy();
    await new Promise((r) => proxy.close(r));
    await simProc?.stop();
  });

  it('ack, SIGINT while the write hangs, then the next run sends it exactly once', async () => {
    const id = await createIncident(simUrl, 'persist: stuck consumer');
    const env = cliEnv({ PAGERDUTY_TOKEN: 'persist-token' });
    const args = ['--api-url', proxyUrl, '--poll-interval', '2'];

    const ack = CliProcess.start(['ack', id, ...args], env);
    const end = Date.now() + 20_000;
    while (writesSeen.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(writesSeen.length, ack.stderr).toBeGreaterThan(0);
    const exit = await ack.stop('SIGINT');
    expect(exit.code).toBe(130);
    expect(ack.stderr.trim()).toMatch(/^oncall-companion: interrupted; anything queued is saved/);
    expect((await simIncident(simUrl, id))?.status).toBe('triggered');

    // The next run (same data folder) resumes the queue.
    holdWrites = false;
    const status = await runCli(['status', '--json', ...args], env);
    expect(status.code, status.stderr).toBe(0);
    const deadline = Date.now() + 20_000;
    while ((await simIncident(simUrl, id))?.status !== 'acknowledged' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const final = await simIncident(simUrl, id);
    expect(final).toMatchObject({ status: 'acknowledged', ackedBy: SIM_ME.id });
    expect(final?.history.filter((h) => h.type === 'acknowledge')).toHaveLength(1);
  }, 90_000);
});
