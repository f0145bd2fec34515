/**
 * Incident work against PagerDuty's OpenAPI spec: every request the client makes for alerts, users,
 * escalation policies, priorities, reassign (user and policy), escalate, urgency, priority,
 * responders, status updates and merges (as the simulator recorded them), and the simulator's answers
 * to each, including the 402 of a plan without responders.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type Simulator,
} from '../../src-main/core/simulator/index.js';
import { OPENAPI_PATH, validateRequest, validateResponse } from '../support/openapi.js';

const haveSpec = existsSync(OPENAPI_PATH);
if (!haveSpec && process.env.CI) throw new Error(`contract tests need ${OPENAPI_PATH}, which is missing`);
if (!haveSpec) console.warn(`incident work contract tests skipped: ${OPENAPI_PATH} is missing`);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
afterAll(async () => {
  await sim.close();
});

const READ = { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' };
const [alex, priya] = SIM_TEAMMATES;

async function answer(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...READ, ...(body ? { 'Content-Type': 'application/json', From: SIM_ME.email } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as unknown;
  expect({
    call: `${method} ${path}`,
    problems: validateResponse(method, path.split('?')[0]!, res.status, json),
  }).toEqual({
    call: `${method} ${path}`,
    problems: [],
  });
  return { status: res.status, body: json };
}

describe.skipIf(!haveSpec)('incident work validates against the PagerDuty spec', () => {
  it("the client's requests for every incident-work operation", async () => {
    await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    const client = createPagerDutyClient({ baseUrl: sim.url, token: 'tok', fetch: (u, i) => fetch(u, i) });
    await client.getMe();
    const a = sim.createIncident({ title: 'checkout 5xx', urgency: 'high' }).id;
    const b = sim.createIncident({ title: 'checkout latency', urgency: 'low' }).id;
    expect((await client.getIncidentWork(a)).conferenceBridge?.url).toMatch(/^https:/);
    expect((await client.listAlerts(a)).items).toHaveLength(1);
    const changes = await client.listRelatedChangeEvents(a);
    expect(changes?.items.map((c) => c.links.map((l) => l.href))).toEqual([
      [expect.stringMatching(/^https:\/\/ci\./)],
    ]);
    expect((await client.listUsers('alex')).items.map((u) => u.id)).toEqual([alex!.id]);
    expect((await client.listEscalationPolicies('')).items.length).toBeGreaterThan(1);
    expect((await client.listPriorities())?.items.length).toBe(4);
    expect((await client.listServices('checkout')).items.map((s) => s.name)).toEqual(['checkout-api']);
    const ok = { ok: true };
    expect(await client.reassign(a, { userIds: [alex!.id] })).toMatchObject(ok);
    expect(await client.reassign(a, { policyId: 'PEP0001' })).toMatchObject(ok);
    expect(await client.escalate(a, 2)).toMatchObject(ok);
    expect(await client.setUrgency(a, 'low')).toMatchObject(ok);
    expect(await client.setPriority(a, 'PPR0002')).toMatchObject(ok);
    await client.addResponders(a, { requesterId: SIM_ME.id, userIds: [priya!.id], message: 'join' });
    await client.postStatusUpdate(a, 'Mitigated');
    const logged = (await client.listLogEntries(a)).items.filter((e) => e.type === 'status_update_log_entry');
    expect(logged.map((e) => e.content)).toEqual(['Mitigated']);
    await client.merge(a, [b]);
    const rec = sim.record().incidents;
    expect(rec.find((i) => i.id === a)).toMatchObject({ priority: 'P2', urgency: 'low', alerts: 2 });
    expect(rec.find((i) => i.id === b)).toMatchObject({ mergedInto: a });

    const res = await fetch(`${sim.url}/__sim/requests`);
    const { requests } = (await res.json()) as { requests: Parameters<typeof validateRequest>[0][] };
    const paths = new Set(requests.map((r) => `${r.method} ${r.path.replace(a, '{id}')}`));
    for (const p of [
      'GET /incidents/{id}',
      'GET /incidents/{id}/alerts',
      'GET /incidents/{id}/related_change_events',
      'GET /users',
      'GET /escalation_policies',
      'GET /priorities',
      'GET /services',
      'PUT /incidents/{id}',
      'POST /incidents/{id}/responder_requests',
      'POST /incidents/{id}/status_updates',
      'GET /incidents/{id}/log_entries',
      'PUT /incidents/{id}/merge',
    ])
      expect(paths).toContain(p);
    for (const r of requests)
      expect({ call: `${r.method} ${r.path}`, problems: validateRequest(r) }).toEqual({
        call: `${r.method} ${r.path}`,
        problems: [],
      });
  });

  it("the simulator's answers, including the 402 of a plan without responders", async () => {
    const a = sim.createIncident({ title: 'auth down', urgency: 'high', service: 'auth-gateway' }).id;
    const b = sim.createIncident({ title: 'auth slow', urgency: 'low', service: 'auth-gateway' }).id;
    await answer('GET', `/incidents/${a}?include[]=conference_bridge`);
    await answer('GET', `/incidents/${a}/alerts`);
    const changes = await answer('GET', `/incidents/${a}/related_change_events?limit=10`);
    expect((changes.body as { change_events: unknown[] }).change_events).toHaveLength(1);
    sim.setPlan({ changeEvents: false });
    expect((await answer('GET', `/incidents/${a}/related_change_events`)).status).toBe(404);
    sim.setPlan({ changeEvents: true });
    await answer('GET', '/users?query=pri');
    await answer('GET', '/escalation_policies');
    await answer('GET', '/priorities');
    await answer('GET', '/services');
    await answer('GET', '/services?query=auth');
    const put = (incident: Record<string, unknown>) =>
      answer('PUT', `/incidents/${a}`, { incident: { type: 'incident_reference', ...incident } });
    expect(
      (await put({ assignments: [{ assignee: { id: alex!.id, type: 'user_reference' } }] })).status,
    ).toBe(200);
    expect(
      (await put({ escalation_policy: { id: 'PEP0002', type: 'escalation_policy_reference' } })).status,
    ).toBe(200);
    expect((await put({ escalation_level: 2 })).status).toBe(200);
    expect((await put({ urgency: 'low' })).status).toBe(200);
    expect((await put({ priority: { id: 'PPR0001', type: 'priority_reference' } })).status).toBe(200);
    const rr = {
      requester_id: SIM_ME.id,
      message: 'Please join',
      responder_request_targets: [{ responder_request_target: { id: priya!.id, type: 'user_reference' } }],
    };
    expect((await answer('POST', `/incidents/${a}/responder_requests`, rr)).status).toBe(200);
    expect(
      (await answer('POST', `/incidents/${a}/status_updates`, { message: 'Investigating' })).status,
    ).toBe(200);
    // The status update is in the incident's log (read back before a re-send, shown in the timeline).
    const log = await answer('GET', `/incidents/${a}/log_entries`);
    const entries = (log.body as { log_entries: Array<{ type: string; message?: string }> }).log_entries;
    expect(entries.filter((e) => e.type === 'status_update_log_entry')).toEqual([
      expect.objectContaining({ message: 'Investigating' }),
    ]);
    const merge = { source_incidents: [{ id: b, type: 'incident_reference' }] };
    expect((await answer('PUT', `/incidents/${a}/merge`, merge)).status).toBe(200);
    await answer('GET', `/incidents/${a}`);
    sim.setPlan({ responders: false });
    expect((await answer('POST', `/incidents/${a}/responder_requests`, rr)).status).toBe(402);
    sim.setPlan({ responders: true });
    expect((await answer('GET', '/incidents/NOPE/alerts')).status).toBe(404);
  });
});
