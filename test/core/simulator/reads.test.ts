import { describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES, type Simulator } from '../../../src-main/core/simulator/index.js';
import type { FakeTime } from './fake-time.js';
import { call, simulatorOnFakeTime } from './fake-time.js';

let sim: Simulator;
let time: FakeTime;
simulatorOnFakeTime((started) => ({ sim, time } = started));

function seed(n: number): void {
  for (let i = 0; i < n; i += 1) {
    sim.createIncident({
      title: `Incident ${i + 1}`,
      urgency: i % 2 === 0 ? 'high' : 'low',
      service: i % 3 === 0 ? 'search' : 'checkout-api',
      assignee: i % 4 === 3 ? 'other' : 'me',
    });
    time.advance(1000);
  }
}

describe('simulator reads', () => {
  it('answers GET /users/me with me', async () => {
    const r = await call(`${sim.url}/users/me`);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({
      id: SIM_ME.id,
      type: 'user',
      email: SIM_ME.email,
      time_zone: 'Europe/Berlin',
    });
  });

  it('pages with limit/offset/more and gives total only when asked', async () => {
    seed(7);
    const p1 = await call(`${sim.url}/incidents?limit=3`);
    expect(p1.body).toMatchObject({ limit: 3, offset: 0, more: true, total: null });
    expect(p1.body.incidents.map((i: { incident_number: number }) => i.incident_number)).toEqual([1, 2, 3]);
    const p3 = await call(`${sim.url}/incidents?limit=3&offset=6&total=true`);
    expect(p3.body).toMatchObject({ limit: 3, offset: 6, more: false, total: 7 });
    expect(p3.body.incidents).toHaveLength(1);
    const big = await call(`${sim.url}/incidents?limit=500`);
    expect(big.body.limit).toBe(100);
    const tooFar = await call(`${sim.url}/incidents?limit=100&offset=9950`);
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error.code).toBe(2001);
  });

  it('filters by status, assignee, service, team, urgency, time and sorts', async () => {
    seed(8);
    const mine = await call(`${sim.url}/incidents?user_ids[]=${SIM_ME.id}&limit=100`);
    expect(mine.body.incidents).toHaveLength(6);
    const others = await call(`${sim.url}/incidents?user_ids[]=${SIM_TEAMMATES[0]!.id}`);
    expect(others.body.incidents.map((i: { title: string }) => i.title)).toEqual([
      'Incident 4',
      'Incident 8',
    ]);
    const search = await call(`${sim.url}/incidents?service_ids[]=PSV0003`);
    expect(search.body.incidents).toHaveLength(3);
    const low = await call(`${sim.url}/incidents?urgencies[]=low`);
    expect(low.body.incidents.every((i: { urgency: string }) => i.urgency === 'low')).toBe(true);
    expect(low.body.incidents).toHaveLength(4);
    const team = await call(`${sim.url}/incidents?team_ids[]=PTE0002`);
    expect(team.body.incidents).toHaveLength(0);
    const since = new Date(time.now() - 3500).toISOString();
    const recent = await call(`${sim.url}/incidents?since=${encodeURIComponent(since)}`);
    expect(recent.body.incidents.map((i: { incident_number: number }) => i.incident_number)).toEqual([
      6, 7, 8,
    ]);
    const desc = await call(`${sim.url}/incidents?sort_by=created_at:desc&limit=2`);
    expect(desc.body.incidents.map((i: { incident_number: number }) => i.incident_number)).toEqual([8, 7]);
    const acked = await call(`${sim.url}/incidents?statuses[]=acknowledged`);
    expect(acked.body.incidents).toHaveLength(0);
    const open = await call(`${sim.url}/incidents?statuses[]=triggered&statuses[]=acknowledged&total=true`);
    expect(open.body.total).toBe(8);
    const bad = await call(`${sim.url}/incidents?statuses[]=open`);
    expect(bad.status).toBe(400);
  });

  it('ignores the default month window only with date_range=all', async () => {
    sim.createIncident({ title: 'old one' });
    time.advance(40 * 86_400_000);
    sim.createIncident({ title: 'new one' });
    const dflt = await call(`${sim.url}/incidents`);
    expect(dflt.body.incidents.map((i: { title: string }) => i.title)).toEqual(['new one']);
    const all = await call(`${sim.url}/incidents?date_range=all`);
    expect(all.body.incidents).toHaveLength(2);
  });

  it('returns incidents in PagerDuty shape and expands includes', async () => {
    const created = sim.createIncident({ title: 'Payments down', service: 'payments-worker' });
    expect(created.html_url).toBe(`https://demo.pagerduty.com/incidents/${created.id}`);
    const plain = await call(`${sim.url}/incidents/${created.id}`);
    expect(plain.body.incident).toMatchObject({
      id: created.id,
      incident_number: 1,
      status: 'triggered',
      service: { id: 'PSV0002', type: 'service_reference', summary: 'payments-worker' },
      first_trigger_log_entry: { type: 'trigger_log_entry_reference' },
    });
    expect(plain.body.incident.assignments[0]).toMatchObject({
      at: expect.any(String),
      assignee: { id: SIM_ME.id },
    });
    const full = await call(
      `${sim.url}/incidents?include[]=first_trigger_log_entries&include[]=assignees&include[]=services`,
    );
    const inc = full.body.incidents[0];
    expect(inc.first_trigger_log_entry.type).toBe('trigger_log_entry');
    expect(inc.first_trigger_log_entry.channel.details.runbook).toMatch(/^https:\/\//);
    expect(inc.assignments[0].assignee).toMatchObject({ type: 'user', email: SIM_ME.email });
    expect(inc.service.type).toBe('service');
    const byNumber = await call(`${sim.url}/incidents/1`);
    expect(byNumber.body.incident.id).toBe(created.id);
    expect(() => sim.createIncident({ title: 'x', service: 'no-such-service' })).toThrow(/Unknown service/);
    const missing = await call(`${sim.url}/incidents/NOPE123`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe(2100);
  });

  it('lists on-call entries: me now, a teammate after the handoff, me again', async () => {
    const now = await call(`${sim.url}/oncalls?user_ids[]=${SIM_ME.id}`);
    const platform = now.body.oncalls.filter((o: { escalation_level: number }) => o.escalation_level === 1);
    expect(platform).toHaveLength(1);
    expect(Date.parse(platform[0].end)).toBe(sim.handoffAt);
    const until = new Date(time.now() + 3 * 86_400_000).toISOString();
    const week = await call(
      `${sim.url}/oncalls?since=${new Date(time.now()).toISOString()}&until=${until}&schedule_ids[]=PSC0001`,
    );
    const users = week.body.oncalls.map((o: { user: { id: string } }) => o.user.id);
    expect(users.slice(0, 3)).toEqual([SIM_ME.id, SIM_TEAMMATES[0]!.id, SIM_ME.id]);
    const earliest = await call(
      `${sim.url}/oncalls?user_ids[]=${SIM_ME.id}&since=${new Date(sim.handoffAt + 1).toISOString()}&until=${until}&earliest=true`,
    );
    const next = earliest.body.oncalls.filter((o: { escalation_level: number }) => o.escalation_level === 1);
    expect(next).toHaveLength(1);
    expect(Date.parse(next[0].start)).toBeGreaterThan(sim.handoffAt);
    const permanent = earliest.body.oncalls.find((o: { start: string | null }) => o.start === null);
    expect(permanent).toMatchObject({ escalation_level: 2, end: null, schedule: null });
  });

  it('lists log entries with paging', async () => {
    const inc = sim.createIncident({ title: 'x' });
    const r = await call(`${sim.url}/incidents/${inc.id}/log_entries?is_overview=true`);
    expect(r.body.log_entries.map((e: { type: string }) => e.type)).toEqual([
      'trigger_log_entry',
      'assign_log_entry',
    ]);
    expect(r.body.more).toBe(false);
  });
});
