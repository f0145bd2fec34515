/**
 * Working an incident from the detail view against the real core and simulator, from the keyboard:
 * reassign by typing part of a name, escalate to level 2, add a responder with a message, set the
 * priority, post a status update, join the bridge (the preview's link handler receives the https
 * URL), merge with a confirmation naming both; each shows at once and the simulator agrees. Hostile
 * alert details render as text, fold, and keep the window working.
 */
import { SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import { expect, page_, row, test } from './support/fixtures.js';
import type { Stack } from './support/stack.js';
import type { Page } from '@playwright/test';

const [, priya, sam] = SIM_TEAMMATES;
const rec = (stack: Stack, title: string) => stack.sim.record().incidents.find((i) => i.title === title)!;

async function openDetail(stack: Stack, app: Page, title: string, urgency: 'high' | 'low' = 'high') {
  const r = await page_(stack, app, title, { urgency });
  await r.click();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(app.getByRole('heading', { name: /^Alerts \(1\)/ })).toBeVisible({ timeout: 10_000 });
}

test('t reassigns to a teammate found by typing part of the name', async ({ stack, app }) => {
  await openDetail(stack, app, 'Reassign: checkout 5xx');
  await app.keyboard.press('t');
  const box = app.getByRole('dialog').getByLabel('Reassign to');
  await expect(box).toBeFocused();
  await box.pressSequentially('pri');
  await expect(app.getByRole('dialog').getByRole('button', { name: /Priya Natarajan/ })).toBeVisible();
  await box.press('Enter');
  await expect(app.locator('.facts')).toContainText('Priya Natarajan', { timeout: 2000 });
  await expect
    .poll(() => rec(stack, 'Reassign: checkout 5xx').assignees, { timeout: 15_000 })
    .toEqual([priya!.id]);
});

test('e then 2 escalates to level 2, showing who is at each level', async ({ stack, app }) => {
  await openDetail(stack, app, 'Escalate: search RED');
  await app.keyboard.press('e');
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: /Level 1: Platform Primary \(schedule\)/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Level 2: Priya Natarajan \(user\)/ })).toBeVisible();
  await app.keyboard.press('2');
  await expect(app.locator('.facts')).toContainText('level 2', { timeout: 2000 });
  await expect
    .poll(() => rec(stack, 'Escalate: search RED'), { timeout: 15_000 })
    .toMatchObject({ escalationLevel: 2, assignees: [priya!.id] });
});

test('h adds a responder with a message', async ({ stack, app }) => {
  await openDetail(stack, app, 'Responders: payments slow');
  await app.keyboard.press('h');
  const find = app.getByRole('dialog').getByLabel('Find a responder');
  await find.pressSequentially('sam');
  await expect(app.getByRole('dialog').getByRole('button', { name: /Sam Okafor/ })).toBeVisible();
  await find.press('Enter');
  await expect(app.getByRole('dialog')).toContainText('Asking: Sam Okafor');
  const msg = app.getByRole('dialog').getByLabel('Responder message');
  await msg.focus();
  await msg.pressSequentially('Join the bridge please');
  await msg.press('Control+Enter');
  await expect(app.getByRole('list', { name: 'Responder requests' })).toContainText(
    'Join the bridge please',
    {
      timeout: 15_000,
    },
  );
  expect(rec(stack, 'Responders: payments slow').responderRequests).toEqual([
    expect.objectContaining({ message: 'Join the bridge please', targets: [sam!.id] }),
  ]);
});

test('p then 3 sets the priority (shown in the detail and the list); the urgency too', async ({
  stack,
  app,
}) => {
  await openDetail(stack, app, 'Priority: auth errors');
  await app.keyboard.press('p');
  await expect(app.getByRole('dialog').getByRole('button', { name: 'P1', exact: true })).toBeFocused();
  await app.keyboard.press('3');
  await expect(app.locator('.facts')).toContainText('P3', { timeout: 2000 });
  await expect.poll(() => rec(stack, 'Priority: auth errors').priority, { timeout: 15_000 }).toBe('P3');
  await app.keyboard.press('p');
  await app.getByRole('dialog').getByRole('button', { name: 'Low urgency' }).click();
  await expect.poll(() => rec(stack, 'Priority: auth errors').urgency, { timeout: 15_000 }).toBe('low');
  await app.keyboard.press('Escape');
  await expect(
    app.getByRole('listitem', { name: 'Priority: auth errors', exact: true }).locator('.meta-priority'),
  ).toHaveText('P3');
});

test('w posts a status update', async ({ stack, app }) => {
  await openDetail(stack, app, 'Status: CDN errors');
  await app.keyboard.press('w');
  const box = app.getByRole('dialog').getByLabel('Status update');
  await expect(box).toBeFocused();
  await box.pressSequentially('Rolled back; error rate falling');
  await box.press('Control+Enter');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect
    .poll(() => rec(stack, 'Status: CDN errors').statusUpdates.map((u) => u.message), { timeout: 15_000 })
    .toEqual(['Rolled back; error rate falling']);
  // It is in the incident's timeline, with its message.
  await expect(app.locator('.timeline [data-status-update]')).toHaveText('Rolled back; error rate falling', {
    timeout: 15_000,
  });
});

