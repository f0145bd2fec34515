/**
 * The Shifts tab against the real core and simulator (demo scenario at 60x, browser in
 * Europe/Berlin): 14 days of roster with a shift that crosses midnight and one from the demo's
 * override; "Cover me" and "Take this shift" create overrides in the simulator and the roster changes
 * at once. Screenshots at full width and at 420 px.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test as base } from './support/fixtures.js';
import { startStack, type Stack } from './support/stack.js';

const test = base.extend<{ stack: Stack }>({
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    const stack = await startStack({ scenario: 'demo', speed: 60 });
    await use(stack);
    await stack.close();
  },
});
test.use({ timezoneId: 'Europe/Berlin' });

const DAY = 86_400_000;

/** Overrides on a schedule as the simulator renders them. */
async function simOverrides(
  stack: Stack,
  scheduleId: string,
): Promise<Array<{ user: { id: string }; start: string; end: string }>> {
  const now = Date.now();
  const res = await fetch(
    `${stack.sim.url}/schedules/${scheduleId}?since=${new Date(now - DAY).toISOString()}&until=${new Date(now + 15 * DAY).toISOString()}`,
    { headers: { Authorization: 'Token token=x' } },
  );
  const body = (await res.json()) as {
    schedule: {
      overrides_subschedule: {
        rendered_schedule_entries: Array<{ user: { id: string }; start: string; end: string }>;
      };
    };
  };
  return body.schedule.overrides_subschedule.rendered_schedule_entries;
}

/** Local days in Berlin from today to the day 14 days from now. */
function berlinDays(): number {
  const day = (t: number): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(t));
  const seen = new Set<string>();
  for (let t = Date.now(); t <= Date.now() + 14 * DAY; t += 3_600_000) seen.add(day(t));
  seen.add(day(Date.now() + 14 * DAY - 1));
  return seen.size;
}

async function openShifts(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Shifts', exact: true }).click();
  await expect(app.getByRole('heading', { name: /My shifts, next 14 days/ })).toBeVisible({
    timeout: 15_000,
  });
}

test('the roster shows 14 days with a shift across midnight and one from an override; cover and take change it', async ({
  stack,
  app,
}) => {
  // The demo's override (a teammate puts me on Edge On-call) comes 2 scenario minutes in: 2 s at 60x.
  await expect.poll(async () => (await simOverrides(stack, 'PSC0003')).length, { timeout: 15_000 }).toBe(1);
  await openShifts(app);
  await expect(app.locator('.roster-day')).toHaveCount(berlinDays());
  const overrideRow = app.locator('.shift-row.shift-override', { hasText: 'Edge On-call' });
  await expect(overrideRow).toHaveCount(1);
  await expect(overrideRow).toContainText('from Priya Natarajan');
  // 8-hour turns in a 16-hour cycle: some of mine cross midnight in Berlin.
  expect(await app.locator('.shift-row sup').count()).toBeGreaterThan(0);
  await expect(app.locator('.week-row', { hasText: 'Platform Primary' })).toBeVisible();
  await expect(app.locator('.week-block-mine').first()).toBeVisible();
  await app.screenshot({ path: join(ARTIFACTS, 'shifts-full.png'), fullPage: true });

  // Cover me: Alex takes one of my Platform shifts two days ahead.
  const rows = app.locator('.shift-row', { hasText: 'Platform Primary' });
  const before = await rows.count();
  const target = rows.nth(4);
  const id = (await target.getAttribute('data-shift-id'))!;
  const start = id.split('|')[2]!;
  await target.getByRole('button', { name: 'Cover me' }).click();
  await target.getByLabel('Teammate').selectOption({ label: 'Alex Kim' });
  await target.getByRole('button', { name: 'Create override' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Override made: Alex Kim' })).toBeVisible();
  const covered = await simOverrides(stack, 'PSC0001');
  expect(covered).toEqual([
    expect.objectContaining({ user: expect.objectContaining({ id: 'PTM0002' }), start }),
  ]);
  await expect(app.locator(`[data-shift-id="${id}"]`)).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);

  // Take this shift: a block of Alex's on Platform Primary this week.
  const alexBlock = app
    .locator('.week-row', { hasText: 'Platform Primary' })
    .getByRole('button', { name: /^Take this shift: Alex Kim/ })
    .last();
  await alexBlock.click();
  await expect(app.getByRole('status').filter({ hasText: 'Override made: Morgan Lee' })).toBeVisible();
  const taken = await simOverrides(stack, 'PSC0001');
  expect(taken.filter((o) => o.user.id === 'PME0001')).toHaveLength(1);
  await expect(app.locator('.shift-row.shift-override', { hasText: 'Platform Primary' })).toHaveCount(1);

  await app.setViewportSize({ width: 420, height: 900 });
  await app.screenshot({ path: join(ARTIFACTS, 'shifts-420.png'), fullPage: true });
});

base('the empty incident list says who is on call with me now and my next shift', async ({ app }) => {
  const empty = app.locator('.list-empty');
  await expect(empty).toContainText('All quiet');
  const withMe = app.getByLabel('On call with you');
  // I am on Platform Primary now; Priya is level 2 of that policy.
  await expect(withMe).toContainText(/On call now: .*Priya Natarajan \(Platform Escalation, level 2\)/);
  await expect(withMe).toContainText(/Your next shift: .* Platform Primary/);
});
