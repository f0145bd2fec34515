import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS_KEY } from '../../../src-main/core/actions/queue.js';
import { FakeApiError } from '../support/fake-api.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
const make = (...a: Parameters<typeof rig>): Rig => {
  const r = rig(...a);
  rigs.push(r);
  return r;
};
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

async function started(r: Rig): Promise<Rig> {
  await r.companion.start();
  await r.time.advance(0);
  return r;
}

describe('action queue', () => {
  it('acknowledges optimistically, persists before sending, and reports done once', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    await started(r);
    let storedAtSend: unknown = null;
    const orig = r.api.updateIncident.bind(r.api);
    r.api.updateIncident = async (id, status, o) => {
      storedAtSend = JSON.parse(r.store.data.get(ACTIONS_KEY) ?? 'null');
      return orig(id, status, o);
    };
    r.api.hang.add('updateIncident');
    const accepted = await r.companion.acknowledge(['P1']);
    expect(accepted.incidentIds).toEqual(['P1']);
    const snap = r.companion.snapshot();
    expect(snap.incidents[0]).toMatchObject({
      id: 'P1',
      status: 'acknowledged',
      acknowledgers: [{ id: 'PME' }],
    });
    expect(snap.pendingActions).toHaveLength(1);
    expect(r.of('action.queued')).toHaveLength(1);
    r.api.hang.clear();
    await r.time.advance(35_000); // the hung send is abandoned and retried
    expect(storedAtSend).toMatchObject([{ id: accepted.actionId, kind: 'acknowledge' }]);
    expect(r.of('action.done').map((e) => e.action.id)).toEqual([accepted.actionId]);
    expect(r.api.incidents.get('P1')!.status).toBe('acknowledged');
    expect(JSON.parse(r.store.data.get(ACTIONS_KEY)!)).toEqual([]);
    await r.time.advance(10_000);
    expect(r.of('action.done')).toHaveLength(1);
    expect(r.of('incident.acknowledged')).toMatchObject([{ byMe: true }]);
  });

  it('retries network and 5xx failures with backoff, then succeeds exactly once', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    await started(r);
    r.api.failNext(new FakeApiError('unreachable', 'unreachable'), 2, ['updateIncident']);
    await r.companion.resolve(['P1']);
    expect(r.companion.snapshot().incidents).toEqual([]);
    await r.time.advance(1000);
    expect(r.of('action.failed')).toMatchObject([{ final: false }]);
    await r.time.advance(10_000);
    expect(r.api.callsOf('updateIncident')).toHaveLength(3);
    expect(r.of('action.done')).toHaveLength(1);
    await r.time.advance(5000);
    expect(r.of('incident.resolved')).toMatchObject([{ byMe: true }]);
    expect(r.of('notification').filter((n) => n.notification.key.startsWith('resolved:'))).toEqual([]);
  });

  it('counts "already acknowledged" as done', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    await started(r);
    r.api.failNext(new FakeApiError('Incident Already Acknowledged', 'bad_request', 400, null, true), 1, [
      'updateIncident',
    ]);
    await r.companion.acknowledge(['P1']);
    await r.time.advance(100);
    expect(r.of('action.done')).toHaveLength(1);
    expect(r.of('action.failed')).toHaveLength(0);
  });

  it('fails for good on a 403 and rolls the optimistic change back', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    await started(r);
    r.api.failNext(new FakeApiError('read-only key', 'forbidden', 403), 1, ['updateIncident']);
    await r.companion.acknowledge(['P1']);
    await r.time.advance(100);
    expect(r.of('action.failed')).toMatchObject([{ final: true, error: 'read-only key' }]);
    expect(r.companion.snapshot().incidents[0]).toMatchObject({ id: 'P1', status: 'triggered' });
    expect(r.of('incident.updated').map((e) => e.incident.status)).toEqual(['triggered']);
    expect(r.companion.snapshot().pendingActions).toEqual([]);
  });

  it('gives up after the maximum number of attempts', async () => {
    const r = make({ extra: { maxActionAttempts: 3 } });
    r.api.create({ id: 'P1' });
    await started(r);
    r.api.failNext(new FakeApiError('HTTP 502', 'server', 502), 10, ['updateIncident']);
    await r.companion.acknowledge(['P1']);
    await r.time.advance(60_000);
    expect(r.api.callsOf('updateIncident')).toHaveLength(3);
    expect(r.of('action.failed').map((e) => e.final)).toEqual([false, false, true]);
  });

  it('acknowledges all my triggered incidents in one bulk call', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    r.api.create({ id: 'P2' });
    r.api.create({ id: 'P3', status: 'acknowledged' });
    r.api.create({ id: 'P4', assignee: 'POTHER' });
    await started(r);
    const a = await r.companion.acknowledgeAllMine();
    expect(a.incidentIds.sort()).toEqual(['P1', 'P2']);
    await r.time.advance(100);
    expect(r.api.callsOf('updateIncidents')).toEqual([
      { op: 'updateIncidents', args: [['P1', 'P2'], 'acknowledged'] },
    ]);
    expect(r.of('action.done')).toHaveLength(1);
    expect((await r.companion.acknowledgeAllMine()).incidentIds).toEqual([]);
  });

  it('sends snoozes and notes, and rejects bad input', async () => {
    const r = make();
    r.api.create({ id: 'P1', status: 'acknowledged' });
    await started(r);
    await r.companion.snooze('P1', 3600);
    await r.companion.addNote('P1', ' looking into it ');
    await r.time.advance(100);
    expect(r.api.callsOf('snooze')[0]!.args).toEqual(['P1', 3600]);
    expect(r.api.callsOf('addNote')[0]!.args).toEqual(['P1', 'looking into it']);
    await expect(r.companion.snooze('P1', 0)).rejects.toThrow(/604800/);
    await expect(r.companion.addNote('P1', '  ')).rejects.toThrow(/text/);
    await expect(r.companion.acknowledge([])).rejects.toThrow(/at least one/);
  });

  it('snoozes a triggered incident in one step: acknowledge first, then snooze, in that order', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    r.api.create({ id: 'P2', status: 'acknowledged' });
    await started(r);
    await r.companion.snooze('P1', 1800);
    await r.companion.snooze('P2', 600);
    await r.time.advance(100);
    const writes = r.api.calls.filter((c) => c.op === 'updateIncident' || c.op === 'snooze');
    expect(writes).toEqual([
      { op: 'updateIncident', args: ['P1', 'acknowledged'] },
      { op: 'snooze', args: ['P1', 1800] },
      { op: 'snooze', args: ['P2', 600] },
    ]);
    expect(r.of('action.failed')).toEqual([]);
  });

  it('delivers a queued action after the process is killed and restarted, exactly once', async () => {
    const first = make();
    first.api.create({ id: 'P1' });
    await started(first);
    first.api.hang.add('updateIncident');
    const { actionId } = await first.companion.acknowledge(['P1']);
    await first.time.advance(10);
    expect(first.api.callsOf('updateIncident')).toHaveLength(1);
    // "Kill": the first companion is simply dropped (its time never moves again).
    rigs = rigs.filter((x) => x !== first);
    const time = new FakeTime(first.time.now() + 60_000);
    const second = make({ store: first.store, time });
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    await started(second);
    await second.time.advance(100);
    expect(second.api.callsOf('updateIncident')).toEqual([
      { op: 'updateIncident', args: ['P1', 'acknowledged'] },
    ]);
    expect(second.of('action.done').map((e) => e.action.id)).toEqual([actionId]);
    expect(JSON.parse(second.store.data.get(ACTIONS_KEY)!)).toEqual([]);
    await second.time.advance(60_000);
    expect(second.api.callsOf('updateIncident')).toHaveLength(1);
  });

  it('never sends an action before it is on disk, and reports queued before done', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    r.api.create({ id: 'P2' });
    await started(r);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((res) => (release = res));
    const write = r.store.write.bind(r.store);
    r.store.write = async (key, value) => {
      if (key === ACTIONS_KEY) await gate;
      return write(key, value);
    };
    const a = r.companion.acknowledge(['P1']);
    const b = r.companion.acknowledge(['P2']);
    await r.time.advance(1000);
    expect(r.api.callsOf('updateIncident')).toHaveLength(0);
    release();
    await Promise.all([a, b]);
    await r.time.advance(100);
    expect(r.api.callsOf('updateIncident')).toHaveLength(2);
    const order = r.events.filter((e) => e.type.startsWith('action.')).map((e) => e.type);
    expect(order.indexOf('action.queued')).toBeLessThan(order.indexOf('action.done'));
    expect(order.lastIndexOf('action.queued')).toBeLessThan(order.lastIndexOf('action.done'));
  });

  it('holds a later action on the same incident until the earlier one is settled', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    await started(r);
    r.api.failNext(new FakeApiError('unreachable', 'unreachable'), 1, ['updateIncident']);
    await r.companion.acknowledge(['P1']);
    await r.companion.resolve(['P1']);
    await r.time.advance(100);
    expect(r.api.callsOf('updateIncident').map((c) => c.args[1])).toEqual(['acknowledged']);
    await r.time.advance(5000);
    expect(r.api.callsOf('updateIncident').map((c) => c.args[1])).toEqual([
      'acknowledged',
      'acknowledged',
      'resolved',
    ]);
    expect(r.of('action.done')).toHaveLength(2);
  });
});

describe('bulk actions with mixed outcomes', () => {
  it('reports the delivered part done and rolls back only the failed part', async () => {
    const r = make();
    r.api.create({ id: 'P1' });
    r.api.create({ id: 'P2' });
    await started(r);
    const orig = r.api.updateIncidents.bind(r.api);
    r.api.updateIncidents = async (ids, status, o) => {
      const res = await orig(ids.slice(0, 1), status, o);
      return [...res, { id: ids[1]!, ok: false, alreadyDone: false, error: 'Incident not found' }];
    };
    await r.companion.acknowledge(['P1', 'P2']);
    await r.time.advance(100);
    expect(r.of('action.done').map((e) => e.action.incidentIds)).toEqual([['P1']]);
    expect(r.of('action.failed')).toMatchObject([{ final: true, action: { incidentIds: ['P2'] } }]);
    const byId = new Map(r.companion.snapshot().incidents.map((i) => [i.id, i.status]));
    expect(byId).toEqual(
      new Map([
        ['P1', 'acknowledged'],
        ['P2', 'triggered'],
      ]),
    );
  });
});
