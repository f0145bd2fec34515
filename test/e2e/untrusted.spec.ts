/**
 * Incident text is untrusted: HTML and script in a title or details render as text and run
 * nothing; very long and right-to-left titles keep the layout.
 */
import { expect, page_, row, test } from './support/fixtures.js';

const EVIL = `<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script> db down`;

test('HTML and script in a title show as text and run nothing', async ({ stack, app, pageErrors }) => {
  let dialogs = 0;
  app.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  const r = await page_(stack, app, EVIL);
  await expect(r.locator('.row-title')).toHaveText(EVIL);
  await expect(app.locator('.row-title img, .row-title script')).toHaveCount(0);
  await r.click();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: EVIL })).toBeVisible();
  await app.waitForTimeout(500);
  expect(await app.evaluate('typeof window.__pwned')).toBe('undefined');
  expect(dialogs).toBe(0);
  await expect(app.locator('img[src="x"]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a very long and a right-to-left title do not break the layout', async ({ stack, app }) => {
  const long = `Very long title ${'without-any-break-'.repeat(40)}end`;
  const rtl = 'خطأ في قاعدة البيانات الرئيسية: انتهت مهلة الاتصال';
  await page_(stack, app, long);
  await page_(stack, app, rtl);
  const width = (await app.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width).toBeLessThanOrEqual(1280);
  const box = await row(app, long).boundingBox();
  expect(box!.width).toBeLessThanOrEqual(1280);
  await expect(row(app, long).getByRole('button', { name: 'Resolve', exact: true })).toBeInViewport();
  await expect(row(app, rtl).locator('.row-title')).toHaveAttribute('dir', 'auto');
});
