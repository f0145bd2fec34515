/**
 * Working an incident through the durable queue against the real simulator: each action (reassign to
 * a user or a policy, escalate, responders, priority, urgency, status update, merge) survives a 500, a
 * 429 and a hang and is delivered once (the simulator's state and its request log agree); a refusal
 * rolls the optimistic change back with a message; a 402 on responders turns them off for the account;
 * a reassign queued before a kill -9 is delivered once after the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec, SimIncidentRecord } from '../../src-main/core/simulator/index.js';
import { SIM_ME, SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import type { ActionAccepted } from '../../src-main/core/companion-types.js';
import type { Companion } from '../../src-main/core/companion-types.js';
import { companionFor, lastSync, startWorld, until, type Running, type World } from './harness.js';

const [alex, priya, sam] = SIM_TEAMMATES;

interface Case {
  name: string;
  /** The write the action makes (method and path below /incidents/{id}). */
  method: 'PUT' | 'POST';
  sub: string;
  act(c: Companion, id: string, other: string): Promise<ActionAccepted>;
  /** The simulator's record shows the effect. */
  check(rec: SimIncidentRecord, all: SimIncidentRecord[], other: string): void;
}

const CASES: Case[] = [
  {
    name: 'reassign to a user',
    method: 'PUT',
    sub: '',
    act: (c, id) => c.reassign(id, { userIds: [alex!.id] }),
    check: (r) => expect(r.assignees).toEqual([alex!.id]),
  },
  {
    name: 'reassign to a policy',
    method: 'PUT',
    sub: '',
    act: (c, id) => c.reassign(id, { policyId: 'PEP0002' }),
    check: (r) => expect(r).toMatchObject({ escalationPolicy: 'PEP0002', assignees: [sam!.id] }),
  },
  {
    name: 'escalate',
    method: 'PUT',
    sub: '',
    act: (c, id) => c.escalate(id, 2),
    check: (r) => expect(r).toMatchObject({ escalationLevel: 2, assignees: [priya!.id] }),
  },
  {
    name: 'set urgency',
    method: 'PUT',
    sub: '',
    act: (c, id) => c.setUrgency(id, 'low'),
    check: (r) => expect(r.urgency).toBe('low'),
  },
  {
    name: 'set priority',
    method: 'PUT',
    sub: '',
    act: (c, id) => c.setPriority(id, 'PPR0003'),
    check: (r) => expect(r.priority).toBe('P3'),
  },
  {
    name: 'add responders',
    method: 'POST',
    sub: '/responder_requests',
    act: (c, id) => c.addResponders(id, [priya!.id], 'Join the bridge please'),
    check: (r) =>
      expect(r.responderRequests).toEqual([
        { by: SIM_ME.id, message: 'Join the bridge please', targets: [priya!.id], at: expect.any(String) },
      ]),
  },
  {
    name: 'status update',
    method: 'POST',
    sub: '/status_updates',
    act: (c, id) => c.statusUpdate(id, 'Rolled back, watching'),
    check: (r) => expect(r.statusUpdates.map((u) => u.message)).toEqual(['Rolled back, watching']),
  },
  {
    name: 'merge',
    method: 'PUT',
    sub: '/merge',
    act: (c, id, other) => c.merge(id, [other]),
    check: (r, all, other) => {
      expect(r.alerts).toBe(2);
      expect(all.find((i) => i.id === other)).toMatchObject({ status: 'resolved', mergedInto: r.id });
    },
  },
];

/**
 * Faults on the action's own write (method and path), so the polls go on. Each fails the first
 * attempt only; `apply_hang` applies the write and loses its answer (the ambiguous failure).
 */
const FAULTS: Array<{ name: string; fault: FaultSpec }> = [
  { name: '500', fault: { mode: 'error', status: 500, count: 1 } },
  { name: '503', fault: { mode: 'error', status: 503, count: 1 } },
  { name: '429 with ratelimit-reset', fault: { mode: 'ratelimit', resetSeconds: 1, count: 1 } },
  { name: '429 with Retry-After', fault: { mode: 'ratelimit', retryAfterSeconds: 1, count: 1 } },
  { name: 'hang (timeout)', fault: { mode: 'hang', count: 1 } },
  { name: 'applied then hang (answer lost)', fault: { mode: 'apply_hang', count: 1 } },
  { name: 'reset connection', fault: { mode: 'reset', count: 1 } },
];

/** Refusals: the action fails for good, the optimistic change rolls back with PagerDuty's message. */
const REFUSALS: Array<{ name: string; fault: FaultSpec; message: RegExp }> = [
  { name: '400', fault: { mode: 'error', status: 400 }, message: /invalid input/i },
  { name: '403', fault: { mode: 'error', status: 403 }, message: /access denied|not allowed|permission/i },
];

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

async function live(): Promise<{ w: World; run: Running; id: string; other: string }> {
  world = await startWorld();
  const run = companionFor(world);
  runs.push(run);
  const id = world.sim.createIncident({ title: 'checkout 5xx', urgency: 'high' }).id;
  const other = world.sim.createIncident({ title: 'checkout latency', urgency: 'low' }).id;
  await run.companion.start();
  await until(() => run.triggeredIds().includes(id) && run.triggeredIds().includes(other), 'the pages');
  await until(() => lastSync(run)?.state === 'live', 'live');
  return { w: world, run, id, other };
}

