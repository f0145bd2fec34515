/**
 * First run and "Sign in with PagerDuty" in the window (the preview, which carries the same runtime
 * handlers as the desktop app): the welcome says what the app will do and offers sign-in or the
 * demo; Sign in -> the identity server's consent (another simulator, standing in for the user's
 * PagerDuty account) -> back in the app, that account's incidents load with no token typed, and no
 * answer to the window carries a token. A denied consent says so and keeps the demo.
 */
import { expect, test, type Page } from '@playwright/test';
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
      endpoints: () => identityEndpoints({ apiUrl: account.url }),
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
