/**
 * The undo window in the companion: a held resolve sends nothing until its window ends, an undo
 * within it sends nothing at all, and a quit or a crash during it still delivers it exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HELD_KEY } from '../../../src-main/core/actions/undo.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

async function started(): Promise<Rig> {
  const r = rig();
  rigs.push(r);
  r.api.create({ id: 'P1' });
  r.api.create({ id: 'P2' });
  r.api.create({ id: 'P3' });
  await r.companion.start();
  await r.time.advance(0);
  return r;
}

const writes = (r: Rig) => r.api.calls.filter((c) => c.op === 'updateIncident' || c.op === 'updateIncidents');

describe('undo window', () => {
  it('sends a held resolve only when the window ends, under the id it was given', async () => {
    const r = await started();
    const held = await r.companion.hold('resolve', ['P2'], 5);
    expect(held.incidentIds).toEqual(['P2']);
    expect(r.store.data.has(HELD_KEY)).toBe(true);
    // Hidden at once (optimistic), queued nowhere yet.
    expect(r.companion.snapshot().incidents.map((i) => i.id)).not.toContain('P2');
    expect(r.companion.snapshot().heldActions?.map((h) => h.actionId)).toEqual([held.actionId]);
    await r.time.advance(4900);
    expect(writes(r)).toHaveLength(0);
    expect(r.of('action.queued')).toHaveLength(0);
    await r.time.advance(200);
    expect(writes(r)).toHaveLength(1);
    expect(writes(r)[0]!.args[0]).toBe('P2');
    expect(r.of('action.done').map((e) => e.action.id)).toEqual([held.actionId]);
    expect(r.api.incidents.get('P1')!.status).toBe('triggered');
    expect(r.api.incidents.get('P3')!.status).toBe('triggered');
    expect(await r.companion.undo(held.actionId)).toBe(false);
  });

  it('an undo within the window sends nothing and shows the row again', async () => {
    const r = await started();
    const held = await r.companion.hold('resolve', ['P1'], 5);
    await r.time.advance(2000);
    expect(await r.companion.undo(held.actionId)).toBe(true);
    expect(r.of('incident.updated').map((e) => e.incident.id)).toContain('P1');
    await r.time.advance(60_000);
    expect(writes(r)).toHaveLength(0);
    expect(r.companion.snapshot().incidents.map((i) => i.id)).toContain('P1');
    expect(r.companion.snapshot().heldActions).toEqual([]);
  });

  it('a quit during the window queues it; the next run sends it once', async () => {
    const first = await started();
    first.api.hang.add('updateIncident');
    await first.companion.hold('resolve', ['P3'], 5);
    await first.time.advance(1000);
    await first.companion.stop();
    rigs = rigs.filter((x) => x !== first);

    const second = rig({ store: first.store, time: new FakeTime(first.time.now() + 1000) });
    rigs.push(second);
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    await second.companion.start();
    await second.time.advance(0);
    expect(writes(second).map((c) => c.args[0])).toEqual(['P3']);
    expect(second.api.incidents.get('P3')!.status).toBe('resolved');
    await second.time.advance(60_000);
    expect(writes(second)).toHaveLength(1);
  });

  it('a crash during the window (no stop) still sends it after restart', async () => {
    const first = await started();
    await first.companion.hold('resolve', ['P1', 'P2'], 5);
    // No stop(): the process died. Its timers never fire.
    rigs = rigs.filter((x) => x !== first);
    const second = rig({ store: first.store, time: new FakeTime(first.time.now() + 30_000) });
    rigs.push(second);
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    await second.companion.start();
    await second.time.advance(0);
    expect(second.api.incidents.get('P1')!.status).toBe('resolved');
    expect(second.api.incidents.get('P2')!.status).toBe('resolved');
    expect(second.api.incidents.get('P3')!.status).toBe('triggered');
  });

  it('acknowledge-all holds my triggered pages, and refuses a window out of bounds', async () => {
    const r = await started();
    const held = await r.companion.hold('acknowledge_all_mine', [], 3);
    expect(held.incidentIds.sort()).toEqual(['P1', 'P2', 'P3']);
    await r.time.advance(3100);
    expect(['P1', 'P2', 'P3'].map((id) => r.api.incidents.get(id)!.status)).toEqual([
      'acknowledged',
      'acknowledged',
      'acknowledged',
    ]);
    await expect(r.companion.hold('resolve', ['P1'], 0)).rejects.toThrow(RangeError);
    await expect(r.companion.hold('resolve', ['P1'], 31)).rejects.toThrow(RangeError);
  });
});
