/**
 * The window as a narrow side panel (360-480 px): no horizontal scroll on any view, titles
 * readable (wrapped, not cut to a few letters), dialogs inside the window, axe clean at 420 px;
 * the list, detail, Load and Settings are captured at 420 x 800 (test/artifacts/side-*.png; the
 * README's gallery in assets/readme/ is copied from them after a look).
 */
import { axeClean } from './support/axe.js';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, expect, page_, row, test } from './support/fixtures.js';

async function noHorizontalScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    // Any element wider than the window (a chart, a table) that would be cut off.
    wide: [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className}`),
  }));
  expect(widths.doc, `${what}: page wider than the window`).toBeLessThanOrEqual(widths.view);
  expect(widths.wide, `${what}: elements past the right edge`).toEqual([]);
}

const LONG = 'Checkout API 5xx rate above 5% for 5 minutes on every region after the 14:00 deploy';

for (const width of [360, 420, 480]) {
  test(`at ${width} px every view fits: no horizontal scroll, titles wrap, dialogs inside`, async ({
    stack,
    app,
  }) => {
    await app.setViewportSize({ width, height: 800 });
    const r = await page_(stack, app, LONG);
    await page_(stack, app, 'Postgres replica lag over 30s on pg-main-2', { urgency: 'low' });
    await row(app, 'Postgres replica lag over 30s on pg-main-2')
      .getByRole('button', { name: 'Acknowledge', exact: true })
      .click();
    await noHorizontalScroll(app, 'list');
    // The title is readable: it wraps to lines of many characters rather than being cut.
    const title = r.locator('.row-title');
    const box = await title.boundingBox();
    expect(box!.width, 'title width').toBeGreaterThan(width * 0.45);
    expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    if (width === 420) {
      await axeClean(app, 'list at 420');
      await app.screenshot({ path: join(ARTIFACTS, 'side-list.png') });
    }

    await app.keyboard.press('?');
    const dialog = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const d = await dialog.boundingBox();
    expect(d!.x).toBeGreaterThanOrEqual(0);
    expect(d!.x + d!.width).toBeLessThanOrEqual(width);
    await app.keyboard.press('Escape');

    await r.dblclick();
    await expect(app.getByRole('heading', { level: 2, name: LONG })).toBeVisible();
    await noHorizontalScroll(app, 'detail');
    if (width === 420) {
      await axeClean(app, 'detail at 420');
      await app.screenshot({ path: join(ARTIFACTS, 'side-detail.png') });
    }

    await app.keyboard.press('2');
    await expect(app.getByRole('heading', { name: /Load|Time to acknowledge/ }).first()).toBeVisible();
    await noHorizontalScroll(app, 'load');
    if (width === 420) {
      await axeClean(app, 'load at 420');
      // The tiles fit on their own; the shot shows the heat map and the charts below them.
      await app.locator('.load-grid').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await app.screenshot({ path: join(ARTIFACTS, 'side-load.png') });
    }

    await app.keyboard.press('3');
    await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
    await noHorizontalScroll(app, 'settings');
    if (width === 420) {
      await axeClean(app, 'settings at 420');
      await app.screenshot({ path: join(ARTIFACTS, 'side-settings.png') });
    }
  });
}
