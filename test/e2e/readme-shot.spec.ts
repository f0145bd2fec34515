/**
 * The README screenshot: the preview on the simulator's `demo` scenario at real speed, which opens
 * hours into an 8-hour shift with its backlog (mine acknowledged earlier, one a teammate stepped in
 * on, a teammate's own page still triggered), seen as a team (both simulated teams). The shot is
 * taken once the first new page has arrived (within 20 s), so a fresh triggered page sits on top of
 * pages from seconds to hours old, and the header reads like a shift 45 minutes from its handoff.
 * Saved as test/artifacts/readme-demo.png (the README's picture, assets/readme/screenshot.png, is
 * copied from it by hand after a look).
 */
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack.js';
import { ARTIFACTS, expect, test } from './support/fixtures.js';

const SEED = 8;

let stack: Stack | null = null;
test.afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('README screenshot of a demo shift', async ({ page }) => {
  test.setTimeout(60_000);
  const startedAt = Date.now();
  stack = await startStack({ scenario: 'demo', speed: 1, seed: SEED, pollIntervalSeconds: 2 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(stack.url);
  await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });

  // A team view: my pages and my teams' (so teammates' pages and acknowledgements show).
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Include my teams’ incidents').check();
  const teams = page.getByRole('combobox', { name: 'Only these teams' });
  for (const name of ['Platform', 'Data']) {
    await teams.fill(name);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('list', { name: 'Chosen teams' }).getByRole('listitem')).toHaveText([
    /PTE0001/,
    /PTE0002/,
  ]);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^Incidents/ }).click();

  // The backlog: pages from earlier in the shift, on several services, hours to minutes old.
  const backlog = stack.sim.record().incidents;
  const open = backlog.filter((i) => i.status !== 'resolved');
  expect(open.length, 'open backlog pages').toBeGreaterThanOrEqual(5);
  expect(new Set(open.map((i) => i.service)).size, 'services').toBeGreaterThanOrEqual(4);
  const oldest = Math.min(...open.map((i) => Date.parse(i.createdAt)));
  expect(startedAt - oldest, 'oldest open page').toBeGreaterThan(3_600_000);

  // The first new page of the demo arrives within 20 s and shows on top, triggered.
  const rows = page.locator('[role="listitem"]');
  await expect
    .poll(() => stack!.sim.record().incidents.length, { timeout: 25_000 })
    .toBeGreaterThan(backlog.length);
  const fresh = stack.sim.record().incidents.at(-1)!;
  expect(Date.parse(fresh.createdAt)).toBeGreaterThanOrEqual(startedAt);
  await expect(rows.first()).toContainText(fresh.title, { timeout: 10_000 });
  await expect(rows.first()).toHaveAttribute('data-status', 'triggered');

  // A teammate's acknowledgement and a teammate's own page are in view; the header has the shift.
  await expect(rows.filter({ hasText: 'Priya Natarajan' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Sam Okafor' }).first()).toBeVisible();
  await expect(page.getByText(/\(4\d:\d\d left\)/)).toBeVisible();
  await expect(rows).toHaveCount(open.length + 1);

  // A few seconds on, so the fresh page reads "just now" rather than 0 s; select it, as on arrival.
  await page.waitForTimeout(4000);
  await rows.first().locator('.row-title').click();
  await expect(rows.first()).toHaveAttribute('aria-current', 'true');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(ARTIFACTS, 'readme-demo.png') });
});
