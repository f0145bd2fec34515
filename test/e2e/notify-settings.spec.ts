/**
 * Settings → Notifications: the sound choice and volume save, and "Send a test notification" says
 * honestly what happened (the browser preview shows none, and says so, never "sent").
 */
import { expect, test } from './support/fixtures.js';

test('the alert sound and volume save; a test notification reports that the preview shows none', async ({
  app,
}) => {
  await app.keyboard.press('3');
  await app.getByLabel('Alert sound').selectOption('siren');
  await app.getByLabel('Volume').fill('55');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();
  await app.reload();
  await expect(app.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
  await app.keyboard.press('3');
  await expect(app.getByLabel('Alert sound')).toHaveValue('siren');
  await expect(app.getByLabel('Volume')).toHaveValue('55');
  await app.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(app.getByText(/Not shown: The browser preview raises no desktop notifications/)).toBeVisible();
});
