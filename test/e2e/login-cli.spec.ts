/**
 * Headless sign-in in Chromium: `oncall-companion login --no-browser --api-url <simulator>` prints
 * the address, Playwright opens it and clicks the simulator's consent button, the browser lands on
 * the CLI's loopback page ("Signed in ... You can close this tab"), and `status` then shows the
 * account's incidents with no PAGERDUTY_TOKEN.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';

const BIN = resolve(import.meta.dirname ?? '.', '../../bin/oncall-companion.mjs');

function cli(args: string[], env: NodeJS.ProcessEnv, onLine: (l: string) => void = () => {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const l of d.split('\n')) if (l) onLine(l);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('close', (code) => r({ code, stdout, stderr })),
  );
  return { child, done };
}

let sim: Simulator;
test.beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
test.afterAll(() => sim.close());

test('login --no-browser, consent clicked in Chromium, then status works with no token', async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), 'occ-login-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    ONCALL_COMPANION_KEYCHAIN: 'off',
  };
  delete env.PAGERDUTY_TOKEN;
  delete env.ONCALL_COMPANION_DATA_DIR;
  let url = '';
  const login = cli(['login', '--no-browser', '--api-url', sim.url], env, (l) => {
    if (l.startsWith(`${sim.url}/oauth/authorize?`)) url = l;
  });
  await expect.poll(() => url, { timeout: 20_000 }).not.toBe('');
  await page.goto(url);
  await expect(page.getByRole('heading', { name: /Sign in to PagerDuty/ })).toBeVisible();
  await page.getByRole('button', { name: 'Allow access' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.getByText('You can close this tab')).toBeVisible();
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  const r = await login.done;
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Signed in to companion-demo \(US\)/);

  const title = `page for the signed-in account ${Date.now()}`;
  sim.createIncident({ title });
  const status = await cli(['status', '--json'], env).done;
  expect(status.code, status.stderr).toBe(0);
  const body = JSON.parse(status.stdout) as { incidents: Array<{ title: string }> };
  expect(body.incidents.map((i) => i.title)).toContain(title);
  // The simulator saw the signed-in user's bearer token, not an API key.
  const calls = sim.requests().filter((q) => q.path === '/incidents');
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((q) => q.headers.authorization === 'Bearer [REDACTED]')).toBe(true);
});
