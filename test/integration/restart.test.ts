/**
 * Restarts against the real simulator: pages that came and went while the companion was stopped are
 * reported once after the restart (catch-up), nothing already reported is repeated, and an action
 * queued before a kill is delivered exactly once by the next process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import { companionFor, counts, lastSync, startWorld, until, type Running, type World } from './harness.js';

/** Resolves an incident as a teammate, through the API (account key + From, as PagerDuty allows). */
async function resolveAsTeammate(world: World, id: string): Promise<void> {
  const res = await fetch(`${world.sim.url}/incidents/${id}`, {
    method: 'PUT',
    headers: {
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: 'Token token=account-teammate-key',
      From: SIM_TEAMMATES[0]!.email,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ incident: { type: 'incident_reference', status: 'resolved' } }),
  });
  expect(res.status).toBe(200);
}

describe('restarts', () => {
  let world: World | null = null;
  const runs: Running[] = [];

  afterEach(async () => {
    for (const r of runs.splice(0)) {
      r.kill();
      await r.companion.stop();
    }
    await world?.close();
    world = null;
  });

  it('reports a page that came and went while stopped once after the restart, and repeats nothing', async () => {
    world = await startWorld();
    const { sim } = world;
    const first = companionFor(world);
    runs.push(first);
    await first.companion.start();
    const old = sim.createIncident({ title: 'known before the stop' }).id;
    await until(() => first.triggeredIds().includes(old), 'the first page');
    await first.companion.stop();

    // While stopped: a page to me that a teammate resolves, and one still open.
    const gone = sim.createIncident({ title: 'came and went', assignee: 'me' }).id;
    await resolveAsTeammate(world, gone);
    const open = sim.createIncident({ title: 'still open', assignee: 'me' }).id;
    expect(sim.record().incidents.find((i) => i.id === gone)?.status).toBe('resolved');

    const second = companionFor(world);
    runs.push(second);
    await second.companion.start();
    await until(() => [gone, open].every((id) => second.triggeredIds().includes(id)), 'the pages of the gap');
    await until(() => second.of('incident.resolved').some((e) => e.incident.id === gone), 'the resolve');
    const polls = sim.requests().length;
    await until(() => sim.requests().length >= polls + 6, 'more polls');

    expect(counts(second.triggeredIds())).toEqual(
      new Map([
        [gone, 1],
        [open, 1],
      ]),
    );
    expect(second.of('incident.resolved').filter((e) => e.incident.id === gone)).toHaveLength(1);
    // The caught-up page is known to be mine, and nothing about the old page is repeated.
    expect(second.of('incident.triggered').find((e) => e.incident.id === gone)?.incident.assignees).toEqual([
      expect.objectContaining({ id: 'PME0001' }),
    ]);
    expect(second.events.some((e) => 'incident' in e && e.incident.id === old)).toBe(false);
    expect(second.of('notification').filter((n) => n.notification.incidentIds.includes(old))).toEqual([]);
    expect(lastSync(second)?.state).toBe('live');
  });

  it.each(['hang', 'error'] as const)(
    'delivers an acknowledge queued before a kill (%s) exactly once after the restart',
    async (mode) => {
      world = await startWorld();
      const { sim } = world;
      const first = companionFor(world);
      runs.push(first);
      await first.companion.start();
      const id = sim.createIncident({ title: 'ack me' }).id;
      await until(() => first.triggeredIds().includes(id), 'the page');

      sim.setFault(mode === 'hang' ? { mode: 'hang' } : { mode: 'error', status: 500 });
      await first.companion.acknowledge([id]);
      const putPath = `/incidents/${id}`;
      await until(
        () => sim.requests().some((q) => q.method === 'PUT' && q.path === putPath),
        'the ack to reach the server',
      );
      first.kill();
      sim.setFault({ mode: 'none' });
      expect(sim.record().incidents.find((i) => i.id === id)?.status).toBe('triggered');

      const second = companionFor(world);
      runs.push(second);
      await second.companion.start();
      await until(() => second.of('action.done').length > 0, 'the ack to be delivered');
      await until(() => lastSync(second)?.state === 'live', 'live');
      const polls = sim.requests().length;
      await until(() => sim.requests().length >= polls + 4, 'more polls');

      const rec = sim.record().incidents.find((i) => i.id === id);
      expect(rec).toMatchObject({ status: 'acknowledged', ackedBy: 'PME0001' });
      const puts = sim.requests().filter((q) => q.method === 'PUT' && q.path === putPath);
      expect(puts.filter((q) => q.status === 200)).toHaveLength(1);
      expect(puts[0]!.headers.from).toBe('me@demo.oncall-companion.dev');
      expect(second.of('action.done').map((e) => e.action.incidentIds)).toEqual([[id]]);
      expect(second.companion.snapshot().pendingActions).toEqual([]);
      // The restart does not page again for the incident the first process already reported.
      expect(second.triggeredIds()).not.toContain(id);
    },
  );
});
