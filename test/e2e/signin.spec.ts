/**
 * First run and "Sign in with PagerDuty" in the window (the preview, which carries the same runtime
 * handlers as the desktop app): the welcome says what the app will do and offers sign-in or the
 * demo; Sign in -> the identity server's consent (another simulator, standing in for the user's
 * PagerDuty account) -> back in the app, that account's incidents load with no token typed, and no
 * answer to the window carries a token. A denied consent says so and keeps the demo.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS } from './support/fixtures.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { identityEndpoints } from '../../src-main/node/oauth/endpoints.js';
import { createHostSignIn } from '../../src-main/node/oauth/host.js';
import { startStack, type Stack } from './support/stack.js';

let account: Simulator;
let stack: Stack;
test.beforeEach(async () => {
  account = await startSimulator({ scenario: 'none' });
  stack = await startStack({
    signIn: createHostSignIn({
      // An extra account signs in at its own API's identity server (as the hosts do).
      endpoints: (target) => identityEndpoints({ apiUrl: target ? target.apiUrl : account.url }),
      clientId: () => 'e2e-window',
      logger: silentLogger,
      timeoutMs: 30_000,
    }),
  });
});
test.afterEach(async () => {
  await stack.close();
  await account.close();
});

function watchAnswers(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/'))
      void r.text().then(
        (t) => bodies.push(t),
        () => undefined,
      );
  });
  return bodies;
}

async function consentIn(page: Page, decision: 'Allow access' | 'Deny'): Promise<Page> {
  const link = page.getByRole('link', { name: 'Open the PagerDuty sign-in page' });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${account.url}/oauth/authorize\\?`));
  const tab = await page.context().newPage();
  await tab.goto(href!);
  await tab.getByRole('button', { name: decision }).click();
  return tab;
}

test('welcome -> Sign in with PagerDuty -> consent -> that account’s incidents load', async ({ page }) => {
  const answers = watchAnswers(page);
  account.createIncident({ title: 'Checkout errors on the signed-in account' });
  await page.goto(stack.url);
  const welcome = page.getByRole('region', { name: 'Welcome to On-Call Companion' });
  await expect(welcome).toBeVisible({ timeout: 15_000 });
  await expect(welcome).toContainText('polls every 5 seconds (about 12 requests a minute)');
  await expect(welcome.getByRole('button', { name: 'Try the demo' })).toBeVisible();
  await welcome.getByRole('button', { name: 'Sign in with PagerDuty' }).click();
  const tab = await consentIn(page, 'Allow access');
  await expect(tab.getByText('Signed in to PagerDuty. You can close this tab')).toBeVisible();
  await expect(
    page.getByRole('listitem', { name: 'Checkout errors on the signed-in account', exact: true }),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(welcome).toBeHidden();
  // The account's API saw the signed-in user's bearer token.
  expect(
    account
      .requests()
      .some((r) => r.path === '/incidents' && r.headers.authorization === 'Bearer [REDACTED]'),
  ).toBe(true);
  expect(answers.length).toBeGreaterThan(3);
  for (const body of answers) expect(body).not.toMatch(/pdsim\+|pdsimr\+|oauth:\{/);

  // The user's access is removed in PagerDuty: the next refresh is refused, and the window says so once.
  account.identity.revokeAll();
  const refusedBefore = account.identity.stats().refused;
  const banner = page.locator('[data-banner="signed-out"]');
  await expect(banner).toContainText('Signed out of companion-demo: sign in again', { timeout: 20_000 });
  await page.waitForTimeout(5_000); // a few more polls (every 2 s)
  expect(account.identity.stats().refused - refusedBefore).toBe(1);
  await expect(banner).toHaveCount(1);
});

test('Sign out asks first, then revokes the sign-in in PagerDuty and removes it', async ({ page }) => {
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Sign in with PagerDuty' }).first().click();
  const tab = await consentIn(page, 'Allow access');
  await expect(tab.getByText('Signed in to PagerDuty. You can close this tab')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'PagerDuty account' });
  await expect(card.locator('.token-state')).toContainText('Signed in with PagerDuty', { timeout: 10_000 });
  await card.getByRole('button', { name: 'Sign out…' }).click();
  // Nothing happens before the confirmation; "Keep it" keeps it.
  await card.getByRole('group', { name: 'Sign out?' }).getByRole('button', { name: 'Keep it' }).click();
  expect(account.identity.stats().revocations).toBe(0);
  expect((await stack.runtime.handlers.getSettings()).token.set).toBe(true);
  await card.getByRole('button', { name: 'Sign out…' }).click();
  await card.getByRole('button', { name: 'Yes, sign out' }).click();
  await expect(card.getByRole('status')).toContainText('the sign-in was revoked in PagerDuty and removed');
  expect(account.identity.stats().revocations).toBe(1);
  const view = await stack.runtime.handlers.getSettings();
  expect(view.token.set).toBe(false);
  await expect(card.locator('.token-state')).toContainText('No token saved');
});

test('a denied consent says so and keeps the demo', async ({ page }) => {
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Sign in with PagerDuty' }).click();
  const tab = await consentIn(page, 'Deny');
  await expect(tab.getByText(/access was denied in the browser/)).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'access was denied in the browser; nothing was stored' }),
  ).toBeVisible({
    timeout: 10_000,
  });
  const view = await stack.runtime.handlers.getSettings();
  expect(view.token.set).toBe(false);
  expect(view.settings.source.kind).toBe('demo');
});

test('an extra account signs in from its card: its pages load beside the first account’s', async ({
  page,
}) => {
  const platform = await startSimulator({ scenario: 'none' });
  try {
    const answers = watchAnswers(page);
    platform.createIncident({ title: 'Platform: disk full', urgency: 'high', assignee: 'me' });
    await page.goto(stack.url);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add account…' }).click();
    const form = page.getByRole('group', { name: 'Add an account' });
    await form.getByLabel('Account name').fill('platform');
    await form.getByLabel('API', { exact: true }).selectOption('custom');
    await form.getByLabel('API URL').fill(platform.url);
    await form.getByRole('button', { name: 'Add account' }).click();
    const card = page.locator('.account-card[data-account="platform"]');
    await expect(card).toContainText('no token');
    await card.getByRole('button', { name: 'Sign in to platform with PagerDuty' }).click();
    const link = card.getByRole('link', { name: 'Open the PagerDuty sign-in page' });
    const href = await link.getAttribute('href');
    // The consent is asked by the extra account's own identity server, not the first account's.
    expect(href).toMatch(new RegExp(`^${platform.url}/oauth/authorize\\?`));
    const tab = await page.context().newPage();
    await tab.goto(href!);
    await tab.getByRole('button', { name: 'Allow access' }).click();
    await expect(tab.getByText('Signed in to PagerDuty. You can close this tab')).toBeVisible();
    await expect(card.getByRole('status').filter({ hasText: /^Signed in to / })).toBeVisible({
      timeout: 10_000,
    });
    await expect(card).toContainText('signed in');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'account-signin-wide.png') });
    await page.setViewportSize({ width: 420, height: 800 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'account-signin-420.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Incidents/ })
      .click();
    const row = page.getByRole('listitem', { name: 'Platform: disk full', exact: true });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.locator('.account-badge')).toHaveText('platform');
    expect(
      platform
        .requests()
        .some((r) => r.path === '/incidents' && r.headers.authorization === 'Bearer [REDACTED]'),
    ).toBe(true);
    // The first account was not touched: still the demo, with no token.
    const view = await stack.runtime.handlers.getSettings();
    expect(view.token.set).toBe(false);
    expect(view.settings.source.kind).toBe('demo');
    expect(view.accountTokens[view.settings.accounts[0]!.id]).toMatchObject({ set: true });

    // Its access removed in PagerDuty: its own banner says so, once; the first account's is not shown.
    platform.identity.revokeAll();
    const banner = page.locator('[data-banner="account-stale"][data-account="platform"]');
    await expect(banner).toContainText(/Signed out of .*: sign in again/, { timeout: 20_000 });
    await expect(page.locator('[data-banner="signed-out"]')).toHaveCount(0);
    for (const body of answers) expect(body).not.toMatch(/pdsim\+|pdsimr\+|oauth:\{/);
  } finally {
    await platform.close();
  }
});
