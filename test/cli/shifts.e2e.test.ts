/**
 * `shifts` and `override` end to end: the bundled CLI against `oncall-companion simulator`. The
 * roster's shift count is checked against the simulator's own `GET /oncalls` answer; the --ics output
 * opens in a real iCalendar parser (ical.js) with one event per shift at the same instants; an
 * override changes the next roster; a 403 names who can edit; a past range is refused before any request.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliEnv, runCli, sim, startSimulatorCli, type CliProcess } from './helpers.js';

const DAY = 86_400_000;
let simProc: CliProcess;
let url: string;

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli(['--scenario', 'none']));
}, 180_000);
afterAll(async () => {
  await simProc?.stop();
});

const env = () => cliEnv({ PAGERDUTY_TOKEN: 'any-token' });
const iso = (t: number): string => new Date(t).toISOString();

/** My timed entries from the simulator directly, merged per schedule where back to back. */
async function simShifts(days: number): Promise<Array<{ start: string; end: string; schedule: string }>> {
  const now = Date.now();
  const res = await fetch(
    `${url}/oncalls?user_ids[]=PME0001&since=${iso(now)}&until=${iso(now + days * DAY)}&limit=100`,
    { headers: { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' } },
  );
  const body = (await res.json()) as {
    oncalls: Array<{ start: string | null; end: string | null; schedule: { id: string } | null }>;
    more: boolean;
  };
  expect(body.more).toBe(false);
  return body.oncalls
    .filter((o) => o.start !== null && o.end !== null)
    .map((o) => ({ start: o.start!, end: o.end!, schedule: o.schedule?.id ?? '' }));
}

describe('shifts', () => {
  it('--json lists my shifts for 14 days, as many as the simulator has', async () => {
    const r = await runCli(['shifts', '--json', '--api-url', url], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const roster = JSON.parse(r.stdout) as {
      days: number;
      shifts: Array<{ start: string; end: string; schedule: { id: string } | null; lengthMs: number }>;
      schedules: Array<{ id: string; onNow: { id: string } | null }>;
    };
    expect(roster.days).toBe(14);
    const expected = await simShifts(14);
    expect(roster.shifts.length).toBe(expected.length);
    expect(roster.shifts.map((s) => s.start)).toEqual(expected.map((s) => new Date(s.start).toISOString()));
    expect(roster.shifts.every((s) => s.lengthMs === Date.parse(s.end) - Date.parse(s.start))).toBe(true);
    expect(roster.schedules.find((s) => s.id === 'PSC0001')?.onNow?.id).toBe('PME0001');
  }, 60_000);

  it('--ics opens in ical.js with one event per shift at the right times', async () => {
    const r = await runCli(['shifts', '--ics', '--days', '7', '--api-url', url], env());
    expect(r.code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(r.stdout))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const expected = await simShifts(7);
    expect(events.length).toBe(expected.length);
    expect(events.length).toBeGreaterThan(5);
    // iCalendar times are whole seconds.
    const sec = (t: string): number => Math.floor(Date.parse(t) / 1000) * 1000;
    events.forEach((e, i) => {
      expect(e.startDate.toJSDate().getTime()).toBe(sec(expected[i]!.start));
      expect(e.endDate.toJSDate().getTime()).toBe(sec(expected[i]!.end));
    });
  }, 60_000);

  it('text output shows the days with the schedule, the policy and the handoff partner', async () => {
    const r = await runCli(['shifts', '--days', '3', '--api-url', url], { ...env(), TZ: 'Europe/Berlin' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/times in Europe\/Berlin/);
    expect(r.stdout).toMatch(/Platform Primary · Platform Escalation level 1 · from Alex Kim/);
    expect(r.stdout).toMatch(/Always on call: Data Escalation level 2/);
  }, 60_000);
});

describe('override', () => {
  it("takes Alex's next block: the next roster has it, marked as an override", async () => {
    const before = await simShifts(14);
    const sched = await fetch(
      `${url}/schedules/PSC0001?since=${iso(Date.now())}&until=${iso(Date.now() + 3 * DAY)}`,
      {
        headers: { Authorization: 'Token token=x' },
      },
    );
    const final = (
      (await sched.json()) as {
        schedule: {
          final_schedule: {
            rendered_schedule_entries: Array<{ user: { id: string }; start: string; end: string }>;
          };
        };
      }
    ).schedule.final_schedule.rendered_schedule_entries;
    const alex = final.find((b) => b.user.id === 'PTM0002' && Date.parse(b.start) > Date.now())!;
    const r = await runCli(
      [
        'override',
        'PSC0001',
        '--user',
        'me',
        '--start',
        alex.start,
        '--end',
        alex.end,
        '--json',
        '--api-url',
        url,
      ],
      env(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).override.user.id).toBe('PME0001');
    const roster = JSON.parse((await runCli(['shifts', '--json', '--api-url', url], env())).stdout) as {
      shifts: Array<{ start: string; end: string; fromOverride: boolean }>;
    };
    // Alex's block joins my two neighbouring shifts into one: one shift fewer.
    expect(roster.shifts.length).toBe(before.length - 1);
    const joined = roster.shifts.find((s) => s.fromOverride)!;
    expect(Date.parse(joined.end) - Date.parse(joined.start)).toBeGreaterThanOrEqual(
      Date.parse(alex.end) - Date.parse(alex.start),
    );
  }, 90_000);

  it('a 403 names who may edit; a past range is refused before any request', async () => {
    await sim(url, 'DELETE', '/__sim/requests');
    const denied = await runCli(
      ['override', 'PSC0002', '--user', 'me', '--start', '+1h', '--end', '+2h', '--api-url', url],
      env(),
    );
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/403.*Data Primary.*manager of the Data team/);
    await sim(url, 'DELETE', '/__sim/requests');
    const past = await runCli(
      [
        'override',
        'PSC0001',
        '--user',
        'me',
        '--start',
        '2020-01-01T08:00Z',
        '--end',
        '2020-01-01T10:00Z',
        '--api-url',
        url,
      ],
      env(),
    );
    expect(past.code).not.toBe(0);
    expect(past.stderr).toMatch(/in the past/);
    const { requests } = await sim<{ requests: Array<{ method: string; path: string }> }>(
      url,
      'GET',
      '/__sim/requests',
    );
    expect(requests.filter((q) => q.method === 'POST')).toEqual([]);
  }, 90_000);
});
