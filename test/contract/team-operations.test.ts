/**
 * The team load's PagerDuty operations against the spec: every request the team backfill and the
 * Analytics cross-check send (GET /teams, GET /incidents with team_ids[], GET /log_entries,
 * GET /oncalls with escalation_policy_ids[], POST /analytics/raw/incidents) validates against
 * PagerDuty's OpenAPI, and so does every answer the simulator's team history gives (including
 * POST /analytics/metrics/incidents/all and the 402 of a plan without Analytics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import {
  DEMO_TEAM,
  demoTeamHistory,
  startSimulator,
  type Simulator,
} from '../../src-main/core/simulator/index.js';
import { systemClock, systemTimers } from '../../src-main/core/ports.js';
import { backfillTeam } from '../../src-main/core/team/backfill.js';
import { createTeamApi } from '../../src-main/core/team/team-api.js';
import { specPresent, validateRequest, validateResponse } from '../support/openapi.js';
import { recordedRequests } from '../support/sim-requests.js';
import { call } from '../core/simulator/fake-time.js';

const haveSpec = specPresent('team');

const TOKEN = 'team-contract-token-9Jw2';
let sim: Simulator;
let noAnalytics: Simulator;
const now = Date.now();

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none', teamHistory: 'demo' });
  noAnalytics = await startSimulator({
    scenario: 'none',
    teamHistory: { ...demoTeamHistory(now, 3, 2), analytics: false },
  });
});
afterAll(async () => {
  await sim?.close();
  await noAnalytics?.close();
});

describe.skipIf(!haveSpec)('team load operations validate against the PagerDuty spec', () => {
  it('requests of the team backfill and the cross-check', async () => {
    const api = createPagerDutyClient({ baseUrl: sim.url, token: TOKEN, fetch: (u, i) => fetch(u, i) });
    const teamApi = createTeamApi({ baseUrl: sim.url, token: TOKEN, fetch: (u, i) => fetch(u, i) });
    const teams = await teamApi.listTeams();
    expect(teams.items.map((t) => t.id)).toContain(DEMO_TEAM.id);
    const got = await backfillTeam(
      api,
      teamApi,
      {
        account: teamApi.host,
        teamId: DEMO_TEAM.id,
        serviceIds: [],
        since: now - 21 * 86_400_000,
        until: now,
      },
      { clock: systemClock, timers: systemTimers, minIntervalMs: 0 },
    );
    expect(got.pages.length).toBeGreaterThan(20);
    expect(got.spans.length).toBeGreaterThan(0);
    // By services only: log entries are read per incident.
    const bySvc = await backfillTeam(
      api,
      teamApi,
      {
        account: teamApi.host,
        teamId: null,
        serviceIds: ['PSV0093'],
        since: now - 21 * 86_400_000,
        until: now,
      },
      { clock: systemClock, timers: systemTimers, minIntervalMs: 0 },
    );
    expect(bySvc.pages.every((p) => p.serviceId === 'PSV0093')).toBe(true);
    const analytics = await teamApi.analyticsIncidents({
      since: new Date(now - 7 * 86_400_000).toISOString(),
      until: new Date(now).toISOString(),
      teamIds: [DEMO_TEAM.id],
    });
    expect(analytics?.length).toBeGreaterThan(0);

    const requests = await recordedRequests(sim.url);
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
    const paths = new Set(
      requests.map((r) => `${r.method} ${r.path.replace(/\/incidents\/[^/]+\//, '/incidents/{id}/')}`),
    );
    for (const p of [
      'GET /teams',
      'GET /incidents',
      'GET /log_entries',
      'GET /oncalls',
      'GET /incidents/{id}/log_entries',
      'POST /analytics/raw/incidents',
    ])
      expect(paths).toContain(p);
    for (const r of requests) {
      expect({ call: `${r.method} ${r.path}`, problems: validateRequest(r) }).toEqual({
        call: `${r.method} ${r.path}`,
        problems: [],
      });
    }
  });

  it('answers of the simulator team history', async () => {
    const since = encodeURIComponent(new Date(now - 14 * 86_400_000).toISOString());
    const until = encodeURIComponent(new Date(now).toISOString());
    const checks: Array<[string, string, unknown, number]> = [
      ['GET', '/teams', undefined, 200],
      ['GET', `/teams/${DEMO_TEAM.id}`, undefined, 200],
      ['GET', `/incidents?team_ids[]=${DEMO_TEAM.id}&since=${since}&until=${until}&limit=5`, undefined, 200],
      [
        'GET',
        `/log_entries?team_ids[]=${DEMO_TEAM.id}&since=${since}&until=${until}&limit=10`,
        undefined,
        200,
      ],
      ['GET', `/oncalls?escalation_policy_ids[]=PEP0009&since=${since}&until=${until}`, undefined, 200],
    ];
    const analyticsBody = {
      filters: {
        created_at_start: decodeURIComponent(since),
        created_at_end: decodeURIComponent(until),
        team_ids: [DEMO_TEAM.id],
      },
    };
    for (const [method, path, body, status] of checks) {
      const r = await call(`${sim.url}${path}`, { method, ...(body ? { body } : {}) });
      expect({ path, status: r.status }).toEqual({ path, status });
      expect({ path, problems: validateResponse(method, path.split('?')[0]!, r.status, r.body) }).toEqual({
        path,
        problems: [],
      });
    }
    const first = (await call(`${sim.url}${checks[2]![1]}`, { method: 'GET' })).body.incidents[0];
    const log = await call(`${sim.url}/incidents/${first.id}/log_entries`, { method: 'GET' });
    expect(validateResponse('GET', `/incidents/${first.id}/log_entries`, log.status, log.body)).toEqual([]);
    for (const path of ['/analytics/raw/incidents', '/analytics/metrics/incidents/all']) {
      const r = await call(`${sim.url}${path}`, { method: 'POST', body: analyticsBody });
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
      expect({ path, problems: validateResponse('POST', path, r.status, r.body) }).toEqual({
        path,
        problems: [],
      });
      const off = await call(`${noAnalytics.url}${path}`, { method: 'POST', body: analyticsBody });
      expect(off.status).toBe(402);
      expect(validateResponse('POST', path, off.status, off.body)).toEqual([]);
    }
  });

  it('a plan without Analytics hides the comparison (null), it does not fail', async () => {
    const teamApi = createTeamApi({ baseUrl: noAnalytics.url, token: TOKEN, fetch: (u, i) => fetch(u, i) });
    expect(
      await teamApi.analyticsIncidents({
        since: new Date(now - 86_400_000).toISOString(),
        until: new Date(now).toISOString(),
      }),
    ).toBeNull();
  });
});
