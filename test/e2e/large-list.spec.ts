/**
 * A thousand open incidents: the list is windowed (only the rows in view are in the DOM), tells
 * assistive technology the full size, and the keyboard reaches the last row.
 */
import { expect, test } from './support/fixtures.js';

test('1,000 incidents render as a windowed list and End reaches the last', async ({ stack, app }) => {
  for (let i = 1; i <= 1000; i++)
    stack.sim.createIncident({ title: `Load test page ${i}`, urgency: i % 5 ? 'high' : 'low' });
  await stack.source.companion.syncNow();
  const items = app.getByRole('listitem');
  await expect(items.first()).toHaveAttribute('aria-setsize', '1000', { timeout: 20_000 });
  expect(await items.count()).toBeLessThan(60);
  await app.keyboard.press('Home');
  await app.keyboard.press('End');
  const last = app.locator('[role="listitem"][aria-current="true"]');
  await expect(last).toHaveAttribute('aria-posinset', '1000');
  await expect(last).toBeInViewport();
  expect(await items.count()).toBeLessThan(60);
  await app.keyboard.press('a');
  await expect(last).toHaveAttribute('data-status', 'acknowledged');
});
