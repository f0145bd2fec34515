/**
 * First run without ids: the Settings filters and the runbook editor pick services and teams by name
 * from the account (the simulator's `GET /services` and `GET /teams`), with the keyboard only; the
 * saved settings hold the ids the simulator itself lists for those names (read here straight from
 * the simulator, not through the app); a name matching nothing says so; an id already in the
 * settings that the account lacks still shows, marked. Screenshots at full width and at 420 px.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { Stack } from './support/stack.js';
import { ARTIFACTS, expect, test } from './support/fixtures.js';

/** The simulator's own list, asked directly (the app's directory is not involved). */
async function simList(
  stack: Stack,
  what: 'services' | 'teams',
): Promise<Array<{ id: string; name: string }>> {
  const res = await fetch(`${stack.sim.url}/${what}?limit=100`, {
    headers: { Authorization: 'Token token=e2e', Accept: 'application/vnd.pagerduty+json;version=2' },
  });
  const body = (await res.json()) as Record<string, Array<{ id: string; name: string }>>;
  return body[what]!;
}

async function openSettings(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
}

/** Put ids in the settings as a settings file would, and reload so the window starts with them. */
async function savedServiceIds(stack: Stack, app: Page, ids: string[]): Promise<void> {
  stack.runtime.settings.update({ filters: { ...stack.runtime.settings.get().filters, serviceIds: ids } });
  await app.reload();
  await expect(app.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
}

async function save(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();
}

test('a service filter and a team filter picked by typing part of a name and the keyboard', async ({
  stack,
  app,
  pageErrors,
}) => {
  const services = await simList(stack, 'services');
  const teams = await simList(stack, 'teams');
  const payments = services.find((s) => s.name === 'payments-worker')!;
  const checkout = services.find((s) => s.name === 'checkout-api')!;
  const data = teams.find((t) => t.name === 'Data')!;
  expect(payments && checkout && data, 'the simulator lists them').toBeTruthy();

  await openSettings(app);
  const svc = app.getByRole('combobox', { name: 'Only these services' });
  await svc.focus();
  await app.keyboard.type('paym');
  const list = app.getByRole('listbox', { name: 'Services matching' });
  await expect(list.getByRole('option')).toHaveCount(
    services.filter((s) => s.name.toLowerCase().includes('paym')).length,
  );
  await expect(list.getByRole('option', { selected: true })).toContainText('payments-worker');
  await app.screenshot({ path: join(ARTIFACTS, 'names-list-1280.png') });
  await app.keyboard.press('Enter');
  const chosen = app.getByRole('list', { name: 'Chosen services' });
  await expect(chosen.getByRole('listitem')).toHaveText([new RegExp(`payments-worker.*${payments.id}`)]);

  // A second one with the arrow keys: every service listed, the second of them picked.
  await app.keyboard.press('ArrowDown');
  await expect(list.getByRole('option')).toHaveCount(services.length - 1);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  const second = (await list.getByRole('option', { selected: true }).locator('.np-name').textContent())!;
  await app.keyboard.press('Enter');
  const secondId = services.find((s) => s.name === second)!.id;

  // Teams: one word of the name, Enter.
  const team = app.getByRole('combobox', { name: 'Only these teams' });
  await team.focus();
  await app.keyboard.type('dat');
  await expect(
    app.getByRole('listbox', { name: 'Teams matching' }).getByRole('option', { selected: true }),
  ).toContainText('Data');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('list', { name: 'Chosen teams' })).toContainText('Data');

  await app.screenshot({ path: join(ARTIFACTS, 'names-filters-1280.png'), fullPage: true });
  await save(app);
  const saved = stack.runtime.settings.get().filters;
  expect(saved.serviceIds).toEqual([payments.id, secondId]);
  expect(saved.teamIds).toEqual([data.id]);

  // After a reload the chosen ones still show by name, the id as detail.
  await app.reload();
  await expect(app.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
  await openSettings(app);
  await expect(
    app.getByRole('list', { name: 'Chosen services' }).getByRole('listitem').first(),
  ).toContainText('payments-worker');
  await app.getByRole('button', { name: 'Remove payments-worker' }).click();
  await save(app);
  expect(stack.runtime.settings.get().filters.serviceIds).toEqual([secondId]);

  // Dark: the chips and the list read in the page's colours.
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.getByRole('combobox', { name: 'Only these services' }).focus();
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('listbox', { name: 'Services matching' })).toBeVisible();
  await app.screenshot({ path: join(ARTIFACTS, 'names-dark-1280.png') });
  await app.keyboard.press('Escape');
  await app.emulateMedia({ colorScheme: 'light' });

  const axe = await new AxeBuilder({ page: app }).include('.settings').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    'axe on Settings with the pickers',
  ).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a name matching nothing says so; an id the account lacks still shows, marked', async ({
  stack,
  app,
}) => {
  await savedServiceIds(stack, app, ['PGONE99']);
  await openSettings(app);
  const chosen = app.getByRole('list', { name: 'Chosen services' });
  await expect(chosen.getByRole('listitem')).toHaveText(/PGONE99.*no service with this ID on this account/);

  const svc = app.getByRole('combobox', { name: 'Only these services' });
  await svc.focus();
  await app.keyboard.type('<b>zebra</b>');
  await expect(app.getByText("No service named '<b>zebra</b>' on this account")).toBeVisible();
  await expect(app.getByRole('listbox', { name: 'Services matching' })).toBeHidden();
  // Enter on nothing neither picks nor submits the form.
  await app.keyboard.press('Enter');
  await expect(app.getByText('Saved.', { exact: true })).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(svc).toHaveValue('');
  await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
});

