/**
 * A snooze made outside the app (a teammate, through PagerDuty's API on the simulator) is visible
 * everywhere: the row, the detail and `oncall-companion status` say "snoozed until HH:MM", read from
 * PagerDuty's `pending_actions`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, row, test } from './support/fixtures.js';
import { teammateSnoozes } from './support/teammate.js';

// A 24-hour locale, as `status` (which always writes 24 h) prints: the window follows the locale.
test.use({ locale: 'en-GB' });

const ROOT = resolve(import.meta.dirname ?? '.', '../..');
const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

test('a snooze made directly in the simulator shows "snoozed until" in the window and in status', async ({
  stack,
  app,
}) => {
  const title = 'Held back by Alex, not by me';
  stack.sim.createIncident({ title, urgency: 'high', assignee: 'me', acknowledgedBy: 'other' });
  const r = row(app, title);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await expect(r).not.toContainText(/snoozed/i);
  const before = Date.now();
  await teammateSnoozes(stack, title, 2 * 3600);
  // The simulator's clock and this one are the same: the snooze ends two hours from now.
  const untilMs = before + 2 * 3600 * 1000;
  const times = [hhmm(untilMs), hhmm(untilMs + 60_000)];
  // A snooze ending tomorrow (run after 22:00) is shown with its day first: "Sat 5 Dec 00:07".
  const until = /Snoozed until (?:[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} )?(\d\d:\d\d)/i;
  await expect(r).toContainText(until, { timeout: 15_000 });
  const shown = until.exec((await r.textContent()) ?? '')?.[1];
  expect(times).toContain(shown);

  await r.dblclick();
  await expect(app.locator('.detail-head')).toContainText(/Snoozed until/);
  await expect(app.locator('.detail-head')).toContainText(shown!);

  const home = mkdtempSync(join(tmpdir(), 'occ-status-'));
  // Not spawnSync: the simulator runs in this process and must keep answering.
  const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'oncall-companion.mjs'), 'status', '--api-url', stack.sim.url],
      {
        env: {
          ...process.env,
          HOME: home,
          XDG_DATA_HOME: join(home, 'data'),
          PAGERDUTY_TOKEN: 'status-e2e-token',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
  expect(out.status, out.stderr).toBe(0);
  const line = out.stdout.split('\n').find((l) => l.includes(title));
  expect(line).toMatch(new RegExp(`snoozed until (?:\\S+ )?${shown}`));
});
