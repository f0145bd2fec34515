/**
 * Every operation of the PagerDuty client, run against the simulator: each request it sent (as the
 * simulator recorded it) validates against PagerDuty's OpenAPI spec, writes carry `From`, and the
 * token never shows in the record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPagerDutyClient, type PagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type Simulator,
} from '../../src-main/core/simulator/index.js';
import { specPresent, validateRequest } from '../support/openapi.js';
import { recordedRequests } from '../support/sim-requests.js';

const haveSpec = specPresent('client');

const TOKEN = 'u+secret-token-abc123';
let sim: Simulator;
let client: PagerDutyClient;

beforeEach(async () => {
  sim = await startSimulator({ scenario: 'none' });
  client = createPagerDutyClient({
    baseUrl: sim.url,
    token: TOKEN,
    fetch: (u, i) => fetch(u, i),
    fromEmail: null,
  });
});
afterEach(async () => {
  await sim.close();
});

/** Validates every request recorded since the test began and returns them. */
async function recorded() {
  const requests = await recordedRequests(sim.url);
  expect(JSON.stringify(requests)).not.toContain(TOKEN);
  for (const r of requests) {
    expect({ call: `${r.method} ${r.path}`, problems: validateRequest(r) }).toEqual({
      call: `${r.method} ${r.path}`,
      problems: [],
    });
  }
  return requests;
}

describe.skipIf(!haveSpec)('client requests validate against the PagerDuty spec', () => {
  it('reads: getMe, listIncidents (all pages, filters), listOncalls, listLogEntries', async () => {
    for (let i = 0; i < 5; i += 1) sim.createIncident({ title: `r${i}`, urgency: i % 2 ? 'low' : 'high' });
    const me = await client.getMe();
    expect(me.email).toBe(SIM_ME.email);
    const list = await client.listIncidents({
      statuses: ['triggered', 'acknowledged'],
      userIds: [SIM_ME.id],
      urgencies: ['high', 'low'],
      serviceIds: ['PSV0001'],
      teamIds: ['PTE0001'],
      sortBy: 'created_at:desc',
      limit: 2,
    });
    expect(list.items).toHaveLength(5);
    expect(list.skipped).toEqual([]);
    const all = await client.listIncidents({ dateRangeAll: true });
    expect(all.items).toHaveLength(5);
    const since = new Date().toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const oncalls = await client.listOncalls({ userIds: [SIM_ME.id], since, until, earliest: true });
    expect(oncalls.items.length).toBeGreaterThan(0);
    const log = await client.listLogEntries(list.items[0]!.id);
    expect(log.items.map((l) => l.type)).toContain('trigger_log_entry');
    const reqs = await recorded();
    expect(reqs.filter((r) => r.path === '/incidents').length).toBeGreaterThanOrEqual(4);
  });

  it('writes: updateIncident, updateIncidents, snooze, addNote carry From and valid bodies', async () => {
    const ids = [0, 1, 2].map((i) => sim.createIncident({ title: `w${i}` }).id);
    await client.getMe();
    const ack = await client.updateIncident(ids[0]!, 'acknowledged');
    expect(ack).toMatchObject({ ok: true, alreadyDone: false });
    const again = await client.updateIncident(ids[0]!, 'acknowledged');
    expect(again).toMatchObject({ ok: true, alreadyDone: true });
    const bulk = await client.updateIncidents([ids[1]!, ids[2]!], 'acknowledged');
    expect(bulk.every((r) => r.ok)).toBe(true);
    expect(await client.snooze(ids[0]!, 3600)).toMatchObject({ ok: true });
    await client.addNote(ids[0]!, 'Investigating');
    const res = await client.updateIncident(ids[1]!, 'resolved');
    expect(res.ok).toBe(true);
    const reqs = await recorded();
    const writes = reqs.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(6);
    for (const w of writes) expect(w.headers.from).toBe(SIM_ME.email);
    const state = sim.record().incidents;
    expect(state.map((i) => i.status)).toEqual(['acknowledged', 'resolved', 'acknowledged']);
    expect(state[0]!.history.map((h) => h.type)).toContain('snooze');
  });

  it('account-level key: getMe falls back to the From user, writes act as that user', async () => {
    const alex = SIM_TEAMMATES[0]!;
    const acct = createPagerDutyClient({
      baseUrl: sim.url,
      token: 'account-key-xyz',
      fetch: (u, i) => fetch(u, i),
      fromEmail: alex.email,
    });
    const inc = sim.createIncident({ title: 'acct' });
    const me = await acct.getMe();
    expect(me.email).toBe(alex.email);
    expect(await acct.updateIncident(inc.id, 'acknowledged')).toMatchObject({ ok: true });
    expect(sim.record().incidents[0]!.ackedBy).toBe(alex.id);
    await recorded();
  });
});
