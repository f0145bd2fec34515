/**
 * Keyboard safety against the real core and simulator: an action keeps the selection on the page
 * acted on, `r` waits out a 5 s undo window before anything is sent, `u` in the window sends
 * nothing, and a quit during the window still delivers the resolve after a restart.
 */
import { expect as pwExpect, test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src-main/core/ports.js';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { openSource } from '../../src-main/node/source.js';
import { startPreviewServer } from '../../src-main/preview/server.js';
import { createPreviewRuntime } from '../../src-main/preview/runtime.js';
import { expect, page_, row, test } from './support/fixtures.js';
import { RENDERER_DIR, type Stack } from './support/stack.js';

const writesTo = (sim: Simulator, title: string): number => {
  const inc = sim.record().incidents.find((i) => i.title === title);
  if (!inc) return -1;
  return sim.requests().filter((r) => r.method === 'PUT' && r.path.includes(inc.id)).length;
};
const historyOf = (stack: Stack, title: string) =>
  JSON.stringify(stack.sim.record().incidents.find((i) => i.title === title));

test('three pages: select the newest, `a`, then `r` resolves the acknowledged page and no other', async ({
  stack,
  app,
}) => {
  await page_(stack, app, 'Oldest page');
  await page_(stack, app, 'Middle page');
  const newest = await page_(stack, app, 'Newest page');
  await newest.click();
  await expect(newest).toHaveAttribute('aria-current', 'true');
  const oldest = historyOf(stack, 'Oldest page');
  const middle = historyOf(stack, 'Middle page');

  await app.keyboard.press('a');
  await expect(newest).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await expect(newest).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => stack.simStatus('Newest page'), { timeout: 15_000 }).toBe('acknowledged');
  // A poll or two later the acknowledged page sits below the triggered ones, still selected.
  await app.waitForTimeout(2500);
  await expect(newest).toHaveAttribute('aria-current', 'true');

  await app.keyboard.press('r');
  const bar = app.locator('.undo-bar');
  await expect(bar).toContainText(/Resolved #\d+/);
  await expect(newest).toHaveCount(0);
  // Honest: nothing was sent during the window.
  await app.waitForTimeout(3000);
  expect(stack.simStatus('Newest page')).toBe('acknowledged');
  // After the window it is sent.
  await expect.poll(() => stack.simStatus('Newest page'), { timeout: 15_000 }).toBe('resolved');
  await expect(bar).toHaveCount(0);
  expect(historyOf(stack, 'Oldest page')).toBe(oldest);
  expect(historyOf(stack, 'Middle page')).toBe(middle);
  expect(stack.simStatus('Oldest page')).toBe('triggered');
  expect(stack.simStatus('Middle page')).toBe('triggered');
  // Nothing is selected now: the next `r` resolves nothing.
  await expect(app.locator('[aria-current="true"][role="listitem"]')).toHaveCount(0);
  await app.keyboard.press('r');
  await app.waitForTimeout(6500);
  expect(stack.simStatus('Oldest page')).toBe('triggered');
  expect(stack.simStatus('Middle page')).toBe('triggered');
});

test('`u` within the undo window sends nothing and brings the row back', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Undo me');
  await r.click();
  await app.keyboard.press('r');
  await expect(app.locator('.undo-bar')).toContainText('Resolved #');
  await expect(r).toHaveCount(0);
  await app.keyboard.press('u');
  await expect(r).toBeVisible();
  await expect(app.locator('.undo-bar')).toHaveCount(0);
  await expect(r).toHaveAttribute('aria-current', 'true');
  // Well past the window and a few polls: no write ever reached the simulator.
  await app.waitForTimeout(8000);
  expect(stack.simStatus('Undo me')).toBe('triggered');
  expect(writesTo(stack.sim, 'Undo me')).toBe(0);

  // Ctrl+Z does the same.
  await r.click();
  await app.keyboard.press('r');
  await expect(r).toHaveCount(0);
  await app.keyboard.press('Control+z');
  await expect(r).toBeVisible();
  await app.waitForTimeout(7000);
  expect(writesTo(stack.sim, 'Undo me')).toBe(0);
});

// A restart needs the simulator to outlive the app: the app here talks to it as a PagerDuty account
// (its own persistent data folder), so quitting the app keeps the simulator and its state.
base('a quit during the undo window still delivers the resolve after restart', async ({ page }) => {
  const sim = await startSimulator({ port: 0, scenario: 'none', logger: silentLogger });
  const dataDir = await mkdtemp(join(tmpdir(), 'oncall-e2e-undo-'));
  const open = async () => {
    const source = await openSource({
      token: 'demo',
      apiUrl: sim.url,
      dataDir,
      logger: silentLogger,
      pollIntervalSeconds: 2,
    });
    // The preview's runtime over this source (the one the test restarts), as `preview` builds it.
    const runtime = createPreviewRuntime({ openSource: async () => source, logger: silentLogger });
    const preview = await startPreviewServer({
      runtime,
      port: 0,
      rendererDir: RENDERER_DIR,
      logger: silentLogger,
    });
    await runtime.start();
    return {
      url: preview.url,
      quit: async () => {
        await preview.close();
        await runtime.close();
      },
    };
  };
  const status = (title: string) => sim.record().incidents.find((i) => i.title === title)?.status;
  try {
    const first = await open();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(first.url);
    sim.createIncident({ title: 'Resolve then quit', urgency: 'high', assignee: 'me' });
    sim.createIncident({ title: 'Leave me alone', urgency: 'high', assignee: 'me' });
    const r = row(page, 'Resolve then quit');
    await pwExpect(r).toBeVisible({ timeout: 15_000 });
    await r.click();
    await page.keyboard.press('r');
    await pwExpect(page.locator('.undo-bar')).toBeVisible();
    // The quit-time send fails (the API is down), so only a restart can deliver it.
    sim.setFault({ mode: 'error', status: 503 });
    await first.quit();
    expect(status('Resolve then quit')).toBe('triggered');
    sim.setFault({ mode: 'none' });

    const second = await open();
    await pwExpect.poll(() => status('Resolve then quit'), { timeout: 20_000 }).toBe('resolved');
    expect(status('Leave me alone')).toBe('triggered');
    const puts = sim
      .requests()
      .filter((q) => q.method === 'PUT' && q.status !== null && q.status < 300 && /incidents/.test(q.path));
    expect(puts).toHaveLength(1);
    await second.quit();
  } finally {
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
