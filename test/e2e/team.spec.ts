/**
 * The Team view on the demo account (the simulator's seeded team history): the plots render with
 * data (canvases drawn, legends with the services), the budget line shows, a service over budget is
 * marked, and the numbers shown for the last week match the simulator's own seeded history counted
 * here. Every chart has its numbers as a table. A budget saved in Settings moves the budget line and
 * the rating; a bad one is refused under the field, naming the line. Screenshots at full width and at
 * side-panel width (420 px) go to test/artifacts.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
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

  // Each chart's text equivalent: the stacked bars' table adds up per week, the budget in its column.
  const table = view.locator('.team-chart + .chart-data').nth(2);
  await table.locator('summary').click();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    );
  expect(rows).toHaveLength(8);
  for (const r of rows) {
    const nums = r.slice(1).map(Number);
    const budget = nums.pop();
    const total = nums.pop();
    expect(budget).toBe(10);
    expect(nums.reduce((a, b) => a + b, 0)).toBe(total);
  }
  expect(rows.some((r) => r.slice(1, -2).some((n) => Number(n) > 10))).toBe(true);
  // axe with a chart's table open: no serious or critical violation.
  const axe = await new AxeBuilder({ page: app }).include('.team-view').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    'axe on the Team view',
  ).toEqual([]);
  await table.locator('summary').click();

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
  // The charts and their tables fit the side panel: nothing wider than the window.
  const stack = view.locator('.team-chart').nth(2);
  await stack.scrollIntoViewIfNeeded();
  await view.locator('.team-chart + .chart-data').nth(2).locator('summary').click();
  for (const el of await view.locator('.team-chart, .chart-data').all()) {
    const box = await el.boundingBox();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(420);
  }
  await app.screenshot({ path: join(ARTIFACTS, 'team-420-charts.png') });
  await view.locator('.team-services').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'team-420-lower.png') });
  expect(pageErrors).toEqual([]);
});

test('the budget in Settings: a bad one is refused under the field, a saved one moves the budget line', async ({
  app,
  pageErrors,
}) => {
  await app.keyboard.press('3');
  const field = app.getByLabel('Load levels the team agreed (YAML or JSON)');
  await field.fill('limits:\n  pagesPerServicePerWeek: 4\n  pagesPerWeek: 3\n');
  await app.getByRole('button', { name: 'Save settings' }).click();
  const card = app.locator('section', { has: app.getByRole('heading', { name: 'Team budget' }) });
  await expect(card.locator('.field-error')).toContainText(
    'Team budget line 3: unknown limit "pagesPerWeek" (use sleepInterruptionsPerPersonWeek',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('limits:\n  pagesPerServicePerWeek: -2\n');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(card.locator('.field-error')).toContainText(
    'Team budget line 2: limits.pagesPerServicePerWeek must be 0 or more',
  );
  await app.screenshot({ path: join(ARTIFACTS, 'team-budget-error.png') });

  // A budget high enough that nothing is over: saved, and the Team view's line and rating follow.
  await field.fill('limits:\n  pagesPerServicePerWeek: 500\n  mttaP90Minutes: 90\n');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();
  await expect(card.locator('.field-error')).toHaveCount(0);
  await app.getByRole('button', { name: 'Team', exact: true }).click();
  const view = app.locator('.team-view');
  await expect(view.locator('.team-chart canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(view.locator('.team-services li.over-budget')).toHaveCount(0);
  await expect(view.locator('.team-rating')).toContainText('within budget');
  await expect(view.locator('.team-chart[aria-label="MTTA p90 per week, budget 90"]')).toBeVisible();
  const table = view.locator('.team-chart + .chart-data').nth(2);
  await table.locator('summary').click();
  const budgets = await table.locator('tbody tr td:last-child').allTextContents();
  expect(new Set(budgets)).toEqual(new Set(['500']));
  // Sleep-hour interruptions have no limit now: that chart has no budget series.
  await expect(view.locator('.u-legend').nth(0)).not.toContainText('Budget');
  await app.screenshot({ path: join(ARTIFACTS, 'team-budget-saved.png'), fullPage: true });

  // A team with no pages in the range says so; going back to Payments shows its weeks again.
  const pick = app.getByLabel('Team', { exact: true });
  const other = await pick
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v && v !== 'PTE0009'));
  await pick.selectOption(other!);
  await expect(view.locator('.team-message')).toContainText(
    /^No pages for .+ from \d{4}-W\d\d to \d{4}-W\d\d\.$/,
  );
  await view.locator('.team-message').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'team-no-data.png') });
  await pick.selectOption('PTE0009');
  await expect(view.locator('.team-message')).toHaveCount(0);
  await expect(view.locator('.team-services li')).not.toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
