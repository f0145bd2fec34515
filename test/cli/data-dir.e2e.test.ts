/**
 * A data folder that cannot hold folders (a /proc entry) fails fast with one line naming the folder,
 * instead of spinning (Node's recursive mkdir loops forever under /proc/1).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliEnv, runCli } from './helpers.js';

describe('--data-dir that cannot be used', () => {
  beforeAll(async () => {
    await buildCli();
  }, 120_000);

  it.runIf(existsSync('/proc/1'))('--data-dir /proc/1 exits 1 at once, naming the data folder', async () => {
    const r = await runCli(
      ['watch', '--json', '--no-notify', '--data-dir', '/proc/1', '--api-url', 'http://127.0.0.1:9'],
      cliEnv({ PAGERDUTY_TOKEN: 'proc-token-123' }),
      15_000,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data folder.*\/proc\/1/);
    expect(r.stdout).toBe('');
    // No wall-time assertion: the run's 15 s timeout is what fails a hang.
  });

  it.skipIf(existsSync('/proc/1'))('NOT RUN: no /proc/1 on this system', () => {
    console.log('NOT RUN: --data-dir /proc/1 needs a Linux /proc');
  });
});
