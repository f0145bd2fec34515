/**
 * Schedules and overrides against PagerDuty's OpenAPI spec: the client's requests (`GET /oncalls` for
 * a range, `GET /schedules/{id}`, `POST /schedules/{id}/overrides`) as the simulator recorded them,
 * and the simulator's answers, including the 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { loadRoster } from '../../src-main/core/shifts/roster.js';
import {
  SIM_ME,
  SIM_TEAMMATES,
  startSimulator,
  type Simulator,
} from '../../src-main/core/simulator/index.js';
import { specPresent, validateRequest, validateResponse } from '../support/openapi.js';
import { recordedRequests } from '../support/sim-requests.js';

const haveSpec = specPresent('schedule');

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
afterAll(async () => {
  await sim.close();
});

const READ = { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' };

async function answer(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...READ,
      ...(body ? { 'Content-Type': 'application/json', From: SIM_ME.email } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as unknown;
  expect(validateResponse(method, path.split('?')[0]!, res.status, json)).toEqual([]);
  return { status: res.status, body: json };
}

describe.skipIf(!haveSpec)('schedules and overrides validate against the PagerDuty spec', () => {
  it("the client's roster and override requests", async () => {
    await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    const client = createPagerDutyClient({ baseUrl: sim.url, token: 'tok', fetch: (u, i) => fetch(u, i) });
    await client.getMe();
    const now = Date.now();
    const roster = await loadRoster(client, { id: SIM_ME.id, summary: SIM_ME.name }, now, 14);
    expect(roster.shifts.length).toBeGreaterThan(10);
    const block = roster.schedules[0]!.blocks.find(
      (b) => b.user.id !== SIM_ME.id && Date.parse(b.start) > now,
    )!;
    await client.createOverride('PSC0001', { userId: SIM_ME.id, start: block.start, end: block.end });
    const requests = await recordedRequests(sim.url);
    const paths = requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /oncalls');
    expect(paths).toContain('GET /schedules/PSC0001');
    expect(paths).toContain('POST /schedules/PSC0001/overrides');
    for (const r of requests)
      expect({ call: `${r.method} ${r.path}`, problems: validateRequest(r) }).toEqual({
        call: `${r.method} ${r.path}`,
        problems: [],
      });
  });

  it("the simulator's answers: schedules, overrides, on-calls for a range, 403 and 404", async () => {
    const now = Date.now();
    await answer('GET', '/schedules');
    await answer('GET', '/schedules/PSC0001');
    await answer('GET', `/schedules/PSC0001?since=${iso(now)}&until=${iso(now + 14 * DAY)}`);
    await answer('GET', `/oncalls?schedule_ids[]=PSC0001&since=${iso(now)}&until=${iso(now + 14 * DAY)}`);
    const body = {
      overrides: [
        {
          start: iso(now + DAY),
          end: iso(now + DAY + 3_600_000),
          user: { id: SIM_TEAMMATES[0]!.id, type: 'user_reference' },
        },
      ],
    };
    expect((await answer('POST', '/schedules/PSC0003/overrides', body)).status).toBe(201);
    expect((await answer('POST', '/schedules/PSC0002/overrides', body)).status).toBe(403);
    expect((await answer('GET', '/schedules/NOPE')).status).toBe(404);
  });
});
