import { afterEach, describe, expect, it } from 'vitest';
import { defaultCoreSettings } from '../../../src-main/core/settings.js';
import { FakeApiError, ME } from '../support/fake-api.js';
import { rig, type Rig } from '../support/harness.js';

let r: Rig | null = null;
afterEach(async () => {
  await r?.companion.stop();
  r = null;
});

describe('companion facade', () => {
  it('starts with a snapshot in the starting state and the configured source', async () => {
    r = rig();
    const s = r.companion.snapshot();
    expect(s).toMatchObject({ me: null, sync: { state: 'starting' }, incidents: [], pendingActions: [] });
    expect(s.source).toEqual({ kind: 'demo', apiUrl: 'http://127.0.0.1:1' });
  });

  it('uses the configured From email with an account-level key and reports from_required as auth_error', async () => {
    r = rig({ extra: { fromEmail: 'oncall@example.com' } });
    r.api.me = { ...ME, email: '' };
    r.api.failNext(new FakeApiError('set your PagerDuty email as From', 'from_required', 400), 1, ['getMe']);
    await r.companion.start();
    await r.time.advance(0);
    expect(r.companion.snapshot().sync).toMatchObject({ state: 'auth_error', errorKind: 'from_required' });
    await r.time.advance(3000);
    expect(r.api.fromEmail).toBe('oncall@example.com');
    expect(r.companion.snapshot().me?.id).toBe(ME.id);
  });

  it('applies new filters with a poll at once', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    const n = r.api.callsOf('listIncidents').length;
    const settings = defaultCoreSettings();
    settings.filters = { ...settings.filters, serviceIds: ['PSVC'], urgencies: ['high'] };
    r.companion.updateSettings(settings);
    await r.time.advance(0);
    const q = r.api.callsOf('listIncidents')[n]!.args[0];
    expect(q).toMatchObject({ userIds: ['PME'], serviceIds: ['PSVC'], urgencies: ['high'] });
  });

  it('polls sooner after the interval is shortened', async () => {
    r = rig({ settings: { pollIntervalSeconds: 60 } });
    await r.companion.start();
    await r.time.advance(1000);
    r.companion.updateSettings({ ...defaultCoreSettings(), pollIntervalSeconds: 5 });
    await r.time.advance(4000);
    expect(r.api.callsOf('listIncidents')).toHaveLength(2);
  });

  it('pauses low-urgency notifications until the given time', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    r.companion.pauseLowUrgency(r.time.now() + 60_000);
    expect(r.companion.snapshot().lowUrgencyPausedUntil).toBe(r.time.now() + 60_000);
    r.api.create({ id: 'PLOW', urgency: 'low' });
    r.api.create({ id: 'PHIGH' });
    await r.time.advance(5000);
    expect(r.of('notification').map((e) => e.notification.incidentId)).toEqual(['PHIGH']);
    expect(r.of('incident.triggered')).toHaveLength(2);
  });

  it('reports an incident handed to someone else as unassigned after confirming it is still open', async () => {
    r = rig();
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    r.api.change('P1', {
      assignees: [{ id: 'PX', summary: 'X' }],
      assignedAt: { PX: new Date(r.time.now()).toISOString() },
    });
    await r.time.advance(5000);
    expect(r.of('incident.unassigned').map((e) => e.incident.id)).toEqual(['P1']);
    expect(r.of('incident.resolved')).toEqual([]);
    const confirm = r.api.callsOf('listIncidents').at(-1)!.args[0];
    expect(confirm).toMatchObject({
      serviceIds: ['PSVC'],
      statuses: ['triggered', 'acknowledged', 'resolved'],
    });
  });

  it('reminds about my unacknowledged high-urgency page every reminderMinutes', async () => {
    r = rig();
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(11 * 60_000);
    const kinds = r.of('notification').map((e) => e.notification.kind);
    expect(kinds).toEqual(['page', 'reminder', 'reminder']);
    await r.companion.acknowledge(['P1']);
    await r.time.advance(10 * 60_000);
    expect(r.of('notification')).toHaveLength(3);
  });

  it('returns log entries and survives a throwing listener', async () => {
    r = rig();
    r.companion.subscribe(() => {
      throw new Error('boom');
    });
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    expect(r.of('incident.triggered')).toHaveLength(1);
    expect((await r.companion.logEntries('P1')).map((e) => e.type)).toEqual(['assign_log_entry']);
    expect(r.api.callsOf('listLogEntries')[0]!.args).toEqual(['P1']);
  });
});

describe('companion stop', () => {
  it('stops polling, abandons a hung poll quietly and saves its state', async () => {
    const x = rig();
    await x.companion.start();
    await x.time.advance(0);
    x.api.hang.add('listIncidents');
    await x.time.advance(5000);
    const calls = x.api.calls.length;
    const syncEvents = x.of('sync').length;
    await x.companion.stop();
    await x.time.advance(120_000);
    expect(x.api.calls.length).toBe(calls);
    expect(x.of('sync')).toHaveLength(syncEvents);
    expect(x.time.timerCount).toBe(0);
    expect(x.store.data.has('feed')).toBe(true);
  });
});
