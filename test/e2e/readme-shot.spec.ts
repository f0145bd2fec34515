/**
 * The README screenshot: the preview with a realistic shift (pages on several services, mixed
 * urgency, one acknowledged), saved as test/artifacts/readme-demo.png.
 */
import { join } from 'node:path';
import { ARTIFACTS, expect, page_, row, test } from './support/fixtures.js';

const PAGES = [
  {
    title: 'Checkout API 5xx rate above 5% for 5 minutes',
    service: 'checkout-api',
    urgency: 'high' as const,
  },
  { title: 'Kafka consumer lag above 1M on orders', service: 'data-pipeline', urgency: 'high' as const },
  {
    title: 'payments-worker: provider timeouts rising',
    service: 'payments-worker',
    urgency: 'high' as const,
  },
  { title: 'auth-gateway p99 latency above 800 ms', service: 'auth-gateway', urgency: 'low' as const },
  { title: 'Search index refresh failed 3 times', service: 'search', urgency: 'low' as const },
  {
    title: 'web-frontend: JS error rate doubled after deploy',
    service: 'web-frontend',
    urgency: 'high' as const,
  },
];

test('README screenshot of a shift', async ({ stack, app }) => {
  await app.setViewportSize({ width: 1280, height: 720 });
  for (const p of PAGES) stack.sim.createIncident({ title: p.title, service: p.service, urgency: p.urgency });
  await expect(row(app, PAGES[5]!.title)).toBeVisible({ timeout: 15_000 });
  await row(app, PAGES[2]!.title).getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(row(app, PAGES[2]!.title)).toHaveAttribute('data-status', 'acknowledged');
  await page_(stack, app, 'Disk 91% full on pg-main-2 (/var/lib/postgresql)');
  await app.keyboard.press('Home');
  await app.screenshot({ path: join(ARTIFACTS, 'readme-demo.png') });
});
