import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-main/core/simulator/index.js';
import { READ, WRITE, call } from './fake-time.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
afterEach(async () => {
  await sim.close();
});

const fault = (body: Record<string, unknown>) => call(`${sim.url}/__sim/faults`, { method: 'POST', body });
const me = () => call(`${sim.url}/users/me`, { headers: READ });

/** Polls until `cond` holds (event-driven tests must not race a server with fixed sleeps). */
async function waitUntil(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe('simulator control API and faults', () => {
  it('creates incidents through POST /__sim/incidents in PagerDuty shape', async () => {
    const r = await call(`${sim.url}/__sim/incidents`, {
      method: 'POST',
      body: { title: 'Made by a test', urgency: 'low', service: 'search', assignee: 'other' },
    });
    expect(r.status).toBe(201);
    expect(r.body.incident).toMatchObject({
      type: 'incident',
      title: 'Made by a test',
      urgency: 'low',
      status: 'triggered',
    });
    const bad = await call(`${sim.url}/__sim/incidents`, { method: 'POST', body: { urgency: 'high' } });
    expect(bad.status).toBe(400);
    const badService = await call(`${sim.url}/__sim/incidents`, {
      method: 'POST',
      body: { title: 'x', service: 'nope' },
    });
    expect(badService.status).toBe(400);
    const state = await call(`${sim.url}/__sim/state`);
    expect(state.body.incidents).toHaveLength(1);
    expect(state.body.incidents[0]).toMatchObject({
      title: 'Made by a test',
      service: 'search',
      status: 'triggered',
    });
  });

  it('rejects an unknown fault mode', async () => {
    expect((await fault({ mode: 'explode' })).status).toBe(400);
  });

  it('error: fails the next count requests with the status, then recovers', async () => {
    await fault({ mode: 'error', status: 503, count: 2 });
    const a = await me();
    const b = await me();
    const c = await me();
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.body.error.message).toBe('Service Unavailable');
    expect(sim.requests().map((r) => r.fault)).toEqual(['error', 'error', null]);
  });

  it('error without count persists until mode none', async () => {
    sim.setFault({ mode: 'error' });
    expect((await me()).status).toBe(500);
    expect((await me()).status).toBe(500);
    await fault({ mode: 'none' });
    expect((await me()).status).toBe(200);
  });

  it('ratelimit: 429 with ratelimit-reset when given', async () => {
    await fault({ mode: 'ratelimit', count: 2, resetSeconds: 7 });
    const a = await me();
    expect(a.status).toBe(429);
    expect(a.headers.get('ratelimit-reset')).toBe('7');
    expect(a.body.error.code).toBe(2020);
    sim.setFault({ mode: 'ratelimit', count: 1 });
    const b = await me();
    expect(b.status).toBe(429);
    expect(b.headers.get('ratelimit-reset')).toBeNull();
  });

  it('malformed: 200 with broken JSON, then a wrong shape', async () => {
    await fault({ mode: 'malformed', count: 2 });
    const a = await fetch(`${sim.url}/incidents`, { headers: READ });
    expect(a.status).toBe(200);
    await expect(a.json()).rejects.toThrow();
    const b = await call(`${sim.url}/incidents`);
    expect(b.status).toBe(200);
    expect(Array.isArray(b.body.incidents)).toBe(false);
    expect((await call(`${sim.url}/incidents`)).body.incidents).toEqual([]);
  });

  it('malformed on a write: the write is applied, only the answer is garbled (a 2xx means done)', async () => {
    const id = sim.createIncident({ title: 'garbled' }).id;
    await fault({ mode: 'malformed', count: 1 });
    const res = await fetch(`${sim.url}/incidents/${id}`, {
      method: 'PUT',
      headers: WRITE,
      body: JSON.stringify({ incident: { type: 'incident_reference', status: 'acknowledged' } }),
    });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    expect(sim.record().incidents[0]).toMatchObject({ id, status: 'acknowledged' });
    expect(sim.requests().at(-1)).toMatchObject({ method: 'PUT', fault: 'malformed' });
  });

  it('reset: destroys the connection', async () => {
    await fault({ mode: 'reset', count: 1 });
    await expect(fetch(`${sim.url}/users/me`, { headers: READ })).rejects.toThrow();
    expect((await me()).status).toBe(200);
  });

  it('hang: never answers until the client aborts, and close() still works', async () => {
    await fault({ mode: 'hang', count: 1 });
    const ac = new AbortController();
    const pending = fetch(`${sim.url}/users/me`, { headers: READ, signal: ac.signal });
    pending.catch(() => undefined);
    // Abort only once the server holds the request (a fixed sleep could abort before it arrives,
    // leaving the fault armed for the next call, which would then hang).
    await waitUntil(() => sim.requests().some((r) => r.fault === 'hang'));
    ac.abort();
    await expect(pending).rejects.toThrow();
    expect((await me()).status).toBe(200);
    sim.setFault({ mode: 'hang' });
    const stuck = fetch(`${sim.url}/users/me`, { headers: READ }).then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => sim.requests().filter((r) => r.fault === 'hang').length === 2);
    await sim.close();
    expect(await stuck).toBe('failed');
  });

  it('method and path narrow a fault: other requests pass and do not use up its count', async () => {
    const id = sim.createIncident({ title: 'narrow' }).id;
    await fault({ mode: 'error', status: 500, count: 1, method: 'PUT', path: `/incidents/${id}` });
    expect((await me()).status).toBe(200);
    expect((await call(`${sim.url}/incidents/${id}`, { headers: READ })).status).toBe(200);
    const put = (body: unknown) =>
      call(`${sim.url}/incidents/${id}`, { method: 'PUT', headers: WRITE, body });
    const ack = { incident: { type: 'incident_reference', status: 'acknowledged' } };
    expect((await put(ack)).status).toBe(500);
    expect((await put(ack)).status).toBe(200);
  });

  it('ratelimit: a Retry-After header when asked', async () => {
    await fault({ mode: 'ratelimit', retryAfterSeconds: 3, count: 1 });
    const res = await fetch(`${sim.url}/users/me`, { headers: READ });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('apply_hang: a write is applied, then its answer never comes', async () => {
    const id = sim.createIncident({ title: 'lost answer' }).id;
    const path = `/incidents/${id}/status_updates`;
    await fault({ mode: 'apply_hang', count: 1, method: 'POST', path });
    const ac = new AbortController();
    const pending = fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ message: 'Rolled back' }),
      signal: ac.signal,
    });
    pending.catch(() => undefined);
    await waitUntil(() => sim.requests().some((r) => r.fault === 'apply_hang'));
    expect(sim.record().incidents[0]!.statusUpdates.map((u) => u.message)).toEqual(['Rolled back']);
    ac.abort();
    await expect(pending).rejects.toThrow();
    expect(sim.requests().at(-1)).toMatchObject({ method: 'POST', path, status: null, fault: 'apply_hang' });
  });

  it('control routes refuse requests a web page sends (with an Origin header)', async () => {
    const r = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ mode: 'error' }),
    });
    expect(r.status).toBe(403);
    expect((await me()).status).toBe(200);
  });

  it('control routes are not counted as API requests and need no auth', async () => {
    await fault({ mode: 'error', count: 1 });
    const s = await call(`${sim.url}/__sim/state`);
    expect(s.status).toBe(200);
    expect(sim.requests()).toHaveLength(0);
  });
});
