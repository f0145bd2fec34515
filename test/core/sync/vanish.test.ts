/**
 * An incident missing from one poll is not resolved: every disappearance is confirmed (the cheap
 * listing by service, else the incident's log, within a per-poll request budget) before the engine
 * says "resolved"; an unconfirmed one stays open and silent, and its return is no event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src-main/core/domain.js';
import type { IncidentQuery, Listing } from '../../../src-main/core/pagerduty/api.js';
import { CONFIRM_LOG_BUDGET } from '../../../src-main/core/sync/fetch.js';
import { FakeApiError } from '../support/fake-api.js';
import { rig, type Rig } from '../support/harness.js';

let r: Rig | null = null;
afterEach(async () => {
  await r?.companion.stop();
  r = null;
});

const isPoll = (q: IncidentQuery): boolean => !q.statuses?.includes('resolved');
const DAY = 86_400_000;

/**
 * Hides `ids` from the next `polls` routine polls; with `confirm`, from the confirmation listings
 * of those polls too (paging drift hits every read of that moment).
 */
function hide(rr: Rig, ids: string[], polls: number, confirm = false): void {
  const orig = rr.api.listIncidents.bind(rr.api);
  let seen = 0;
  rr.api.listIncidents = async (q, o): Promise<Listing<Incident>> => {
    const l = await orig(q, o);
    if (isPoll(q)) seen += 1;
    const hidden = seen >= 1 && seen <= polls && (isPoll(q) || confirm);
    return hidden ? { ...l, items: l.items.filter((i) => !ids.includes(i.id)) } : l;
  };
}

describe('vanished incidents', () => {
  it('keeps an incident missing from one poll open and silent, and its return is no event', async () => {
    r = rig();
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    const before = r.events.length;
    hide(r, ['P1'], 1, true);
    await r.time.advance(5000);
    expect(r.companion.snapshot().incidents.map((i) => i.id)).toEqual(['P1']);
    await r.time.advance(5000);
    const after = r.events
      .slice(before)
      .filter((e) => e.type.startsWith('incident.') || e.type === 'notification');
    expect(after).toEqual([]);
  });

  it('does not call it resolved when the confirmation fails; confirms it on a later poll', async () => {
    r = rig();
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    r.api.change('P1', { status: 'resolved' });
    r.api.failNext(new FakeApiError('boom', 'server', 503), 1, ['listLogEntries']);
    const orig = r.api.listIncidents.bind(r.api);
    let failConfirm = true;
    r.api.listIncidents = (q, o) => {
      if (!isPoll(q) && failConfirm) {
        failConfirm = false;
        return Promise.reject(new FakeApiError('boom', 'server', 503));
      }
      return orig(q, o);
    };
    await r.time.advance(5000);
    expect(r.of('incident.resolved')).toEqual([]);
    expect(r.companion.snapshot().incidents.map((i) => i.id)).toEqual(['P1']);
    await r.time.advance(5000);
    expect(r.of('incident.resolved').map((e) => e.incident.id)).toEqual(['P1']);
  });

  it('confirms old incidents from their log, a few per poll, and never resolves a live one', async () => {
    r = rig();
    const ids = Array.from({ length: 30 }, (_, i) => `P${i + 1}`);
    // Created two days ago: the cheap confirmation listing does not apply.
    const old = new Date(r.time.now() - 2 * DAY).toISOString();
    for (const id of ids) r.api.create({ id, createdAt: old, assignedAt: { PME: old } });
    await r.companion.start();
    await r.time.advance(0);
    const resolved = ids.slice(0, 20);
    const live = ids.slice(20);
    for (const id of resolved) r.api.change(id, { status: 'resolved' });
    hide(r, live, 1000, true); // the live ones drift out of every listing for good
    const logsBefore = r.api.callsOf('listLogEntries').length;
    await r.time.advance(5000);
    const perPoll = r.api.callsOf('listLogEntries').length - logsBefore;
    expect(perPoll).toBeGreaterThan(0);
    expect(perPoll).toBeLessThanOrEqual(CONFIRM_LOG_BUDGET);
    await r.time.advance(5 * 60_000);
    expect(
      r
        .of('incident.resolved')
        .map((e) => e.incident.id)
        .sort(),
    ).toEqual([...resolved].sort());
    for (const id of live) expect(r.companion.snapshot().incidents.map((i) => i.id)).toContain(id);
  });

  it('keeps a listed-elsewhere incident that is still open and mine (no "unassigned")', async () => {
    r = rig();
    r.api.create({ id: 'P1' });
    await r.companion.start();
    await r.time.advance(0);
    hide(r, ['P1'], 1);
    // The confirmation listing (by service) still shows it open and mine.
    await r.time.advance(5000);
    expect(r.of('incident.unassigned')).toEqual([]);
    expect(r.of('incident.resolved')).toEqual([]);
    expect(r.companion.snapshot().incidents.map((i) => i.id)).toEqual(['P1']);
  });
});
