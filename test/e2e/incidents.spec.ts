/**
 * The incident list against the real core and simulator: a page appears; one click or one key
 * acknowledges it in the simulator; Acknowledge all mine; resolve; snooze; rollback on failure.
 */
import { expect, expectSimStatus, page_, row, test } from './support/fixtures.js';

test('a page created in the simulator appears in the list', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Checkout API 5xx above 5%');
  await expect(r).toContainText('High');
  await expect(r).toContainText('Triggered');
  await expect(r).toContainText('checkout-api');
  await expect(r.getByRole('button', { name: 'Acknowledge', exact: true })).toBeVisible();
});

test('one click acknowledges it and the simulator says acknowledged', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Disk full on pg-main-2');
  await r.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  // Optimistic: the row changes before the next poll.
  await expect(r).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await expectSimStatus(stack, 'Disk full on pg-main-2', 'acknowledged');
  await expect(r).toContainText('Acknowledged');
});

test('the a key acknowledges the selected incident', async ({ stack, app }) => {
  await page_(stack, app, 'Queue backlog over 10k');
  const r = row(app, 'Queue backlog over 10k');
  await r.click();
  await app.keyboard.press('a');
  await expect(r).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await expectSimStatus(stack, 'Queue backlog over 10k', 'acknowledged');
});

test('j/k move the selection and Enter opens, Esc goes back', async ({ stack, app }) => {
  await page_(stack, app, 'First page');
  await page_(stack, app, 'Second page');
  await app.keyboard.press('Home');
  const first = await app.locator('[aria-current="true"][role="listitem"]').getAttribute('aria-labelledby');
  await app.keyboard.press('j');
  const second = await app.locator('[aria-current="true"][role="listitem"]').getAttribute('aria-labelledby');
  expect(second).not.toBe(first);
  await app.keyboard.press('k');
  await expect(app.locator('[aria-current="true"][role="listitem"]')).toHaveAttribute(
    'aria-labelledby',
    first!,
  );
  await expect(app.locator('[role="listitem"]:focus')).toHaveCount(1);
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('list', { name: 'Open incidents' })).toBeVisible();
});

test('Acknowledge all mine acknowledges my triggered pages and only mine', async ({ stack, app }) => {
  await page_(stack, app, 'Mine one');
  await page_(stack, app, 'Mine two', { urgency: 'low' });
  await app.getByRole('button', { name: /Acknowledge all mine/ }).click();
  await expect(row(app, 'Mine one')).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await expect(row(app, 'Mine two')).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await expectSimStatus(stack, 'Mine one', 'acknowledged');
  await expectSimStatus(stack, 'Mine two', 'acknowledged');
});

test('Shift+A acknowledges all mine', async ({ stack, app }) => {
  await page_(stack, app, 'Shift A one');
  await page_(stack, app, 'Shift A two');
  await app.keyboard.press('Shift+A');
  await expectSimStatus(stack, 'Shift A one', 'acknowledged');
  await expectSimStatus(stack, 'Shift A two', 'acknowledged');
});

test('resolve removes the row and resolves it in the simulator', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Cert expires in 6 days');
  await r.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(r).toHaveCount(0, { timeout: 1000 });
  await expectSimStatus(stack, 'Cert expires in 6 days', 'resolved');
  // It stays gone after the next polls.
  await app.waitForTimeout(2500);
  await expect(row(app, 'Cert expires in 6 days')).toHaveCount(0);
});

test('snooze with a duration from the menu, and with the s key', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Search latency p99 above 2s');
  await r.getByRole('button', { name: 'Snooze', exact: true }).click();
  const menu = app.getByRole('menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: /1 hour/ }).click();
  await expect(r).toContainText('Snoozed until');
  await expect
    .poll(
      () =>
        stack.sim
          .record()
          .incidents.find((i) => i.title === 'Search latency p99 above 2s')
          ?.history.some((h) => h.type.includes('snooze')),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);

  const r2 = await page_(stack, app, 'Auth gateway errors');
  await r2.click();
  await app.keyboard.press('s');
  await expect(app.getByRole('menu')).toBeVisible();
  await app.keyboard.press('1');
  await expect(r2).toContainText('Snoozed until');
  await expect
    .poll(
      () =>
        stack.sim
          .record()
          .incidents.find((i) => i.title === 'Auth gateway errors')
          ?.history.some((h) => h.type.includes('snooze')),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);
});

