import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_TEAMMATES, startSimulator, type Simulator } from '../../../src-main/core/simulator/index.js';
import { READ, WRITE, call } from './fake-time.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
afterEach(async () => {
  await sim.close();
});

describe('simulator authentication and From', () => {
  it.each([
    ['missing', undefined],
    ['empty token', 'Token token='],
    ['wrong scheme', 'Basic abc'],
    ['bare token', 'abc123'],
  ])('answers 401 code 2006 when Authorization is %s', async (_name, auth) => {
    const headers: Record<string, string> = { Accept: READ.Accept };
    if (auth !== undefined) headers.Authorization = auth;
    const r = await call(`${sim.url}/incidents`, { headers });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: { message: 'Authentication failed', code: 2006, errors: [] } });
  });

  it('accepts Bearer tokens and any Token token', async () => {
    expect(
      (await call(`${sim.url}/users/me`, { headers: { Authorization: 'Bearer oauth-xyz' } })).status,
    ).toBe(200);
    expect((await call(`${sim.url}/users/me`, { headers: READ })).status).toBe(200);
  });

  it('refuses a non-JSON Accept', async () => {
    const r = await call(`${sim.url}/users/me`, { headers: { ...READ, Accept: 'text/html' } });
    expect(r.status).toBe(406);
  });

  it('answers /users/me with a plain-string error for an account-level key', async () => {
    const r = await call(`${sim.url}/users/me`, {
      headers: { ...READ, Authorization: 'Token token=account-abc' },
    });
    expect(r.status).toBe(400);
    expect(typeof r.body.error).toBe('string');
  });

  it('requires a known From on every write', async () => {
    const inc = sim.createIncident({ title: 'x' });
    const body = { incident: { type: 'incident_reference', status: 'acknowledged' } };
    const { From: _f, ...noFrom } = WRITE;
    const missing = await call(`${sim.url}/incidents/${inc.id}`, { method: 'PUT', headers: noFrom, body });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe(2001);
    const unknown = await call(`${sim.url}/incidents/${inc.id}`, {
      method: 'PUT',
      headers: { ...WRITE, From: 'nobody@example.com' },
      body,
    });
    expect(unknown.status).toBe(400);
    const note = await call(`${sim.url}/incidents/${inc.id}/notes`, {
      method: 'POST',
      headers: noFrom,
      body: { note: { content: 'x' } },
    });
    expect(note.status).toBe(400);
    expect(sim.record().incidents[0]!.status).toBe('triggered');
  });

  it('acts as the From user with an account-level key', async () => {
    const inc = sim.createIncident({ title: 'x' });
    const alex = SIM_TEAMMATES[0]!;
    const r = await call(`${sim.url}/incidents/${inc.id}`, {
      method: 'PUT',
      headers: { ...WRITE, Authorization: 'Token token=account-abc', From: alex.email },
      body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
    });
    expect(r.status).toBe(200);
    expect(sim.record().incidents[0]!.ackedBy).toBe(alex.id);
  });

  it('records requests without the token', async () => {
    await call(`${sim.url}/users/me`, { headers: READ });
    const reqs = sim.requests();
    expect(reqs.at(-1)).toMatchObject({ method: 'GET', path: '/users/me', status: 200 });
    expect(JSON.stringify(reqs)).not.toContain('test-token-123');
    expect(reqs.at(-1)!.headers.authorization).toBe('Token token=[REDACTED]');
    const viaApi = await call(`${sim.url}/__sim/requests`);
    expect(JSON.stringify(viaApi.body)).not.toContain('test-token-123');
    expect(viaApi.body.requests).toHaveLength(1);
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
