/**
 * Who owns what in the window, against the real core and simulator: the Services view opens from the
 * keyboard (4), `/` and typing search by part of a name, and each card's team, escalation policy and
 * on-call names agree with what the simulator's own PagerDuty API answers (read here over plain
 * HTTP, not through the app's client); a service's open incidents open the incident; from the
 * incident, `c` shows "Who else is on call" for its policy. Screenshots at full width and at 420 px.
 */
import { axeClean } from './support/axe.js';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './support/fixtures.js';
import type { Stack } from './support/stack.js';

interface RawService {
  id: string;
  name: string;
  teams: Array<{ id: string; summary: string }>;
  escalation_policy: { id: string; summary: string };
}
interface RawOncall {
  escalation_level: number;
  escalation_policy: { id: string };
  user: { id: string; summary: string };
}

/** The simulator's answers, as PagerDuty's REST API gives them. */
async function simGet<T>(stack: Stack, path: string): Promise<T> {
  const res = await fetch(`${stack.sim.url}${path}`, {
    headers: {
      Authorization: 'Token token=e2e-independent-read',
      Accept: 'application/vnd.pagerduty+json;version=2',
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Who is on call now at each level of a policy, by the simulator: "Level N names". */
async function simLevels(stack: Stack, policyId: string): Promise<Map<number, string[]>> {
  const { oncalls } = await simGet<{ oncalls: RawOncall[] }>(
    stack,
    `/oncalls?escalation_policy_ids[]=${encodeURIComponent(policyId)}&limit=100`,
  );
  const levels = new Map<number, string[]>();
  for (const o of oncalls) {
    if (o.escalation_policy.id !== policyId) continue;
    const names = levels.get(o.escalation_level) ?? [];
    if (!names.includes(o.user.summary)) names.push(o.user.summary);
    levels.set(o.escalation_level, names);
  }
  return levels;
}

async function openServices(app: Page): Promise<void> {
  await app.locator('body').click({ position: { x: 5, y: 5 } });
  await app.keyboard.press('4');
  await expect(app.getByRole('heading', { level: 2, name: 'Services' })).toBeVisible();
  await expect(app.locator('[data-service]').first()).toBeVisible({ timeout: 15_000 });
}

test('4 opens Services; search by part of a name; teams, policy and on-call agree with the simulator', async ({
  stack,
  app,
}) => {
  const { services } = await simGet<{ services: RawService[] }>(stack, '/services?limit=100');
  expect(services.length).toBeGreaterThan(2);
  await openServices(app);
  await expect(app.locator('[data-service]')).toHaveCount(services.length);

  // `/` focuses the search; part of a name filters.
  await app.locator('h2#services-h').click();
  await app.keyboard.press('/');
  const search = app.getByRole('searchbox', { name: 'Search services by name' });
  await expect(search).toBeFocused();
  await search.pressSequentially('PIPE');
  const pipeline = services.filter((s) => s.name.toLowerCase().includes('pipe'));
  expect(pipeline.length).toBeGreaterThan(0);
  await expect(app.locator('[data-service]')).toHaveCount(pipeline.length);

  for (const s of pipeline) {
    const card = app.locator(`[data-service-id="${s.id}"]`);
    await expect(card.getByRole('heading', { name: s.name })).toBeVisible();
    await expect(card.locator('[data-teams]')).toHaveText(s.teams.map((t) => t.summary).join(', '));
    await expect(card.locator('[data-policy]')).toHaveText(s.escalation_policy.summary);
    const levels = await simLevels(stack, s.escalation_policy.id);
    expect(levels.size).toBeGreaterThan(0);
    for (const [level, names] of levels) {
      const line = card.locator(`[data-level="${level}"]`);
      for (const n of names) await expect(line).toContainText(n);
    }
    await expect(card.locator('[data-level]')).toHaveCount(levels.size);
  }

  // Typing a letter anywhere in the view types into the search.
  await search.fill('');
  await app.locator('h2#services-h').click();
  await app.keyboard.type('chec');
  await expect(search).toHaveValue('chec');
  await expect(app.locator('[data-service]')).toHaveCount(
    services.filter((s) => s.name.includes('chec')).length,
  );
  await search.fill('');
  await expect(app.locator('[data-service]')).toHaveCount(services.length);

  await axeClean(app, 'services');
  await app.screenshot({ path: join(ARTIFACTS, 'services-wide.png'), fullPage: false });
  await app.setViewportSize({ width: 420, height: 800 });
  await expect(app.locator('[data-service]').first()).toBeVisible();
  const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await app.screenshot({ path: join(ARTIFACTS, 'services-420.png'), fullPage: false });
});

test('open incidents of a service open it; c shows who else is on call for its policy', async ({
  stack,
  app,
}) => {
  const title = 'Services: search cluster RED';
  stack.sim.createIncident({ title, urgency: 'high', service: 'search' });
  await expect(app.getByRole('listitem', { name: title, exact: true })).toBeVisible({ timeout: 15_000 });
  const { services } = await simGet<{ services: RawService[] }>(stack, '/services?limit=100');
  const search = services.find((s) => s.name === 'search')!;

  await openServices(app);
  const card = app.locator(`[data-service-id="${search.id}"]`);
  const openBtn = card.locator('[data-open-incidents]');
  await expect(openBtn).toHaveText('1 open', { timeout: 10_000 });
  await openBtn.click();
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();

  await app.locator('h2#detail-title').click();
  await app.keyboard.press('c');
  const panel = app.locator('[data-who-else-body]');
  await expect(panel).toBeVisible();
  const policy = stack.sim.record().incidents.find((i) => i.title === title)!.escalationPolicy;
  expect(policy).toBe(search.escalation_policy.id);
  await expect(panel.locator('[data-who-policy]')).toContainText(search.escalation_policy.summary);
  await expect(panel.locator('[data-who-teams]')).toHaveText(search.teams.map((t) => t.summary).join(', '));
  const levels = await simLevels(stack, policy);
  for (const [level, names] of levels) {
    for (const n of names) await expect(panel.locator(`[data-level="${level}"]`)).toContainText(n);
  }
  await expect(panel.locator('[data-level]')).toHaveCount(levels.size);
  await axeClean(app, 'who else is on call');
  await app.screenshot({ path: join(ARTIFACTS, 'who-else-wide.png') });
  await app.setViewportSize({ width: 420, height: 800 });
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'who-else-420.png') });
  // c again folds it.
  await app.locator('h2#detail-title').click();
  await app.keyboard.press('c');
  await expect(panel).toHaveCount(0);
});

test('keyboard only: ↓ from the search walks the cards, ↑ goes back, Enter opens a card’s incident', async ({
  stack,
  app,
}) => {
  const title = 'Services: payments queue stuck';
  stack.sim.createIncident({ title, urgency: 'high', service: 'payments-worker' });
  await expect(app.getByRole('listitem', { name: title, exact: true })).toBeVisible({ timeout: 15_000 });
  await openServices(app);
  const search = app.getByRole('searchbox', { name: 'Search services by name' });
  await expect(search).toBeFocused();
  const cards = app.locator('.services-list > .service-card');
  const names = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-service')));
  expect(names.length).toBeGreaterThan(2);
  await app.keyboard.press('ArrowDown');
  await expect(cards.nth(0)).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(cards.nth(1)).toBeFocused();
  await app.keyboard.press('End');
  await expect(cards.nth(names.length - 1)).toBeFocused();
  await app.keyboard.press('Home');
  await expect(cards.nth(0)).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();
  // Walk down to payments-worker with the keys alone, then Enter opens its one incident.
  const at = names.indexOf('payments-worker');
  expect(at).toBeGreaterThanOrEqual(0);
  await expect(app.locator('[data-service="payments-worker"] [data-open-incidents]')).toHaveText('1 open', {
    timeout: 10_000,
  });
  for (let i = 0; i <= at; i++) await app.keyboard.press('ArrowDown');
  await expect(cards.nth(at)).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();
});

test('coming back to the view reads no service again (the cache answers); Refresh reads once', async ({
  stack,
  app,
}) => {
  await openServices(app);
  const reads = (): number => stack.sim.requests().filter((r) => r.path === '/services').length;
  const before = reads();
  expect(before).toBeGreaterThanOrEqual(1);
  const search = app.getByRole('searchbox', { name: 'Search services by name' });
  await search.fill('pay');
  await expect(app.locator('[data-service]')).toHaveCount(1);
  await search.fill('');
  await app.keyboard.press('1');
  await app.keyboard.press('4');
  await expect(app.locator('[data-service]').first()).toBeVisible();
  expect(reads()).toBe(before);
  // Refresh reads it again now (once 5 s have passed since the last read: clicks before are free).
  await expect(async () => {
    await app.getByRole('button', { name: 'Refresh' }).click();
    expect(reads()).toBe(before + 1);
  }).toPass({ timeout: 20_000, intervals: [1_000] });
  await app.waitForTimeout(1_500);
  expect(reads()).toBe(before + 1);
  await expect(app.locator('.services-status')).toContainText('just now');

  // Settings shows the measured request rate beside the estimate (which includes these refreshes).
  await app.keyboard.press('3');
  const budget = app.locator('[data-budget="default"]');
  await expect(budget).toContainText('on-call and service owners');
  await expect(budget).toContainText(/Measured: \d+ in the last minute/, { timeout: 15_000 });
  await budget.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(ARTIFACTS, 'services-budget.png') });
});

test("a service's runbook from Settings shows, and its link goes through the link check", async ({
  stack,
  app,
}) => {
  const url = 'https://wiki.example.com/runbooks/checkout';
  const res = await stack.runtime.handlers.updateSettings({
    runbooks: [{ serviceId: 'PSV0001', url, steps: ['Check the dashboard', 'Roll back'] }],
  });
  expect(res.ok).toBe(true);
  await openServices(app);
  const card = app.locator('[data-service-id="PSV0001"]');
  await expect(card.locator('[data-runbook="settings"]')).toContainText('2 step checklist');
  await expect(app.locator('[data-service-id="PSV0003"] [data-runbook="none"]')).toBeVisible();
  await card.getByRole('button', { name: /Open runbook/ }).click();
  // The preview opens nothing: it says where the link goes (the shell opens it in the browser).
  await expect(app.getByRole('status').filter({ hasText: 'wiki.example.com' })).toBeVisible();
});
