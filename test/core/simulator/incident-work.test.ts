/**
 * The simulator's incident-work operations change its state: reassign (user or policy), escalate,
 * urgency, priority, responders (402 with the plan switch off), status updates, merges, alerts with
 * body details, and the record (`/__sim/state`) shows each.
 */
import { describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES, type Simulator } from '../../../src-main/core/simulator/index.js';
import { READ, WRITE, call, simulatorOnFakeTime } from './fake-time.js';

let sim: Simulator;
simulatorOnFakeTime((started) => ({ sim } = started));

const [alex, priya] = SIM_TEAMMATES;
const put = (id: string, incident: Record<string, unknown>) =>
  call(`${sim.url}/incidents/${id}`, {
    method: 'PUT',
    headers: WRITE,
    body: { incident: { type: 'incident_reference', ...incident } },
  });
const rec = (id: string) => sim.record().incidents.find((i) => i.id === id)!;

describe('simulator incident work', () => {
  it('reassigns to a user and to a policy, escalates to level 2, changes urgency and priority', async () => {
    const inc = sim.createIncident({ title: 'db slow', urgency: 'high', service: 'search' });
    expect(rec(inc.id)).toMatchObject({ priority: 'P2', escalationLevel: 1, assignees: [SIM_ME.id] });
    const r1 = await put(inc.id, { assignments: [{ assignee: { id: alex!.id, type: 'user_reference' } }] });
    expect(r1.status).toBe(200);
    expect(rec(inc.id).assignees).toEqual([alex!.id]);
    const r2 = await put(inc.id, {
      escalation_policy: { id: 'PEP0002', type: 'escalation_policy_reference' },
    });
    expect(r2.status).toBe(200);
    expect(rec(inc.id)).toMatchObject({ escalationPolicy: 'PEP0002', escalationLevel: 1 });
    expect(rec(inc.id).assignees).toEqual([SIM_TEAMMATES[2]!.id]); // Sam is on Data Primary
    const r3 = await put(inc.id, { escalation_level: 2 });
    expect(r3.status).toBe(200);
    expect(rec(inc.id)).toMatchObject({ escalationLevel: 2, assignees: [SIM_ME.id] });
    const r4 = await put(inc.id, { urgency: 'low' });
    expect(r4.body.incident.urgency).toBe('low');
    const r5 = await put(inc.id, { priority: { id: 'PPR0004', type: 'priority_reference' } });
    expect(r5.body.incident.priority.name).toBe('P4');
    expect(rec(inc.id)).toMatchObject({ urgency: 'low', priority: 'P4' });
    expect(rec(inc.id).history.map((h) => h.type)).toEqual([
      'trigger',
      'assign',
      'assign',
      'assign',
      'escalate',
      'urgency_change',
    ]);
    expect((await put(inc.id, { escalation_level: 7 })).status).toBe(400);
    expect((await put(inc.id, { priority: { id: 'NOPE', type: 'priority' } })).status).toBe(400);
  });

  it('adds responders, and answers 402 when the plan lacks them', async () => {
    const inc = sim.createIncident({ title: 'checkout down' });
    const body = {
      requester_id: SIM_ME.id,
      message: 'Please join the bridge',
      responder_request_targets: [{ responder_request_target: { id: priya!.id, type: 'user_reference' } }],
    };
    const url = `${sim.url}/incidents/${inc.id}/responder_requests`;
    const ok = await call(url, { method: 'POST', headers: WRITE, body });
    expect(ok.status).toBe(200);
    expect(ok.body.responder_request.responder_request_targets[0].id).toBe(priya!.id);
    expect(rec(inc.id).responderRequests).toEqual([
      { by: SIM_ME.id, message: 'Please join the bridge', targets: [priya!.id], at: expect.any(String) },
    ]);
    sim.setPlan({ responders: false });
    const refused = await call(url, { method: 'POST', headers: WRITE, body });
    expect(refused.status).toBe(402);
    expect(rec(inc.id).responderRequests).toHaveLength(1);
    const got = await call(`${sim.url}/incidents/${inc.id}`, { headers: READ });
    expect(got.body.incident.responder_requests).toBeUndefined();
  });

  it('posts status updates and merges incidents, moving their alerts', async () => {
    const a = sim.createIncident({ title: 'checkout 5xx', urgency: 'high' });
    const b = sim.createIncident({ title: 'checkout latency', urgency: 'low' });
    const c = sim.createIncident({ title: 'checkout pods', urgency: 'low' });
    const su = await call(`${sim.url}/incidents/${a.id}/status_updates`, {
      method: 'POST',
      headers: WRITE,
      body: { message: 'Rolling back the deploy' },
    });
    expect(su.status).toBe(200);
    expect(su.body.status_update).toMatchObject({
      message: 'Rolling back the deploy',
      sender: { id: SIM_ME.id },
    });
    const merge = await call(`${sim.url}/incidents/${a.id}/merge`, {
      method: 'PUT',
      headers: WRITE,
      body: {
        source_incidents: [
          { id: b.id, type: 'incident_reference' },
          { id: c.id, type: 'incident_reference' },
        ],
      },
    });
    expect(merge.status).toBe(200);
    expect(rec(a.id)).toMatchObject({ alerts: 3, statusUpdates: [{ message: 'Rolling back the deploy' }] });
    expect(rec(b.id)).toMatchObject({ status: 'resolved', mergedInto: a.id, alerts: 0 });
    expect(rec(c.id)).toMatchObject({ status: 'resolved', mergedInto: a.id });
    const alerts = await call(`${sim.url}/incidents/${a.id}/alerts`, { headers: READ });
    expect(alerts.body.alerts).toHaveLength(3);
    expect(alerts.body.alerts[0].body.details).toMatchObject({ source: expect.any(String) });
    const again = await call(`${sim.url}/incidents/${a.id}/merge`, {
      method: 'PUT',
      headers: WRITE,
      body: { source_incidents: [{ id: b.id, type: 'incident_reference' }] },
    });
    expect(again.status).toBe(400);
  });

  it('keeps given alert details as they are, and shows a bridge on customer-facing high urgency', async () => {
    const hostile = {
      html: '<img src=x onerror=alert(1)>',
      link: 'javascript:alert(1)',
      deep: { a: { b: 1 } },
    };
    const inc = sim.createIncident({
      title: 'x',
      details: hostile,
      service: 'checkout-api',
      urgency: 'high',
    });
    const alerts = await call(`${sim.url}/incidents/${inc.id}/alerts`, { headers: READ });
    expect(alerts.body.alerts[0].body.details).toEqual(hostile);
    const got = await call(`${sim.url}/incidents/${inc.id}?include[]=conference_bridge`, { headers: READ });
    expect(got.body.incident.conference_bridge.conference_url).toMatch(/^https:\/\//);
    const low = sim.createIncident({ title: 'y', urgency: 'low' });
    const got2 = await call(`${sim.url}/incidents/${low.id}?include[]=conference_bridge`, { headers: READ });
    expect(got2.body.incident.conference_bridge).toBeUndefined();
  });

  it('lists escalation policies with their levels and the priorities (empty when switched off)', async () => {
    const eps = await call(`${sim.url}/escalation_policies`, { headers: READ });
    const platform = eps.body.escalation_policies.find((p: { id: string }) => p.id === 'PEP0001');
    expect(platform.escalation_rules).toHaveLength(2);
    expect(platform.escalation_rules[1].targets[0].id).toBe(priya!.id);
    const pr = await call(`${sim.url}/priorities`, { headers: READ });
    expect(pr.body.priorities.map((p: { name: string }) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4']);
    sim.setPlan({ priorities: false });
    const none = await call(`${sim.url}/priorities`, { headers: READ });
    expect(none.body.priorities).toEqual([]);
  });
});
