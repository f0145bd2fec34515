/**
 * A row's age keeps counting while the window is left alone (it is the first thing read at 3 a.m.).
 */
import { expect, page_, test } from './support/fixtures.js';

test("a row's age keeps counting without any interaction", async ({ stack, app }) => {
  const r = await page_(stack, app, 'Age keeps counting');
  const age = r.locator('.row-age');
  const first = (await age.textContent())?.trim();
  // Ages are shown in whole seconds and refreshed every few seconds: within 12 s it must change.
  await expect.poll(async () => (await age.textContent())?.trim(), { timeout: 12_000 }).not.toBe(first);
});
