/**
 * The window's update banner in the browser preview, fed a simulated "update ready" status through
 * the contract (as `preview --simulate-update 0.2.0` does): it says "Update ready: restart to
 * install", says it is simulated, and the Restart button asks main, which refuses honestly. Without
 * a status there is no banner. The screenshot is saved as test/artifacts/update-ready.png.
 */
import { join } from 'node:path';
import { simulatedUpdate } from '../../src-main/cli/simulated-update.js';
import { startStack, type Stack } from './support/stack.js';
import { ARTIFACTS, expect, test } from './support/fixtures.js';

let stack: Stack | null = null;
test.afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('a ready update shows in the window, with Restart now, and is screenshotted', async ({ page }) => {
  stack = await startStack({ updateStatus: simulatedUpdate('0.2.0', '0.1.0') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(stack.url);
  await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
  const banner = page.locator('[data-banner="update"]');
  await expect(banner).toContainText('Update ready: restart to install (version 0.2.0)');
  await expect(banner).toContainText('simulated (browser preview)');
  await page.screenshot({ path: join(ARTIFACTS, 'update-ready.png') });
  await banner.getByRole('button', { name: 'Restart now' }).click();
  await expect(banner).toContainText('This update is simulated');
});

test('no update status, no banner; the Settings switch is there', async ({ page }) => {
  stack = await startStack();
  await page.goto(stack.url);
  await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-banner="update"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel(/Download updates in the background/)).toBeChecked();
});