test('the impacted service and related changes show; a change link opens only on a click, https only', async ({
  stack,
  app,
}) => {
  const title = 'Changes: checkout deploy';
  stack.sim.createIncident({
    title,
    urgency: 'high',
    changeEvents: [
      {
        summary: '<img src=x onerror="window.__pwned=1"> Deploy checkout-api v2.14.1',
        source: 'ci.example.org',
        links: [
          { href: 'javascript:window.__pwned=1', text: 'evil' },
          { href: 'http://plain.example.org/build/7', text: 'plain' },
          { href: 'https://ci.example.org/build/7', text: 'Build log' },
        ],
        minutesBefore: 8,
      },
    ],
  });
  const r = row(app, title);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await r.click();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(app.locator('[data-impacted-services]')).toContainText('checkout-api');
  const changes = app.locator('[data-change-events]');
  await expect(changes.getByRole('heading', { name: 'Related changes (1)' })).toBeVisible({
    timeout: 10_000,
  });
  await expect(changes).toContainText('<img src=x onerror="window.__pwned=1"> Deploy checkout-api v2.14.1');
  await expect(changes.locator('img')).toHaveCount(0);
  await expect(changes.getByRole('button')).toHaveText(['Build log']);
  expect(await app.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await changes.getByRole('button', { name: 'Build log' }).click();
  await expect(app.locator('.toast')).toContainText('https://ci.example.org/build/7', { timeout: 5000 });
});

test('no related changes section when the account has no change correlation (404)', async ({
  stack,
  app,
}) => {
  stack.sim.setPlan({ changeEvents: false });
  try {
    await openDetail(stack, app, 'Changes: none here');
    await expect(app.locator('[data-impacted-services]')).toContainText('checkout-api');
    await expect(app.locator('[data-change-events]')).toHaveCount(0);
  } finally {
    stack.sim.setPlan({ changeEvents: true });
  }
});

test('b joins the bridge: the link handler receives its https URL', async ({ stack, app }) => {
  await openDetail(stack, app, 'Bridge: checkout down');
  const url = rec(stack, 'Bridge: checkout down').conferenceBridge!.url;
  expect(url).toMatch(/^https:\/\//);
  await expect(app.getByRole('button', { name: /Join/ })).toBeVisible();
  await expect(app.locator('.bridge code')).toHaveText(
    rec(stack, 'Bridge: checkout down').conferenceBridge!.number,
  );
  await app.keyboard.press('b');
  // The preview opens nothing itself: its link handler answers with the URL it was given.
  await expect(app.locator('.toast')).toContainText(url, { timeout: 5000 });
});

test('m, Enter, Enter merges another incident into this one after a confirmation naming both', async ({
  stack,
  app,
}) => {
  await page_(stack, app, 'Merge: source page', { urgency: 'low' });
  await openDetail(stack, app, 'Merge: target page');
  await app.keyboard.press('m');
  await expect(app.getByRole('dialog').getByRole('button', { name: /Merge: source page/ })).toBeFocused();
  await app.keyboard.press('Enter');
  const confirm = app.getByRole('dialog');
  await expect(confirm).toContainText('“Merge: source page” into');
  await expect(confirm).toContainText('“Merge: target page”');
  await expect(confirm.getByRole('button', { name: /^Merge #\d+ into #\d+$/ })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect
    .poll(() => rec(stack, 'Merge: source page'), { timeout: 15_000 })
    .toMatchObject({ status: 'resolved', mergedInto: rec(stack, 'Merge: target page').id });
  await expect(app.getByRole('listitem', { name: 'Merge: source page', exact: true })).toHaveCount(0, {
    timeout: 15_000,
  });
});

test('hostile alert details render as text, fold, and keep the window working', async ({
  stack,
  app,
  pageErrors,
}) => {
  let deep: Record<string, unknown> = { bottom: 'reached' };
  for (let i = 0; i < 300; i += 1) deep = { level: deep };
  stack.sim.createIncident({
    title: 'Hostile details',
    details: {
      html: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
      link: 'javascript:window.__pwned=3',
      graph: 'https://grafana.example.net/d/abc',
      big: 'x'.repeat(1_000_000),
      deep,
    },
  });
  const r = app.getByRole('listitem', { name: 'Hostile details', exact: true });
  await expect(r).toBeVisible({ timeout: 15_000 });
  await r.click();
  await app.keyboard.press('Enter');
  const alert = app.locator('article.alert');
  await expect(alert).toBeVisible({ timeout: 10_000 });
  await expect(alert.locator('.kv-row', { hasText: 'html' })).toContainText('<img src=x onerror=');
  await expect(app.locator('article.alert img, article.alert script')).toHaveCount(0);
  // Links: only the https one is offered, as a button; javascript: stays text.
  await expect(alert.locator('.alert-links button')).toHaveText(['https://grafana.example.net/d/abc']);
  await expect(alert.locator('a')).toHaveCount(0);
  // The 1 MB value is cut until asked for; the deep value is folded.
  await expect(alert.getByRole('button', { name: 'Show all (1,000,000 characters)' })).toBeVisible();
  await expect(alert.locator('details.kv-branch[open]')).toHaveCount(0);
  await alert.locator('details.kv-branch > summary').first().click();
  await expect(alert.locator('details.kv-branch[open]')).toHaveCount(1);
  await alert.getByRole('button', { name: 'Show all (1,000,000 characters)' }).click();
  await expect(alert.getByRole('button', { name: 'Show less' })).toBeVisible();
  await alert.locator('details.raw-json > summary').click();
  await expect(alert.locator('details.raw-json pre')).toContainText(
    '"graph": "https://grafana.example.net/d/abc"',
  );
  // Still working: the keyboard goes back to the list.
  await app.keyboard.press('Escape');
  await app.keyboard.press('Escape');
  await expect(app.getByRole('list', { name: 'Open incidents' })).toBeVisible();
  expect(await app.evaluate('typeof window.__pwned')).toBe('undefined');
  expect(pageErrors).toEqual([]);
});