describe('incident work through the durable queue', () => {
  for (const c of CASES)
    it.each(FAULTS)(`${c.name}: after a $name, delivered exactly once`, async ({ fault }) => {
      const { w, run, id, other } = await live();
      const path = `/incidents/${id}${c.sub}`;
      const writes = () => w.sim.requests().filter((q) => q.method === c.method && q.path === path);
      w.sim.setFault({ ...fault, method: c.method, path });
      const accepted = await c.act(run.companion, id, other);
      await until(
        () => run.of('action.done').some((e) => e.action.id === accepted.actionId),
        'the action to be delivered',
        15_000,
      );
      const all = w.sim.record().incidents;
      c.check(
        all.find((i) => i.id === id)!,
        all,
        other,
      );
      // Counted from the simulator's own log: the faulted write first, then exactly one that took
      // effect (answered 2xx, or applied with its answer lost, after which nothing is sent again).
      expect(writes()[0]!.fault).toBe(fault.mode);
      const delivered = writes().filter(
        (q) => (q.status !== null && q.status < 300) || q.fault === 'apply_hang',
      );
      expect(delivered).toHaveLength(1);
      if (fault.mode === 'apply_hang') expect(writes()).toHaveLength(1);
      if (fault.retryAfterSeconds !== undefined) {
        const retry = run.of('action.failed').find((e) => e.action.id === accepted.actionId && !e.final)!;
        // The harness's backoff is at most 600 ms (+20% jitter): a wait near 1 s is the Retry-After's.
        expect(Date.parse(retry.action.nextAttemptAt) - Date.parse(retry.at)).toBeGreaterThanOrEqual(900);
      }
      expect(run.of('action.failed').filter((e) => e.final)).toEqual([]);
      expect(run.companion.snapshot().pendingActions).toEqual([]);
    });

  for (const c of CASES)
    it.each(REFUSALS)(
      `${c.name}: a $name rolls the change back with a message`,
      async ({ fault, message }) => {
        const { w, run, id, other } = await live();
        const path = `/incidents/${id}${c.sub}`;
        const shown = () => run.companion.snapshot().incidents.filter((i) => i.id === id || i.id === other);
        const before = shown();
        const recordBefore = JSON.stringify(
          w.sim.record().incidents.filter((i) => i.id === id || i.id === other),
        );
        w.sim.setFault({ ...fault, method: c.method, path });
        const accepted = await c.act(run.companion, id, other);
        await until(
          () => run.of('action.failed').some((e) => e.final && e.action.id === accepted.actionId),
          'the refusal',
        );
        w.sim.setFault({ mode: 'none' });
        const failed = run.of('action.failed').find((e) => e.final && e.action.id === accepted.actionId)!;
        expect(failed.error).toMatch(message);
        expect(run.companion.snapshot().pendingActions).toEqual([]);
        expect(shown()).toEqual(before);
        expect(JSON.stringify(w.sim.record().incidents.filter((i) => i.id === id || i.id === other))).toBe(
          recordBefore,
        );
        const writes = w.sim.requests().filter((q) => q.method === c.method && q.path === path);
        expect(writes.map((q) => q.status)).toEqual([fault.status]);
      },
    );

  it('shows a reassign, an escalation, urgency and priority at once, before PagerDuty answers', async () => {
    const { w, run, id } = await live();
    await run.companion.priorities(); // the picker's list
    await run.companion.findUsers('alex');
    w.sim.setFault({ mode: 'hang' });
    await run.companion.reassign(id, { userIds: [alex!.id] });
    await run.companion.setUrgency(id, 'low');
    await run.companion.setPriority(id, 'PPR0004');
    await run.companion.escalate(id, 2);
    const shown = run.companion.snapshot().incidents.find((i) => i.id === id)!;
    expect(shown).toMatchObject({
      urgency: 'low',
      priority: 'P4',
      escalationLevel: 2,
      assignees: [{ id: alex!.id, summary: alex!.name }],
    });
    w.sim.setFault({ mode: 'none' });
  });

  it('a refused escalation fails with a message and the row rolls back', async () => {
    const { run, id } = await live();
    const accepted = await run.companion.escalate(id, 7);
    await until(
      () => run.of('action.failed').some((e) => e.final && e.action.id === accepted.actionId),
      'the refusal',
    );
    const failed = run.of('action.failed').find((e) => e.action.id === accepted.actionId)!;
    expect(failed.error).toMatch(/escalation level/i);
    expect(run.companion.snapshot().incidents.find((i) => i.id === id)!.escalationLevel).toBe(1);
  });

  it('a 402 on responders says the plan lacks them and turns them off for the account', async () => {
    const { w, run, id } = await live();
    w.sim.setPlan({ responders: false });
    const accepted = await run.companion.addResponders(id, [priya!.id], 'help');
    await until(
      () => run.of('action.failed').some((e) => e.final && e.action.id === accepted.actionId),
      'the 402',
    );
    expect(run.of('action.failed').at(-1)!.error).toMatch(/plan does not include/);
    expect(run.companion.respondersUnavailable()).toMatch(/plan/);
    await expect(run.companion.addResponders(id, [priya!.id], 'again')).rejects.toThrow(/plan/);
    expect(w.sim.record().incidents.find((i) => i.id === id)!.responderRequests).toEqual([]);
  });

  it('reads the detail: alerts with body details, bridge, escalation levels, priorities, people', async () => {
    const { run, id } = await live();
    const work = await run.companion.incidentWork(id);
    expect(work.alerts).toHaveLength(1);
    expect(work.alerts[0]!.details).toMatchObject({ source: expect.any(String) });
    expect(work.conferenceBridge?.url).toMatch(/^https:\/\//);
    expect(work.escalationPolicy?.levels.map((l) => l.targets[0]!.type)).toEqual(['schedule', 'user']);
    expect((await run.companion.priorities()).map((p) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect((await run.companion.findUsers('pri')).map((u) => u.id)).toEqual([priya!.id]);
  });

  it('reads related change events: https links only, text untouched, hidden on a 404 or a failure', async () => {
    const { w, run, id } = await live();
    expect((await run.companion.incidentWork(id)).changeEvents).toEqual([
      expect.objectContaining({
        summary: expect.stringMatching(/^Deploy checkout-api build/),
        reason: 'related_service',
        services: [expect.objectContaining({ summary: 'checkout-api' })],
        links: [{ href: expect.stringMatching(/^https:\/\/ci\./), text: 'Build log' }],
      }),
    ]);
    const hostile = w.sim.createIncident({
      title: 'hostile change',
      changeEvents: [
        {
          summary: '<img src=x onerror=alert(1)> deploy',
          source: '<script>x</script>',
          links: [
            { href: 'javascript:alert(1)', text: 'click' },
            { href: 'http://plain.example.com/x' },
            { href: 'https://user:pw@evil.example.com/' },
            { href: 'https://ok.example.com/build/1', text: '<b>log</b>' },
          ],
          minutesBefore: 5,
        },
        { summary: 'x'.repeat(50_000), minutesBefore: 30 },
      ],
    }).id;
    const work = await run.companion.incidentWork(hostile);
    expect(work.changeEvents.map((c) => c.links)).toEqual([
      [{ href: 'https://ok.example.com/build/1', text: '<b>log</b>' }],
      [],
    ]);
    expect(work.changeEvents[0]).toMatchObject({
      summary: '<img src=x onerror=alert(1)> deploy',
      source: '<script>x</script>',
    });
    expect(work.changeEvents[1]!.summary.length).toBeLessThan(2_100);

    w.sim.setPlan({ changeEvents: false });
    const off = await run.companion.incidentWork(id);
    expect(off.changeEvents).toEqual([]);
    expect(off.alerts).toHaveLength(1);
    w.sim.setPlan({ changeEvents: true });
    w.sim.setFault({
      mode: 'error',
      status: 500,
      method: 'GET',
      path: `/incidents/${id}/related_change_events`,
    });
    const failed = await run.companion.incidentWork(id);
    expect(failed.changeEvents).toEqual([]);
    expect(failed.alerts).toHaveLength(1);
    w.sim.setFault({ mode: 'none' });
  });

  it('a delivered status update is in the incident log the timeline shows, with its message', async () => {
    const { run, id } = await live();
    const accepted = await run.companion.statusUpdate(id, 'Mitigated: <b>rolled back</b>');
    await until(() => run.of('action.done').some((e) => e.action.id === accepted.actionId), 'the update');
    const log = await run.companion.logEntries(id);
    expect(log.filter((e) => e.type === 'status_update_log_entry')).toEqual([
      expect.objectContaining({ content: 'Mitigated: <b>rolled back</b>' }),
    ]);
    expect(log.filter((e) => e.type === 'annotate_log_entry')).toEqual([]);
  });

  it('delivers a reassign queued before a kill -9 exactly once after the restart', async () => {
    const { w, run, id } = await live();
    w.sim.setFault({ mode: 'hang' });
    await run.companion.reassign(id, { userIds: [alex!.id] });
    const path = `/incidents/${id}`;
    await until(() => w.sim.requests().some((q) => q.method === 'PUT' && q.path === path), 'the PUT');
    run.kill();
    w.sim.setFault({ mode: 'none' });
    expect(w.sim.record().incidents.find((i) => i.id === id)!.assignees).toEqual([SIM_ME.id]);

    const second = companionFor(w);
    runs.push(second);
    await second.companion.start();
    await until(() => second.of('action.done').length > 0, 'the reassign after the restart');
    expect(w.sim.record().incidents.find((i) => i.id === id)!.assignees).toEqual([alex!.id]);
    const puts = w.sim.requests().filter((q) => q.method === 'PUT' && q.path === path);
    expect(puts.filter((q) => q.status === 200)).toHaveLength(1);
    expect(second.of('action.done').map((e) => e.action.kind)).toEqual(['reassign']);
  });
});
