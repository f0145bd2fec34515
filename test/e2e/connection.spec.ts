/**
 * Connection states end to end: a failing server makes the data stale (banner), recovery brings
 * it back to live; a rejected token shows the auth banner, which leads to Settings.
 */
import { join } from 'node:path';
import { ARTIFACTS, expect, page_, test } from './support/fixtures.js';

test('server errors -> stale banner -> fault cleared -> live again', async ({ stack, app }) => {
  await page_(stack, app, 'Before the outage');
  stack.sim.setFault({ mode: 'error', status: 503 });
  const banner = app.locator('[data-banner="stale"]');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/stale|Offline/i);
  // Data stays on screen while stale.
  await expect(app.getByRole('listitem', { name: 'Before the outage' })).toBeVisible();
  await app.screenshot({ path: join(ARTIFACTS, 'banner-stale.png') });
  stack.sim.setFault({ mode: 'none' });
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(app.getByText(/Live · synced/)).toBeVisible();
});

test('a rejected token shows the auth banner, which leads to Settings', async ({ stack, app }) => {
  stack.sim.setFault({ mode: 'error', status: 401 });
  const banner = app.locator('[data-banner="auth"]');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('PagerDuty refused the token');
  await app.screenshot({ path: join(ARTIFACTS, 'banner-auth.png') });
  await banner.getByRole('button', { name: 'Open Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await expect(app.getByLabel('Token', { exact: true })).toBeVisible();
  stack.sim.setFault({ mode: 'none' });
});
