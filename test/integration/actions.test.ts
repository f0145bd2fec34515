/**
 * Actions and auth against the real simulator: "acknowledge all mine" on 300 pages goes out in bulk
 * PUTs of at most 250, and a rejected token turns the feed to auth_error with a reason the user can
 * act on, never containing the token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN, companionFor, lastSync, startWorld, until, type Running, type World } from './harness.js';

describe('actions and auth', () => {
  let world: World | null = null;
  let run: Running | null = null;

  afterEach(async () => {
    await run?.companion.stop();
    await world?.close();
    run = null;
    world = null;
  });

  it('acknowledges all 300 of my triggered pages in bulk PUTs of at most 250', async () => {
    world = await startWorld();
    const { sim } = world;
    const mine = new Set<string>();
    for (let i = 0; i < 300; i++) mine.add(sim.createIncident({ title: `page ${i}` }).id);
    const theirs = sim.createIncident({ title: 'not mine', assignee: 'other' }).id;
    const r = (run = companionFor(world));
    await r.companion.start();
    await until(() => r.companion.snapshot().incidents.length === 300, '300 open pages', 15_000);

    const accepted = await r.companion.acknowledgeAllMine();
    expect(new Set(accepted.incidentIds)).toEqual(mine);
    await until(() => r.of('action.done').length > 0, 'the bulk ack', 15_000);

    const puts = sim.requests().filter((q) => q.method === 'PUT' && q.path === '/incidents');
    const sizes = puts.map((q) => (q.body as { incidents: unknown[] }).incidents.length);
    expect(sizes.every((n) => n <= 250)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(puts.every((q) => q.status === 200 && q.headers.from === 'me@demo.oncall-companion.dev')).toBe(
      true,
    );
    const record = sim.record().incidents;
    expect(record.filter((i) => mine.has(i.id)).every((i) => i.status === 'acknowledged')).toBe(true);
    expect(record.find((i) => i.id === theirs)?.status).toBe('triggered');
    expect(r.of('action.failed')).toEqual([]);
  });

  it('an ack whose answer comes back malformed counts as done once (the 2xx means it was applied)', async () => {
    world = await startWorld();
    const { sim } = world;
    const id = sim.createIncident({ title: 'garbled answer' }).id;
    const r = (run = companionFor(world));
    await r.companion.start();
    await until(() => r.triggeredIds().includes(id), 'the page');
    sim.setFault({ mode: 'malformed' });
    await r.companion.acknowledge([id]);
    await until(() => r.of('action.done').length > 0, 'the ack');
    sim.setFault({ mode: 'none' });
    expect(sim.requests().find((q) => q.method === 'PUT')?.fault).toBe('malformed');
    await until(() => r.of('incident.acknowledged').some((e) => e.incident.id === id), 'the polled ack');
    expect(sim.record().incidents.find((i) => i.id === id)).toMatchObject({ status: 'acknowledged' });
    expect(sim.requests().filter((q) => q.method === 'PUT')).toHaveLength(1);
    expect(r.of('action.done')).toHaveLength(1);
    expect(r.of('incident.acknowledged').find((e) => e.incident.id === id)?.byMe).toBe(true);
  });

  it('a rejected token (401) shows auth_error with an actionable reason and never the token', async () => {
    world = await startWorld();
    const { sim } = world;
    sim.setFault({ mode: 'error', status: 401 });
    const r = (run = companionFor(world));
    await r.companion.start();
    await until(() => lastSync(r)?.state === 'auth_error', 'auth_error');
    const s = lastSync(r);
    expect(s).toMatchObject({ state: 'auth_error', errorKind: 'auth' });
    if (s?.state === 'auth_error') {
      expect(s.reason).toMatch(/token/i);
      expect(s.reason).toMatch(/API Access|Settings|PAGERDUTY_TOKEN/);
      expect(s.reason).not.toContain(TOKEN);
    }
    expect(JSON.stringify(r.events)).not.toContain(TOKEN);
    expect(r.logs.join('\n')).not.toContain(TOKEN);
    // The request did carry the token; the recorded copy is redacted.
    expect(sim.requests()[0]!.headers.authorization).toBe('Token token=[REDACTED]');
    // Fixing the token (here: clearing the fault) brings the feed back.
    sim.setFault({ mode: 'none' });
    await until(() => lastSync(r)?.state === 'live', 'live after the fix');
  });
});
