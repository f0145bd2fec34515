/**
 * The names directory against PagerDuty's OpenAPI spec: the client's `GET /services` and
 * `GET /teams` (every page) as the simulator recorded them, and the simulator's answers to both,
 * paged. The lists read are the simulator's own (counted independently from its fixtures).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import {
  SIM_SERVICES,
  SIM_TEAMS,
  startSimulator,
  type Simulator,
} from '../../src-main/core/simulator/index.js';
import { OPENAPI_PATH, validateRequest, validateResponse } from '../support/openapi.js';

const haveSpec = existsSync(OPENAPI_PATH);
if (!haveSpec && process.env.CI) throw new Error(`contract tests need ${OPENAPI_PATH}, which is missing`);
if (!haveSpec) console.warn(`names contract tests skipped: ${OPENAPI_PATH} is missing`);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none', teamHistory: 'demo' });
});
afterAll(async () => {
  await sim.close();
});

const READ = { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' };

async function answer(path: string) {
  const res = await fetch(`${sim.url}${path}`, { headers: READ });
  const json = (await res.json()) as Record<string, unknown>;
  expect({
    call: `GET ${path}`,
    problems: validateResponse('GET', path.split('?')[0]!, res.status, json),
  }).toEqual({
    call: `GET ${path}`,
    problems: [],
  });
  return json;
}

describe.skipIf(!haveSpec)('the names directory validates against the PagerDuty spec', () => {
  it("the client's GET /services and GET /teams, and the lists they read", async () => {
    await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    const client = createPagerDutyClient({ baseUrl: sim.url, token: 'tok', fetch: (u, i) => fetch(u, i) });
    const services = await client.listServiceNames();
    const teams = await client.listTeamNames();
    expect(services.skipped).toEqual([]);
    expect(services.items.map((s) => s.id).sort()).toEqual(SIM_SERVICES.map((s) => s.id).sort());
    const checkout = services.items.find((s) => s.id === SIM_SERVICES[0]!.id);
    expect(checkout).toMatchObject({ name: SIM_SERVICES[0]!.name });
    expect(checkout!.teams.length).toBe(1);
    expect(teams.items.map((t) => t.name)).toEqual(expect.arrayContaining(SIM_TEAMS.map((t) => t.name)));
    const res = await fetch(`${sim.url}/__sim/requests`);
    const { requests } = (await res.json()) as { requests: Parameters<typeof validateRequest>[0][] };
    expect(new Set(requests.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set(['GET /services', 'GET /teams']),
    );
    for (const r of requests)
      expect({ call: `${r.method} ${r.path}`, problems: validateRequest(r) }).toEqual({
        call: `${r.method} ${r.path}`,
        problems: [],
      });
  });

  it("the simulator's answers, whole and paged", async () => {
    const all = await answer('/services');
    const first = await answer('/services?limit=2&offset=0');
    expect((first.services as unknown[]).length).toBe(2);
    expect(first.more).toBe((all.services as unknown[]).length > 2);
    await answer('/services?limit=2&offset=2');
    const teams = await answer('/teams');
    expect((teams.teams as unknown[]).length).toBeGreaterThanOrEqual(SIM_TEAMS.length);
    await answer('/teams?limit=1&offset=1');
    await answer('/teams?query=plat');
  });
});
