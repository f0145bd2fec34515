/**
 * The Load view and the handoff report against the real core, simulator and history: after a shift
 * of pages (acknowledged by me with a click and a key, by a teammate through the simulator, one
 * resolved) the numbers shown match what the test did, the plots render, and the copied Markdown
 * report names the incidents with their numbers. Screenshots in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, expect, expectSimStatus, page_, row, test } from './support/fixtures.js';
import { TEAMMATE, teammateSets } from './support/teammate.js';
import { SIM_ME } from '../../src-main/core/simulator/index.js';
import { startStack } from './support/stack.js';

const PAGES = [
  {
    key: 'clicked',
    title: 'Checkout API 5xx rate above 5 percent',
    service: 'checkout-api',
    urgency: 'high',
  },
  { key: 'keyed', title: 'Search cluster status red', service: 'search', urgency: 'high' },
  {
    key: 'teammate',
    title: 'Payments worker provider timeouts rising',
    service: 'payments-worker',
    urgency: 'high',
  },
  { key: 'open', title: 'Auth gateway p99 latency above 800 ms', service: 'auth-gateway', urgency: 'low' },
] as const;

function tile(page: Page, label: string): Locator {
  return page
    .locator('.load-tile')
    .filter({ has: page.locator('.load-tile-label', { hasText: new RegExp(`^${label}$`) }) });
}

test('the Load view shows this shift’s numbers and the report copies them', async ({ stack, app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(stack.url).origin,
  });
  for (const p of PAGES) {
    stack.sim.createIncident({ title: p.title, service: p.service, urgency: p.urgency, assignee: 'me' });
  }
  for (const p of PAGES) await expect(row(app, p.title)).toBeVisible({ timeout: 15_000 });

  // Me, with a click; me, with the `a` key; then the first one resolved.
  const clicked = row(app, PAGES[0].title);
  await clicked.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expectSimStatus(stack, PAGES[0].title, 'acknowledged');
  await row(app, PAGES[1].title).click();
  await app.keyboard.press('a');
  await expectSimStatus(stack, PAGES[1].title, 'acknowledged');
  // A teammate, through the PagerDuty API of the simulator; the app learns it by polling.
  await teammateSets(stack, PAGES[2].title, 'acknowledged');
  await expect(row(app, PAGES[2].title)).toHaveAttribute('data-status', 'acknowledged', { timeout: 15_000 });
  await clicked.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expectSimStatus(stack, PAGES[0].title, 'resolved');

  // The test's own count, from the simulator's record: 4 pages, 3 acknowledged, 2 of them by me.
  const rec = stack.sim.record().incidents.filter((i) => PAGES.some((p) => p.title === i.title));
  expect(rec).toHaveLength(4);
  const acked = rec.filter((i) => i.ackedBy !== null);
  const mine = acked.filter((i) => i.ackedBy === SIM_ME.id);
  expect([acked.length, mine.length]).toEqual([3, 2]);
  const share = `${Math.round((mine.length / acked.length) * 100)}%`;

  await app.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Load', level: 2 })).toBeVisible();
  await expect(tile(app, 'Pages').locator('.load-tile-value')).toHaveText(String(rec.length), {
    timeout: 15_000,
  });
  await expect(tile(app, 'Pages')).toContainText('3 high urgency');
  await expect(tile(app, 'Acknowledged by me').locator('.load-tile-value')).toHaveText(share, {
    timeout: 15_000,
  });
  await expect(tile(app, 'Time to acknowledge').locator('.load-tile-value')).toHaveText(/^\d+s$|^\d+m/);
  await expect(tile(app, 'Time to resolve').locator('.load-tile-value')).toHaveText(/^\d+s$|^\d+m/);

  // The heat map holds exactly these pages; the ack-time chart and the service bars render.
  const heat = app.getByRole('table', { name: 'Pages by hour of day and day of week' });
  await expect(heat).toBeVisible();
  const cells = await heat.locator('td .heat-n').allTextContents();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(4);
  const trend = app.getByRole('img', { name: /Median time to acknowledge per day/ });
  await expect(trend).toBeVisible();
  // uPlot draws it on a canvas: count its painted pixels; its text equivalent is the days' table.
  const painted = await trend.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(200);
  const days = app.locator('.trend .chart-data');
  await days.locator('summary').click();
  await expect(days.locator('tbody tr')).not.toHaveCount(0);
  const bars = app.locator('.service-bars li');
  await expect(bars).toHaveCount(4);
  for (const p of PAGES) await expect(app.locator('.service-bars')).toContainText(p.service);

  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    'axe on the Load view with data',
  ).toEqual([]);
  await app.screenshot({ path: join(ARTIFACTS, 'load-light.png'), fullPage: true });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: join(ARTIFACTS, 'load-dark.png'), fullPage: true });
  await app.emulateMedia({ colorScheme: 'light' });

  // The handoff report, as Markdown on the clipboard (and shown folded under the button).
  await app.getByRole('button', { name: 'Copy handoff report' }).click();
  await expect(
    app.getByRole('status').filter({ hasText: 'Handoff report copied as Markdown.' }),
  ).toBeVisible();
  const md = await app.evaluate(() => navigator.clipboard.readText());
  await app.getByText('Show the copied report').click();
  await expect(app.getByLabel('Copied handoff report (Markdown)')).toHaveText(md);

  expect(md).toMatch(/^## Handoff report: Current shift/);
  for (const p of PAGES) {
    const number = rec.find((i) => i.title === p.title)!.number;
    expect(md).toContain(`#${number} ${p.title}`);
  }
  expect(md).toContain('### Open incidents (3)');
  expect(md).toContain('### What happened (4 pages)');
  expect(md).toContain('- Pages: 4');
  expect(md).toContain('high urgency: 3');
  expect(md).toContain(`- Acknowledged by me: ${share}`);
  expect(md).toContain(`by ${TEAMMATE.name}`);
  expect(md).toMatch(
    /Checkout API 5xx rate above 5 percent · checkout-api \(high[^)]*\) · acked in \S+( \S+)? by me, resolved after/,
  );
  expect(md).toMatch(
    /Auth gateway p99 latency above 800 ms · auth-gateway \(low[^)]*\) · not acknowledged, still open/,
  );
});

test('without pages the Load view says so instead of failing', async ({ app }) => {
  await app.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(tile(app, 'Pages').locator('.load-tile-value')).toHaveText('0');
  await expect(tile(app, 'Acknowledged by me').locator('.load-tile-value')).toHaveText('–');
  await expect(app.getByText('No pages in this range.')).toBeVisible();
  await expect(app.locator('.load-error, .load-note')).toHaveCount(0);
});

test('a page appears in the list while the Load view is open in another tab of the app', async ({
  stack,
  app,
}) => {
  await app.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(tile(app, 'Pages').locator('.load-tile-value')).toHaveText('0');
  stack.sim.createIncident({ title: 'Kafka consumer lag above 1M on orders', service: 'data-pipeline' });
  // The Load view refreshes shortly after the page arrives.
  await expect(tile(app, 'Pages').locator('.load-tile-value')).toHaveText('1', { timeout: 15_000 });
  await app.getByRole('button', { name: /^Incidents/ }).click();
  await expect(row(app, 'Kafka consumer lag above 1M on orders')).toBeVisible();
  await page_(stack, app, 'Disk 91 percent full on pg-main-2');
});

test('a preview without a shift history says so in a plain note, not an error', async ({ page }) => {
  const stack = await startStack({ withHistory: false });
  try {
    await page.goto(stack.url);
    await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(page.locator('.load-note')).toHaveText('This preview keeps no shift history.');
    await expect(page.locator('.load-error')).toHaveCount(0);
    await expect(page.locator('[role="alert"]').filter({ hasText: 'history' })).toHaveCount(0);
    // The incident detail's checklist says the same quietly, and the list works as ever.
    stack.sim.createIncident({ title: 'Checkout API 5xx without history' });
    await page.getByRole('button', { name: /^Incidents/ }).click();
    await row(page, 'Checkout API 5xx without history').click();
    await page.keyboard.press('Enter');
    const checklist = page.getByRole('region', { name: 'Runbook checklist' });
    await expect(checklist).toContainText('This preview keeps no shift history.');
    await expect(checklist.getByRole('alert')).toHaveCount(0);
  } finally {
    await stack.close();
  }
});
