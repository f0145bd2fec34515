/**
 * Two simulators as two accounts in one window (the browser preview): the second account is added
 * in Settings (name, custom API URL, token); pages from both appear with their account's name;
 * acknowledging one sends the PUT to its own server only; a fault on one makes only its rows and
 * its banner stale while the other keeps receiving pages; the account filter shows one account.
 */
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { ARTIFACTS, expect, page_, row, test } from './support/fixtures.js';

let second: Simulator;
test.beforeEach(async () => {
  second = await startSimulator({ scenario: 'none' });
});
test.afterEach(async () => {
  await second.close();
});

const puts = (sim: Simulator) =>
  sim.requests().filter((r) => r.method === 'PUT' && r.path.startsWith('/incidents'));

test('two simulators as two accounts: badges, routing, a fault on one only', async ({ stack, app }) => {
  // Name the first account, then add the second one pointing at the other simulator.
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await app.getByLabel('Account name', { exact: true }).first().fill('team');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await app.getByRole('button', { name: 'Add account…' }).click();
  const form = app.getByRole('group', { name: 'Add an account' });
  await form.getByLabel('Account name').fill('platform');
  await form.getByLabel('API', { exact: true }).selectOption('custom');
  await form.getByLabel('API URL').fill(second.url);
  await form.getByLabel('API token').fill('platform-token-123');
  await form.getByRole('button', { name: 'Add account' }).click();
  const card = app.locator('.account-card[data-account="platform"]');
  await expect(card).toContainText('token saved');
  await expect(card.locator('[data-budget="platform"]')).toContainText('of its 960 requests a minute');
  await card.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-settings-wide.png') });
  await app.setViewportSize({ width: 420, height: 800 });
  await card.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-settings-420.png') });
  await app.setViewportSize({ width: 1280, height: 800 });
  // The token is never sent back to the window.
  const view = await app.evaluate(() => document.body.innerText);
  expect(view).not.toContain('platform-token-123');

  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Incidents/ })
    .click();
  await page_(stack, app, 'Team: checkout 5xx');
  second.createIncident({ title: 'Platform: disk full', urgency: 'high', assignee: 'me' });
  const teamRow = row(app, 'Team: checkout 5xx');
  const platformRow = row(app, 'Platform: disk full');
  await expect(platformRow).toBeVisible({ timeout: 15_000 });
  await expect(teamRow.locator('.account-badge')).toHaveText('team');
  await expect(platformRow.locator('.account-badge')).toHaveText('platform');
  // Both simulators number their incidents alike: the rows are told apart by account, not id.
  const ids = await app
    .locator('[role="listitem"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-incident-id')));
  expect(ids.some((id) => id?.startsWith('platform~'))).toBe(true);

  await app.setViewportSize({ width: 1280, height: 800 });
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-wide.png') });
  await app.setViewportSize({ width: 420, height: 800 });
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-420.png') });
  await app.setViewportSize({ width: 1280, height: 800 });

  // Acknowledge the platform page: the PUT goes to its simulator only.
  const firstPutsBefore = puts(stack.sim).length;
  await platformRow.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect.poll(() => puts(second).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect
    .poll(() => second.record().incidents.find((i) => i.title === 'Platform: disk full')?.status, {
      timeout: 15_000,
    })
    .toBe('acknowledged');
  expect(puts(stack.sim).length).toBe(firstPutsBefore);
  expect(stack.simStatus('Team: checkout 5xx')).toBe('triggered');

  // The filter shows one account.
  await app.getByLabel('Account', { exact: true }).selectOption({ label: 'platform' });
  await expect(teamRow).toHaveCount(0);
  await expect(platformRow).toBeVisible();
  await app.getByLabel('Account', { exact: true }).selectOption({ label: 'All accounts' });
  await expect(teamRow).toBeVisible();

  // A fault on the platform simulator: only its rows and its banner go stale.
  second.setFault({ mode: 'error', status: 503 });
  const banner = app.locator('[data-banner="account-stale"][data-account="platform"]');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(platformRow).toHaveAttribute('data-stale', 'true');
  await expect(teamRow).not.toHaveAttribute('data-stale', 'true');
  await expect(app.locator('[data-banner="stale"]')).toHaveCount(0);
  // The first account keeps receiving pages.
  await page_(stack, app, 'Team: queue backlog');
  await expect(row(app, 'Team: queue backlog')).not.toHaveAttribute('data-stale', 'true');
  await expect(app.getByText(/Live · synced/)).toBeVisible();
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-stale-wide.png') });
  await app.setViewportSize({ width: 420, height: 800 });
  await app.screenshot({ path: join(ARTIFACTS, 'accounts-stale-420.png') });
  await app.setViewportSize({ width: 1280, height: 800 });

  // Back up: its rows are live again.
  second.setFault({ mode: 'none' });
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(platformRow).not.toHaveAttribute('data-stale', 'true');

  // Removing asks first; then its rows leave the list.
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await card.getByRole('button', { name: 'Remove…' }).click();
  await expect(card).toContainText('Remove “platform”?');
  await card.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(card).toHaveCount(0);
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Incidents/ })
    .click();
  await expect(platformRow).toHaveCount(0, { timeout: 10_000 });
  await expect(teamRow.locator('.account-badge')).toHaveCount(0);
});
