/**
 * The spec validator itself catches what it must (so a passing contract test means something).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, matchPath, validateRequest, validateResponse } from '../support/openapi.js';

const haveSpec = existsSync(OPENAPI_PATH);
// CI keeps shared/ beside the clone: there the contract tests must run, never skip.
if (!haveSpec && process.env.CI) throw new Error(`contract tests need ${OPENAPI_PATH}, which is missing`);
const H = { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' };

describe.skipIf(!haveSpec)('OpenAPI validator', () => {
  it('matches literal paths before templated ones', () => {
    expect(matchPath('/users/me')).toBe('/users/me');
    expect(matchPath('/users/PABC123')).toBe('/users/{id}');
    expect(matchPath('/incidents/Q1/snooze')).toBe('/incidents/{id}/snooze');
    expect(matchPath('/nope/here')).toBeNull();
  });

  it('flags a response missing required fields or with a wrong enum', () => {
    expect(
      validateResponse('GET', '/users/me', 200, { user: { id: 'P1', type: 'user', name: 'A' } }).join(),
    ).toMatch(/email/);
    expect(
      validateResponse('GET', '/incidents', 200, { incidents: [{ id: 'Q', status: 'open' }] }).join(),
    ).toMatch(/allowed values/);
    expect(validateResponse('GET', '/incidents', 200, { limit: 1 }).join()).toMatch(/incidents/);
    expect(validateResponse('GET', '/incidents', 201, { incidents: [] })).toEqual([
      'status 201 is not declared for GET /incidents',
    ]);
    expect(validateResponse('GET', '/incidents', 500, { error: { message: 1 } }).length).toBeGreaterThan(0);
  });

  it('flags a request without auth, without From on a write, with a bad body or an unknown parameter', () => {
    expect(
      validateRequest({ method: 'GET', path: '/incidents', headers: { Accept: H.Accept } }).join(),
    ).toMatch(/Authorization/);
    const put = {
      method: 'PUT',
      path: '/incidents/Q1',
      headers: { ...H, 'Content-Type': 'application/json' },
    };
    expect(
      validateRequest({
        ...put,
        body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
      }).join(),
    ).toMatch(/From/);
    const bad = validateRequest({
      ...put,
      headers: { ...put.headers, From: 'a@b.co' },
      body: { incident: { type: 'nope' } },
    });
    expect(bad.join()).toMatch(/request body/);
    const good = validateRequest({
      ...put,
      headers: { ...put.headers, From: 'a@b.co' },
      body: { incident: { type: 'incident_reference', status: 'resolved' } },
    });
    expect(good).toEqual([]);
    const q = validateRequest({
      method: 'GET',
      path: '/incidents',
      headers: H,
      query: { 'statuses[]': ['triggered', 'bogus'], colour: 'red' },
    });
    expect(q).toHaveLength(2);
    expect(
      validateRequest({ method: 'GET', path: '/incidents?limit=10&statuses[]=triggered', headers: H }),
    ).toEqual([]);
    expect(
      validateRequest({
        method: 'POST',
        path: '/incidents/Q1/snooze',
        headers: { ...H, From: 'a@b.co', 'Content-Type': 'application/json' },
        body: { duration: 0 },
      }).join(),
    ).toMatch(/>= 1/);
    expect(validateRequest({ method: 'DELETE', path: '/users/me', headers: H }).join()).toMatch(
      /not in the spec/,
    );
  });
});
