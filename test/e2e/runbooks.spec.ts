/**
 * Runbook checklists end to end: a runbook set in Settings shows in the incident detail, a tick is
 * saved (it survives a reload) and appears in the handoff report; links open only through the app's
 * checked path; a malformed shared runbook file shows an error naming its line (in the incident's
 * checklist and next to its field in Settings) while the incident list keeps working.
 */
import { MALFORMED_RUNBOOKS } from '../support/runbook-files.js';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, expect, expectSimStatus, page_, row, test } from './support/fixtures.js';

const STEPS = [
  'Check the error-rate dashboard',
  'Roll back the last deploy if it started after it',
  'Post a status update in the incidents channel',
];
const RUNBOOK_URL = 'https://wiki.example.com/runbooks/checkout';
const LINE_6 = 'team-runbooks.yaml line 6: unknown field "colour"';

async function openSettings(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
}

async function save(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();
}

async function openIncident(app: Page, title: string): Promise<void> {
  await app.getByRole('button', { name: /^Incidents/ }).click();
  await row(app, title).click();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

test('a checklist set in Settings: a tick is saved, survives a reload and shows in the report', async ({
  stack,
  app,
}) => {
  const title = 'Checkout API error budget burning fast';
  await page_(stack, app, title);

  await openSettings(app);
  await app.getByRole('button', { name: 'Add a runbook' }).click();
  // The service is picked by name (test/e2e/names.spec.ts); checkout-api is PSV0001.
  await app.getByRole('combobox', { name: 'Service', exact: true }).fill('checkout-api');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('list', { name: 'Chosen service' })).toContainText('PSV0001');
  await app.getByLabel('Runbook link (https)').fill(RUNBOOK_URL);
  await app.getByLabel('Checklist steps, one per line').fill(STEPS.join('\n'));
  await save(app);

  await openIncident(app, title);
  const checklist = app.getByRole('region', { name: 'Runbook checklist' });
  await expect(checklist).toContainText(RUNBOOK_URL);
  for (const s of STEPS) await expect(checklist.getByRole('checkbox', { name: s })).not.toBeChecked();
  await checklist.getByRole('checkbox', { name: STEPS[1] }).check();
  await expect(checklist).toContainText('1 of 3 steps done');
  await expect(checklist.getByRole('checkbox', { name: STEPS[1] })).toBeChecked();

  // The runbook link goes through the checked external-open path; the preview says where it leads.
  await checklist.getByRole('button', { name: 'Open the runbook in the browser' }).click();
  await expect(app.locator('.rb-open-msg')).toContainText(`the link is ${RUNBOOK_URL}`);
  // Links from the alert's body show as candidates.
  await expect(checklist.getByRole('heading', { name: 'Links in the alert' })).toBeVisible();
  await expect(checklist.locator('.rb-candidates code').first()).toHaveText(/^https:\/\//);
  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    'axe on the incident detail with a checklist',
  ).toEqual([]);
  await checklist.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'detail-checklist-light.png') });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: join(ARTIFACTS, 'detail-checklist-dark.png') });
  await app.emulateMedia({ colorScheme: 'light' });

  // A reload starts the renderer afresh: the tick comes back from the history.
  await app.reload();
  await expect(app.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
  await openIncident(app, title);
  const again = app.getByRole('region', { name: 'Runbook checklist' });
  await expect(again.getByRole('checkbox', { name: STEPS[1] })).toBeChecked();
  await expect(again.getByRole('checkbox', { name: STEPS[0] })).not.toBeChecked();
  await expect(again).toContainText('1 of 3 steps done');

  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(stack.url).origin,
  });
  await app.getByRole('button', { name: 'Load', exact: true }).click();
  await app.getByRole('button', { name: 'Copy handoff report' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Handoff report copied' })).toBeVisible();
  const md = await app.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('### Checklists');
  expect(md).toMatch(new RegExp(`${title} · checkout-api: 1/3 done`));
  expect(md).toContain(`  - [x] ${STEPS[1]}`);
  expect(md).toContain(`  - [ ] ${STEPS[0]}`);
  expect(md).toContain(`  - [ ] ${STEPS[2]}`);
});

test('a malformed runbook file shows an error naming its line; the incident list keeps working', async ({
  stack,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'oncall-rb-'));
  const file = join(dir, 'team-runbooks.yaml');
  // Line 6 has a field the format does not know.
  await writeFile(file, MALFORMED_RUNBOOKS);
  try {
    const first = 'Checkout API latency above 2 s';
    await page_(stack, app, first);
    await openSettings(app);
    const field = app.getByLabel('Shared runbook file');
    await field.fill(file);
    await save(app);
    // Settings says it too, under the field where the file was set, tied to it for screen readers.
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`could not be used: ${LINE_6}`));
    const fieldError = app.locator('.field-error').filter({ hasText: LINE_6 });
    await expect(fieldError).toBeVisible();
    await fieldError.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(ARTIFACTS, 'settings-runbook-error.png') });

    await openIncident(app, first);
    const checklist = app.getByRole('region', { name: 'Runbook checklist' });
    const error = checklist.getByRole('alert');
    await expect(error).toContainText('The shared runbook file could not be used');
    await expect(error).toContainText(LINE_6);
    await expect(checklist).toContainText('No checklist for this service');
    await error.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(ARTIFACTS, 'detail-runbook-error.png') });

    // The rest of the app is unaffected: a new page shows and one click acknowledges it.
    await app.keyboard.press('Escape');
    const second = await page_(stack, app, 'Search cluster status red');
    await second.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expectSimStatus(stack, 'Search cluster status red', 'acknowledged');
    await expect(row(app, first)).toBeVisible();

    // Fixing the file (and saving again) brings its checklist in.
    await writeFile(
      file,
      [
        'runbooks:',
        '  - service: checkout-api',
        '    steps:',
        '      - Check the error-rate dashboard',
        '',
      ].join('\n'),
    );
    await openSettings(app);
    // Until saved again, Settings still shows the error of the file as last read.
    await expect(app.locator('.field-error').filter({ hasText: LINE_6 })).toBeVisible();
    await save(app);
    await expect(app.getByText(LINE_6)).toHaveCount(0);
    await expect(app.getByLabel('Shared runbook file')).not.toHaveAttribute('aria-invalid', 'true');
    await openIncident(app, first);
    const fixed = app.getByRole('region', { name: 'Runbook checklist' });
    await expect(fixed.getByRole('checkbox', { name: 'Check the error-rate dashboard' })).toBeVisible();
    await expect(fixed.getByRole('alert')).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
