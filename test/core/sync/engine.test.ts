import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiError } from '../support/fake-api.js';
import { rig, type Rig } from '../support/harness.js';

let r: Rig | null = null;
afterEach(async () => {
  await r?.companion.stop();
  r = null;
});

describe('sync engine', () => {
  it('polls at once on start with my user id, then every interval, and goes live', async () => {
    r = rig();
    r.api.create({ title: 'disk full' });
    await r.companion.start();
    await r.time.advance(0);
    expect(r.api.callsOf('getMe')).toHaveLength(1);
    expect(r.api.fromEmail).toBe('me@example.com');
    const q = r.api.callsOf('listIncidents')[0]!.args[0];
    expect(q).toMatchObject({ statuses: ['triggered', 'acknowledged'], userIds: ['PME'] });
    expect(r.of('incident.triggered').map((e) => e.incident.title)).toEqual(['disk full']);
    expect(r.companion.snapshot().sync.state).toBe('live');
    await r.time.advance(5000);
    expect(r.api.callsOf('listIncidents')).toHaveLength(2);
  });

  it('detects a new incident within one interval', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(1200);
    r.api.create({ id: 'PNEW' });
    await r.time.advance(3799);
    expect(r.of('incident.triggered')).toHaveLength(0);
    await r.time.advance(1);
    expect(r.of('incident.triggered')).toHaveLength(1);
    expect(r.of('notification')[0]!.notification).toMatchObject({ kind: 'page', incidentId: 'PNEW' });
  });

  it('spends at most 15 requests a minute at the default settings over 10 minutes', async () => {
    r = rig({ extra: { random: Math.random } });
    await r.companion.start();
    await r.time.advance(10 * 60_000);
    const perMinute = r.api.calls.length / 10;
    expect(perMinute).toBeLessThanOrEqual(15);
    expect(perMinute).toBeGreaterThanOrEqual(11);
    expect(r.api.callsOf('listOncalls').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the interval jitter within 5 %', async () => {
    let flip = 0;
    r = rig({ extra: { random: () => (flip++ % 2 ? 0 : 0.999999) } });
    await r.companion.start();
    const times: number[] = [];
    r.api.hang.clear();
    const orig = r.api.listIncidents.bind(r.api);
    r.api.listIncidents = (q, o) => {
      times.push(r!.time.now());
      return orig(q, o);
    };
    await r.time.advance(60_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(4750);
      expect(g).toBeLessThanOrEqual(5250);
    }
  });

  it('backs off on errors, reports stale with the reason, and recovers', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    r.api.failNext(new FakeApiError('PagerDuty had a server error (HTTP 503)', 'server', 503), 4, [
      'listIncidents',
    ]);
    await r.time.advance(5000);
    const stale = r
      .of('sync')
      .map((e) => e.status)
      .filter((s) => s.state === 'stale');
    expect(stale[0]).toMatchObject({
      errorKind: 'server',
      reason: 'PagerDuty had a server error (HTTP 503)',
    });
    const since = stale[0]!.state === 'stale' ? stale[0]!.since : '';
    // Retries at about 2, 4, 8, 16 s (not every 5 s), with the same "since".
    const before = r.api.callsOf('listIncidents').length;
    await r.time.advance(2000 + 4000 + 8000);
    expect(r.api.callsOf('listIncidents').length - before).toBe(3);
    const last = r.companion.snapshot().sync;
    expect(last.state === 'stale' && last.since).toBe(since);
    await r.time.advance(17_000);
    expect(r.companion.snapshot().sync.state).toBe('live');
  });

  it('waits retryAfterMs on a rate limit', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    r.api.failNext(new FakeApiError('rate limited', 'rate_limited', 429, 30_000), 1, ['listIncidents']);
    const polls = () =>
      r!.api.callsOf('listIncidents').filter((c) => !(c.args[0] as { since?: string }).since).length;
    await r.time.advance(5000);
    const n = polls();
    expect(r.companion.snapshot().sync).toMatchObject({ state: 'stale', errorKind: 'rate_limited' });
    await r.time.advance(29_000);
    expect(polls()).toBe(n);
    await r.time.advance(1000);
    expect(polls()).toBe(n + 1);
  });

  it('reports auth_error on a rejected token and keeps retrying', async () => {
    r = rig();
    r.api.failNext(new FakeApiError('PagerDuty rejected the API token (401).', 'auth', 401), 3, ['getMe']);
    await r.companion.start();
    await r.time.advance(0);
    expect(r.companion.snapshot().sync).toMatchObject({ state: 'auth_error', errorKind: 'auth' });
    await r.time.advance(60_000);
    expect(r.api.callsOf('getMe').length).toBe(4);
    expect(r.companion.snapshot().sync.state).toBe('live');
  });

  it('never runs two polls at once, and syncNow shares the poll in flight', async () => {
    r = rig({ extra: { callTimeoutMs: 20_000 } });
    await r.companion.start();
    await r.time.advance(0);
    r.api.hang.add('listIncidents');
    await r.time.advance(5000);
    const n = r.api.callsOf('listIncidents').length;
    void r.companion.syncNow();
    void r.companion.syncNow();
    await r.time.advance(10_000);
    expect(r.api.callsOf('listIncidents').length).toBe(n);
    r.api.hang.clear();
    await r.time.advance(15_000); // the hung call times out and the engine retries
    expect(r.api.callsOf('listIncidents').length).toBeGreaterThan(n);
    expect(r.of('sync').some((e) => e.status.state === 'stale' && e.status.errorKind === 'timeout')).toBe(
      true,
    );
  });

  it('after a sleep, polls at once, refreshes on-call and reports pages that came and went', async () => {
    r = rig();
    await r.companion.start();
    await r.time.advance(0);
    const oncallsBefore = r.api.callsOf('listOncalls').length;
    // While asleep: a page arrives and is resolved.
    const gone = r.api.create({ id: 'PGONE', title: 'blip' });
    r.api.change(gone.id, { status: 'resolved' });
    await r.time.sleep(30 * 60_000);
    expect(r.api.callsOf('listOncalls').length).toBe(oncallsBefore + 1);
    const catchUp = r.api
      .callsOf('listIncidents')
      .map((c) => c.args[0] as { statuses?: string[]; since?: string });
    expect(catchUp.some((q) => q.statuses?.includes('resolved') && q.since)).toBe(true);
    expect(r.of('incident.triggered').map((e) => e.incident.id)).toEqual(['PGONE']);
    expect(r.of('incident.resolved').map((e) => e.incident.id)).toEqual(['PGONE']);
    await r.time.advance(20_000);
    expect(r.of('incident.triggered')).toHaveLength(1);
  });

  it('reports an incident that changes and goes away: acknowledged by someone else, then resolved', async () => {
    r = rig();
    const inc = r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    r.api.change(inc.id, { status: 'acknowledged', acknowledgers: [{ id: 'PX', summary: 'Pat' }] });
    await r.time.advance(5000);
    expect(r.of('incident.acknowledged')).toMatchObject([{ byMe: false, by: [{ id: 'PX' }] }]);
    r.api.change(inc.id, { status: 'resolved' });
    await r.time.advance(5000);
    expect(r.of('incident.resolved')).toMatchObject([
      { incident: { id: 'P1', status: 'resolved' }, byMe: null },
    ]);
    expect(r.companion.snapshot().incidents).toEqual([]);
    // The resolved copy has no assignees (PagerDuty clears them); it is still known to be my page.
    expect(r.of('incident.resolved')[0]!.incident.assignees.map((a) => a.id)).toEqual(['PME']);
    const infos = r.of('notification').filter((e) => e.notification.kind === 'info');
    expect(infos.map((e) => e.notification.title)).toEqual([
      'Acknowledged by Pat: Incident P1',
      'Resolved: Incident P1',
    ]);
  });

  it('emits shift events at the boundary and refreshes on-call then', async () => {
    r = rig();
    const T = r.time.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    r.api.oncalls = [
      {
        user: { id: 'PME', summary: 'Me' },
        schedule: null,
        escalationPolicy: { id: 'PEP', summary: 'Main' },
        escalationLevel: 1,
        start: iso(T + 90_000),
        end: iso(T + 3_600_000),
      },
    ];
    await r.companion.start();
    await r.time.advance(0);
    expect(r.companion.snapshot().shifts.next?.start).toBe(iso(T + 90_000));
    await r.time.advance(96_000);
    expect(r.of('shift.started')).toHaveLength(1);
    expect(r.of('notification').some((e) => e.notification.kind === 'handoff')).toBe(true);
    expect(r.api.callsOf('listOncalls').length).toBe(2);
    expect(r.companion.snapshot().shifts.current).toHaveLength(1);
  });
});
