/**
 * Accessibility and looks: axe-core finds no serious or critical violation on the main views
 * (light and dark), and each view is saved as a screenshot in test/artifacts/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, expect, page_, row, test } from './support/fixtures.js';

async function noSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

const SHIFT = [
  { title: 'Checkout API 5xx rate above 5% for 5 minutes', urgency: 'high' as const },
  { title: 'Postgres replica lag over 30s on pg-main-2', urgency: 'high' as const },
  { title: 'Payments worker queue backlog above 10k jobs', urgency: 'low' as const },
  { title: 'TLS certificate for api.example.com expires in 6 days', urgency: 'low' as const },
];

for (const scheme of ['light', 'dark'] as const) {
  test(`main views pass axe and are captured (${scheme})`, async ({ stack, app }) => {
    await app.emulateMedia({ colorScheme: scheme });
    for (const s of SHIFT) await page_(stack, app, s.title, { urgency: s.urgency });
    await row(app, SHIFT[1]!.title).getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(row(app, SHIFT[1]!.title)).toHaveAttribute('data-status', 'acknowledged');
    await app.keyboard.press('Home');

    await noSeriousViolations(app, `incident list (${scheme})`);
    await app.screenshot({ path: join(ARTIFACTS, `incidents-${scheme}.png`) });

    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    await expect(app.locator('.timeline li').first()).toBeVisible();
    await noSeriousViolations(app, `incident detail (${scheme})`);
    await app.screenshot({ path: join(ARTIFACTS, `detail-${scheme}.png`) });

    await app.keyboard.press('Escape');
    await app.keyboard.press('?');
    await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await noSeriousViolations(app, `help (${scheme})`);
    await app.screenshot({ path: join(ARTIFACTS, `help-${scheme}.png`) });
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog')).toHaveCount(0);

    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
    await noSeriousViolations(app, `settings (${scheme})`);
    await app.screenshot({ path: join(ARTIFACTS, `settings-${scheme}.png`) });

    await app.getByRole('button', { name: 'Load', exact: true }).click();
    await noSeriousViolations(app, `load (${scheme})`);
  });
}

test('settings show a validation message next to a bad field and save good ones', async ({ app }) => {
  await app.keyboard.press(',');
  const poll = app.getByLabel('Poll every');
  await poll.fill('1');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.locator('.field-invalid').filter({ has: poll })).toContainText('poll at most every 2 s');
  await expect(poll).toHaveAttribute('aria-invalid', 'true');
  await poll.fill('10');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();
  await app.screenshot({ path: join(ARTIFACTS, 'settings-saved.png') });
});

test('shortcut capture records keys and names a conflict next to the field', async ({ app }) => {
  await app.keyboard.press(',');
  const record = app.getByRole('button', { name: /Show the window/ });
  await record.click();
  await expect(record).toHaveText(/Press the keys/);
  await app.keyboard.press('Control+Alt+KeyA');
  const field = app.locator('.field-shortcut').filter({ has: record });
  await expect(field.locator('kbd.accel')).toHaveText('CommandOrControl + Alt + A');
  await expect(field).toContainText('Same shortcut as “Acknowledge the newest page”');
  await record.click();
  await app.keyboard.press('KeyQ');
  await expect(field).toContainText('Use Ctrl (or Cmd) or Alt');
  await app.keyboard.press('Control+Alt+KeyO');
  await expect(field.locator('kbd.accel')).toHaveText('CommandOrControl + Alt + O');
  await expect(field.locator('.field-error')).toHaveCount(0);
});
