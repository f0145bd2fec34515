// Acceptance: the demo scenario at speed 60 for an hour of scenario time (one real minute), recorded by
// the history service from the real engine + client + simulator, gives a report whose numbers match a
// count made here from the simulator's own record.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource, type OpenedSource } from '../../../src-main/node/source.js';
import { createHistoryService, type HistoryService } from '../../../src-main/core/history/service.js';
import { createMemoryAppendLog } from '../../../src-main/core/history/append-log.js';
import { computeMetrics } from '../../../src-main/core/history/metrics.js';
import { SIM_ME } from '../../../src-main/core/simulator/index.js';
import type { SimIncidentRecord } from '../../../src-main/core/simulator/index.js';
import { silentLogger, systemClock } from '../../../src-main/core/ports.js';
import type { PageRecord } from '../../../src-main/core/history/types.js';
import { memoryStore } from './fakes.js';

const SPEED = 60;
const SCENARIO_MS = 60 * 60_000; // one hour of scenario time

let opened: OpenedSource | null = null;
let history: HistoryService | null = null;
let dir: string | null = null;
afterAll(async () => {
  await opened?.close();
  await history?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** When an incident reached me: when I was first assigned (at creation, or by escalation), or null. */
function reachedMeAt(i: SimIncidentRecord): number | null {
  const first = i.assignedTo.find((a) => a.userId === SIM_ME.id);
  return first ? Math.max(Date.parse(i.createdAt), Date.parse(first.at)) : null;
}

/**
 * Independent count: the pages that reached me during the report's range, from the simulator's record
 * alone. The demo's backlog (pages from earlier in the shift, before the companion started) reached me
 * before `since`, so it is not in the range, as in the report.
 */
function expectedPages(incidents: SimIncidentRecord[], since: number) {
  return incidents.filter((i) => {
    const t = reachedMeAt(i);
    return t !== null && t >= since;
  });
}

describe('demo shift at speed 60', () => {
  it('produces a report whose numbers match the simulator record', async () => {
    dir = await mkdtemp(join(tmpdir(), 'oncall-demo-shift-'));
    const since = Date.now();
    opened = await openSource({
      token: null,
      scenario: 'demo',
      seed: 7,
      speed: SPEED,
      pollIntervalSeconds: 2,
      dataDir: dir,
      logger: silentLogger,
    });
    const { companion, simulator } = opened;
    history = await createHistoryService({
      log: createMemoryAppendLog(),
      store: memoryStore(),
      clock: systemClock,
      logger: silentLogger,
      timeZone: 'UTC',
    });
    history.attach(companion);
    // I acknowledge each of my pages as it reaches me (the teammates handle theirs; the scenario acks some of mine).
    let acking = true;
    companion.subscribe((e) => {
      if (
        acking &&
        (e.type === 'incident.triggered' || e.type === 'incident.escalated') &&
        e.incident.status === 'triggered'
      )
        void companion.acknowledge([e.incident.id]).catch(() => undefined);
    });
    await companion.start();
    await new Promise((r) => setTimeout(r, SCENARIO_MS / SPEED));
    // Settle: stop acting, then poll until the simulator's view of my pages did not change across a poll,
    // so the history has seen everything the record holds.
    acking = false;
    const view = () =>
      JSON.stringify(
        expectedPages(simulator!.record().incidents, since).map((i) => [
          i.id,
          i.assignedTo,
          i.ackedAt,
          i.ackedBy,
        ]),
      );
    let before = view();
    for (let i = 0; i < 30; i++) {
      await companion.syncNow();
      const after = view();
      if (after === before) break;
      before = after;
    }
    const record = simulator!.record();
    const until = Date.now() + 1;
    const report = await history.getReport({ kind: 'range', since, until });

    const mine = expectedPages(record.incidents, since);
    // The backlog is there, and all of it reached me before the range (the count above leaves it out).
    const backlog = record.incidents.filter((i) => Date.parse(i.createdAt) < since);
    expect(backlog.length).toBeGreaterThan(0);
    expect(backlog.every((i) => (reachedMeAt(i) ?? 0) < since)).toBe(true);
    expect(mine.length).toBeGreaterThan(5);
    // Pages: every incident that reached me, by id.
    expect(report.pages.map((p) => p.incidentId).sort()).toEqual(mine.map((i) => i.id).sort());
    expect(report.metrics.pages).toBe(mine.length);
    expect(report.metrics.highUrgency).toBe(mine.filter((i) => i.urgency === 'high').length);
    // Who acknowledged, and when (the simulator's own times, so exact).
    const acked = mine.filter((i) => i.ackedBy !== null);
    expect(report.pages.filter((p) => p.acknowledgedAt !== null).length).toBe(acked.length);
    expect(report.metrics.ackedByMeShare).toBeCloseTo(
      acked.filter((i) => i.ackedBy === SIM_ME.id).length / acked.length,
    );
    // Time to acknowledge, recomputed from the simulator record with the same definitions.
    const asRecords: PageRecord[] = mine.map((i) => {
      // A page reaches me when I am first assigned (at creation, or by escalation).
      const t = reachedMeAt(i)!;
      return {
        incidentId: i.id,
        number: i.number,
        title: i.title,
        serviceId: i.service,
        serviceName: i.service,
        urgency: i.urgency,
        triggeredAt: t,
        acknowledgedAt: i.ackedAt ? Date.parse(i.ackedAt) : null,
        acknowledgedBy: i.ackedBy,
        acknowledgedByMe: i.ackedBy ? i.ackedBy === SIM_ME.id : null,
        resolvedAt: null,
        resolvedBy: null,
        offHours: false,
        weekend: false,
      };
    });
    const pick = (r: PageRecord) => [r.incidentId, r.triggeredAt, r.acknowledgedAt, r.acknowledgedByMe];
    const byId = (a: PageRecord, b: PageRecord) => a.incidentId.localeCompare(b.incidentId);
    expect([...report.pages].sort(byId).map(pick)).toEqual([...asRecords].sort(byId).map(pick));
    const independent = computeMetrics(asRecords, { since, until }, { timeZone: 'UTC' });
    expect(report.metrics.timeToAckMedianMs).toBe(independent.timeToAckMedianMs);
    expect(report.metrics.timeToAckP90Ms).toBe(independent.timeToAckP90Ms);
    expect(report.markdown).toContain(`- Pages: ${mine.length} `);
  }, 120_000);
});