test('a runbook for a service picked by name', async ({ stack, app }) => {
  const services = await simList(stack, 'services');
  await openSettings(app);
  await app.getByRole('button', { name: 'Add a runbook' }).click();
  const picker = app.getByRole('combobox', { name: 'Service', exact: true });
  await picker.focus();
  await app.keyboard.type('checkout');
  await app.keyboard.press('Enter');
  const target = services.find((s) => s.name === 'checkout-api')!;
  await expect(app.getByRole('list', { name: 'Chosen service' })).toContainText(`checkout-api${target.id}`);
  await app.getByLabel('Runbook link (https)').fill('https://wiki.example.com/runbooks/checkout');
  await app.getByLabel('Checklist steps, one per line').fill('Check the error-rate dashboard');
  await save(app);
  expect(stack.runtime.settings.get().runbooks).toEqual([
    {
      serviceId: target.id,
      serviceName: 'checkout-api',
      url: 'https://wiki.example.com/runbooks/checkout',
      steps: ['Check the error-rate dashboard'],
    },
  ]);

  // 420 px wide: the pickers and their lists stay inside the window.
  await app.setViewportSize({ width: 420, height: 800 });
  const svc = app.getByRole('combobox', { name: 'Only these services' });
  await svc.scrollIntoViewIfNeeded();
  await svc.focus();
  await app.keyboard.type('a');
  const list = app.getByRole('listbox', { name: 'Services matching' });
  await expect(list).toBeVisible();
  const box = (await list.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(420);
  const width = await app.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling').toBeLessThanOrEqual(420);
  await app.screenshot({ path: join(ARTIFACTS, 'names-420.png'), fullPage: false });
  await app.keyboard.press('Escape');
  await app.getByRole('list', { name: 'Chosen service' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'names-runbook-420.png'), fullPage: false });
});

test('a list that cannot be read: the picker says what it searched, a saved id is "name not known"', async ({
  stack,
  app,
}) => {
  await savedServiceIds(stack, app, ['PSV0001']);
  // PagerDuty answers 503 to everything before Settings first asks for the lists.
  stack.sim.setFault({ mode: 'error', status: 503 });
  await openSettings(app);
  await expect(app.getByRole('list', { name: 'Chosen services' }).getByRole('listitem')).toHaveText(
    /PSV0001.*name not known/,
  );
  const svc = app.getByRole('combobox', { name: 'Only these services' });
  await svc.focus();
  await app.keyboard.type('checkout');
  await expect(app.getByText("No service named 'checkout' in the lists that could be read")).toBeVisible();
  await expect(app.getByText(/the services could not be read/)).toBeVisible();
  // A typed id can still be used as is.
  await svc.fill('PABC123');
  await expect(app.getByRole('option', { name: /Use the ID PABC123/ })).toBeVisible();
  await app.keyboard.press('Enter');
  stack.sim.setFault({ mode: 'none' });
  await save(app);
  expect(stack.runtime.settings.get().filters.serviceIds).toEqual(['PSV0001', 'PABC123']);
});