test('a failed acknowledge rolls back with a visible error', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Will fail to ack');
  // Record every status the row shows: the optimistic one may last only a few milliseconds here.
  await app.evaluate(`(() => {
    window.__seen = [];
    const el = document.querySelector('[role="listitem"][data-status]');
    new MutationObserver(() => window.__seen.push(el.dataset.status)).observe(el, { attributes: true });
  })()`);
  stack.sim.setFault({ mode: 'error', status: 403 });
  await r.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  const toast = app.locator('.toast-error');
  await expect(toast).toContainText('Could not acknowledge', { timeout: 15_000 });
  await expect(toast).toContainText('Will fail to ack');
  await expect(r).toHaveAttribute('data-status', 'triggered');
  expect(await app.evaluate('window.__seen')).toContain('acknowledged');
  stack.sim.setFault({ mode: 'none' });
  expect(stack.simStatus('Will fail to ack')).toBe('triggered');
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
});

test('the detail shows details and the timeline, and a note can be added', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Refund job failed 3 times');
  await r.click();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: 'Refund job failed 3 times' })).toBeVisible();
  await expect(app.locator('.details-text')).toContainText('runbook');
  await expect(app.locator('.timeline li').first()).toBeVisible();
  await app.getByLabel('Add a note').fill('Restarted the refund worker; watching the queue.');
  await app.getByRole('button', { name: 'Add note' }).click();
  await expect(app.locator('.note:not(.note-sending) .note-text')).toHaveText(
    'Restarted the refund worker; watching the queue.',
    { timeout: 15_000 },
  );
  await expect
    .poll(() =>
      stack.sim
        .record()
        .incidents.find((i) => i.title === 'Refund job failed 3 times')
        ?.history.map((h) => h.type),
    )
    .toContain('annotate');
});

test('/ focuses the filter, which narrows the list; Esc clears it', async ({ stack, app }) => {
  await page_(stack, app, 'Kafka consumer lag above 1M');
  await page_(stack, app, 'Search index refresh failed');
  await app.keyboard.press('/');
  await expect(app.getByLabel('Filter incidents')).toBeFocused();
  await app.keyboard.type('kafka');
  await expect(app.getByRole('listitem')).toHaveCount(1);
  await expect(row(app, 'Kafka consumer lag above 1M')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('listitem')).toHaveCount(2);
});

test('on an untouched list the newest page is selected; after `a` the selection stays on the page acted on', async ({
  stack,
  app,
}) => {
  const older = await page_(stack, app, 'Older page');
  await expect(older).toHaveAttribute('aria-current', 'true');
  await app.keyboard.press('a'); // acknowledges the selected top row: "Older page"
  await expectSimStatus(stack, 'Older page', 'acknowledged');
  const fresh = await page_(stack, app, 'Page that just arrived');
  // The new page goes on top, but the selection never jumps to a page the user has not chosen.
  await expect(older).toHaveAttribute('aria-current', 'true');
  await expect(fresh).not.toHaveAttribute('aria-current', 'true');
  await app.keyboard.press('a');
  await expect(app.getByText('“Older page” is already acknowledged.')).toBeVisible();
  expect(stack.simStatus('Page that just arrived')).toBe('triggered');
});

test('`a` on an already acknowledged row says so instead of doing nothing', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Acked already');
  await r.click();
  await app.keyboard.press('a');
  await expect(r).toHaveAttribute('data-status', 'acknowledged', { timeout: 1000 });
  await app.keyboard.press('a');
  await expect(app.getByText('“Acked already” is already acknowledged.')).toBeVisible();
});

test('opening a detail puts focus in it; n, o and 1/2/3 work and are listed in ?', async ({ stack, app }) => {
  const r = await page_(stack, app, 'Keys in the detail');
  await r.click();
  await app.keyboard.press('Enter');
  const title = app.getByRole('heading', { level: 2, name: 'Keys in the detail' });
  await expect(title).toBeFocused();
  await app.keyboard.press('n');
  await expect(app.getByLabel('Add a note')).toBeFocused();
  await app.keyboard.press('Escape');
  await app.locator('body').click({ position: { x: 2, y: 2 } });
  await app.keyboard.press('o');
  await expect(app.getByText(/the incident is at https:\/\//)).toBeVisible();
  await app.keyboard.press('2');
  await expect(app.getByRole('button', { name: 'Load', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await app.keyboard.press('3');
  await expect(app.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await app.keyboard.press('1');
  await expect(app.getByRole('list', { name: 'Open incidents' })).toBeVisible();
  await app.keyboard.press('?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const what of ['Add a note', 'Open the incident in PagerDuty', 'Incidents / Load / Settings', 'Undo'])
    await expect(help).toContainText(what);
});
