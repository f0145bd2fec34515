/**
 * Playwright fixtures: a fresh real stack per test (simulator, client, engine, preview server), a
 * page opened on it, and helpers to create pages in the simulator and find their rows.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStack, type Stack } from './stack.js';

/** Where screenshots go (gitignored). */
export const ARTIFACTS = resolve(import.meta.dirname ?? '.', '../../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

interface Fixtures {
  stack: Stack;
  app: Page;
  /** Errors the page threw or logged (CSP violations, exceptions). */
  pageErrors: string[];
}

/** The test function with the stack fixtures. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    const stack = await startStack();
    await use(stack);
    await stack.close();
  },
  // eslint-disable-next-line no-empty-pattern
  pageErrors: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, stack, pageErrors }, use) => {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/frame-ancestors/.test(m.text())) pageErrors.push(m.text());
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    // A returning user: the first-run welcome (test/e2e/signin.spec.ts) was answered before.
    await page.addInitScript(() => localStorage.setItem('oncall.welcome.done', '1'));
    await page.goto(stack.url);
    await expect(page.getByText(/Live · synced/)).toBeVisible({ timeout: 15_000 });
    await use(page);
  },
});

export { expect };

/** The list row of an incident, found the way a screen reader would: a listitem named by its title. */
export function row(page: Page, title: string): Locator {
  return page.getByRole('listitem', { name: title, exact: true });
}

/** Create a page in the simulator and wait until its row shows. */
export async function page_(
  stack: Stack,
  page: Page,
  title: string,
  opts: { urgency?: 'high' | 'low'; assignee?: 'me' | 'other' } = {},
): Promise<Locator> {
  stack.sim.createIncident({ title, urgency: opts.urgency ?? 'high', assignee: opts.assignee ?? 'me' });
  const r = row(page, title);
  await expect(r).toBeVisible({ timeout: 15_000 });
  return r;
}

/** Wait until the simulator holds the incident in the given status. */
export async function expectSimStatus(
  stack: Stack,
  title: string,
  status: 'triggered' | 'acknowledged' | 'resolved',
): Promise<void> {
  await expect.poll(() => stack.simStatus(title), { timeout: 15_000 }).toBe(status);
}
