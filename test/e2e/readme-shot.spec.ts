/**
 * The README screenshot: the preview on the simulator's `demo` scenario run fast (speed 30) until it
 * has a real-looking shift: pages on several services of varied ages, an escalated one, some
 * acknowledged by teammates, most of mine acknowledged by me (a few left triggered on top), seen as
 * a team (both simulated teams). The simulated shift lasts 45 scenario minutes (90 s here), so the
 * shot is taken near its end: the header then reads like a shift a quarter of an hour from handoff. Saved as test/artifacts/readme-demo.png (the
 * README's picture, assets/readme/screenshot.png, is copied from it by hand after a look).
 */
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack.js';
import { ARTIFACTS, expect, test } from './support/fixtures.js';

const SPEED = 30;
/** Real time of demo: about 36 minutes of scenario time, before the simulated handoff at 45. */
const RUN_MS = 72_000;

let stack: Stack | null = null;
test.afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('README screenshot of a demo shift', async ({ page }) => {
  test.setTimeout(RUN_MS + 90_000);
  stack = await startStack({ scenario: 'demo', speed: SPEED, seed: 31, pollIntervalSeconds: 2 });
  expect(Date.now()).toBeLessThan(stack.sim.handoffAt);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(stack.url);
  await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });

  // A team view: my pages and my teams' (so teammates' pages and acknowledgements show).
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Include my teams’ incidents').check();
  await page.getByLabel('Only these teams (IDs)').fill('PTE0001, PTE0002');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^Incidents/ }).click();

  await page.waitForTimeout(RUN_MS);
  const sim = stack.sim.record().incidents;
  const open = sim.filter((i) => i.status !== 'resolved');
  const services = new Set(open.map((i) => i.service));
  expect(open.length, 'open pages').toBeGreaterThanOrEqual(6);
  expect(services.size, 'services').toBeGreaterThanOrEqual(3);
  expect(
    sim.some((i) => i.history.some((h) => h.type.includes('escalate'))),
    'an escalated page',
  ).toBe(true);
  expect(
    open.some((i) => i.ackedBy !== null && i.ackedBy !== 'PME0001'),
    'a page acknowledged by a teammate',
  ).toBe(true);

  // Acknowledge my older pages, one click each, leaving the three newest triggered on top.
  const mine = page
    .locator('[role="listitem"][data-status="triggered"]')
    .filter({ has: page.getByText('You', { exact: true }) });
  await expect(mine.first()).toBeVisible();
  for (let i = 0; i < 30 && (await mine.count()) > 3; i++) {
    const id = await mine.last().getAttribute('aria-labelledby');
    const target = page.locator(`[role="listitem"][aria-labelledby="${id}"]`);
    await target.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(target).toHaveAttribute('data-status', 'acknowledged');
  }
  await page.waitForTimeout(2500);
  await page.keyboard.press('Home');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(ARTIFACTS, 'readme-demo.png') });
});
