import { afterEach, describe, expect, it } from 'vitest';
import { FEED_KEY } from '../../../src-main/core/storage/documents.js';
import { FakeTime } from '../support/fake-time.js';
import { silentLogger } from '../../../src-main/core/ports.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

describe('companion restart', () => {
  it('neither repeats notifications nor events for incidents already reported', async () => {
    const first = rig();
    rigs.push(first);
    first.api.create({ id: 'P1' });
    first.api.create({ id: 'P2', urgency: 'low' });
    await first.companion.start();
    await first.time.advance(0);
    expect(first.of('notification')).toHaveLength(2);
    await first.companion.stop();
    expect(JSON.parse(first.store.data.get(FEED_KEY)!).incidents).toHaveLength(2);

    const time = new FakeTime(first.time.now() + 20_000);
    const second = rig({ store: first.store, time });
    rigs.push(second);
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    second.api.create({ id: 'P3' });
    await second.companion.start();
    expect(
      second.companion
        .snapshot()
        .incidents.map((i) => i.id)
        .sort(),
    ).toEqual(['P1', 'P2']);
    await second.time.advance(0);
    expect(second.of('incident.triggered').map((e) => e.incident.id)).toEqual(['P3']);
    expect(second.of('notification').map((e) => e.notification.incidentId)).toEqual(['P3']);
  });

  it('never sends, as a new user, what the previous user of the data folder queued', async () => {
    const first = rig();
    rigs.push(first);
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    first.api.hang.add('updateIncident');
    await first.companion.acknowledge(['P1']);
    await first.time.advance(0);
    await first.companion.stop();

    const second = rig({ store: first.store, time: new FakeTime(first.time.now() + 1000) });
    rigs.push(second);
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    second.api.me = { ...second.api.me, id: 'PSOMEONE', name: 'Someone Else', email: 'else@example.com' };
    await second.companion.start();
    await second.time.advance(0);
    await second.time.advance(60_000);
    expect(second.api.callsOf('updateIncident')).toHaveLength(0);
    const failed = second.of('action.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.final).toBe(true);
    expect(failed[0]!.error).toMatch(/another PagerDuty user/);
    expect(second.companion.snapshot().pendingActions).toEqual([]);
  });

  it('starts afresh when a torn state document cannot be read', async () => {
    const r = rig();
    rigs.push(r);
    r.store.data.set(FEED_KEY, JSON.stringify({ version: 1, incidents: 'nope' }));
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    expect(r.of('incident.triggered')).toHaveLength(1);
  });
});

describe('companion with an unwritable store', () => {
  it('keeps paging and logs the save failure once, not on every poll', async () => {
    const errors: string[] = [];
    const logger = {
      ...silentLogger,
      error: (msg: string, f?: Record<string, unknown>) => void errors.push(msg + JSON.stringify(f)),
    };
    const r = rig({ extra: { logger } });
    rigs.push(r);
    r.store.write = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    r.api.create({ id: 'P2' });
    for (let i = 0; i < 5; i++) await r.time.advance(5_000);
    expect(r.of('incident.triggered').map((e) => e.incident.id)).toEqual(['P1', 'P2']);
    expect(errors.filter((m) => m.includes('could not save the feed state'))).toHaveLength(1);
  });
});

describe('companion with an unreadable store', () => {
  it('starts afresh when reading saved state fails', async () => {
    const r = rig();
    rigs.push(r);
    r.store.read = () => Promise.reject(new Error('EACCES: permission denied'));
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    expect(r.of('incident.triggered')).toHaveLength(1);
  });
});
