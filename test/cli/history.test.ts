/**
 * The history in the headless command: the file history's writer lock (a second process reads
 * only), watch's shift follower (handoff reminder, report saved when a shift ends) and the preview's
 * switchable history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompanionApi, CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { OncallEntry } from '../../src-main/core/domain.js';
import type { CoreEvent, NotificationRequest } from '../../src-main/core/events.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { followShifts, reportsRootOf } from '../../src-main/cli/history.js';
import { historyDir, openFileHistory } from '../../src-main/node/history.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'occ-hist-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const NOW = Date.parse('2026-11-30T16:40:00Z');
const entry = (start: string, end: string): OncallEntry => ({
  user: { id: 'PME', summary: 'Me' },
  schedule: { id: 'PS', summary: 'Primary' },
  escalationPolicy: { id: 'PEP', summary: 'Platform' },
  escalationLevel: 1,
  start,
  end,
});

function fakeCompanion(current: OncallEntry[]) {
  const listeners = new Set<(e: CoreEvent) => void>();
  let snap: CompanionSnapshot = {
    source: { kind: 'pagerduty', apiUrl: 'https://api.pagerduty.com' },
    me: { id: 'PME', name: 'Me', email: 'me@example.com', timeZone: 'UTC', htmlUrl: null },
    sync: { state: 'live', lastSyncAt: new Date(NOW).toISOString() },
    incidents: [],
    shifts: { current, next: null, fetchedAt: new Date(NOW).toISOString() },
    pendingActions: [],
    lowUrgencyPausedUntil: null,
    at: new Date(NOW).toISOString(),
  };
  const companion = {
    snapshot: () => snap,
    subscribe: (l: (e: CoreEvent) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  } as unknown as CompanionApi;
  return {
    companion,
    listeners,
    set: (s: Partial<CompanionSnapshot>) => (snap = { ...snap, ...s }),
    emit: (e: CoreEvent) => {
      for (const l of [...listeners]) l(e);
    },
  };
}

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('file history', () => {
  it('lets one process record; another opening the folder reads only', async () => {
    const dir = join(tmp(), 'history');
    const first = await openFileHistory({ dir, logger: silentLogger });
    expect(first.writable).toBe(true);
    expect(readFileSync(join(dir, 'writer.lock'), 'utf8').trim()).toBe(String(process.pid));
    first.service.importRecords([
      {
        incidentId: 'P1',
        number: 1,
        title: 'disk full',
        serviceId: 'S1',
        serviceName: 'api',
        urgency: 'high',
        triggeredAt: NOW - 60_000,
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgedByMe: null,
        resolvedAt: null,
        resolvedBy: null,
        offHours: false,
        weekend: false,
      },
    ]);
    await first.service.flush();

    // A second holder while the first is alive (simulated by our own pid's lock held by `first`):
    // a lock naming another live process makes the opener read only.
    const other = join(tmp(), 'history');
    await openFileHistory({ dir: other, logger: silentLogger }).then((h) => h.close());
    writeFileSync(join(other, 'writer.lock'), `${process.ppid}\n`);
    const reader = await openFileHistory({ dir: other, logger: silentLogger });
    expect(reader.writable).toBe(false);
    expect(reader.heldBy).toBe(process.ppid);
    await reader.close();
    expect(existsSync(join(other, 'writer.lock'))).toBe(true);

    // A read-only view of the first history sees what it wrote, and writes nothing.
    const ro = await openFileHistory({ dir, logger: silentLogger, readOnly: true });
    expect(ro.service.records().map((r) => r.incidentId)).toEqual(['P1']);
    const before = readFileSync(join(dir, 'pages.jsonl'), 'utf8');
    ro.service.importRecords([{ ...ro.service.records()[0]!, incidentId: 'P2' }]);
    await ro.service.flush();
    expect(readFileSync(join(dir, 'pages.jsonl'), 'utf8')).toBe(before);
    await ro.close();

    await first.close();
    expect(existsSync(join(dir, 'writer.lock'))).toBe(false);
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = join(tmp(), 'history');
    await openFileHistory({ dir, logger: silentLogger }).then((h) => h.close());
    writeFileSync(join(dir, 'writer.lock'), '2147483646\n');
    const h = await openFileHistory({ dir, logger: silentLogger });
    expect(h.writable).toBe(true);
    await h.close();
  });

  it('keeps a demo run’s reports outside the run folder, which is removed', () => {
    expect(reportsRootOf({ dataDir: '/d/demo/run-1-x', source: { kind: 'demo', apiUrl: 'u' } })).toBe(
      '/d/demo',
    );
    expect(reportsRootOf({ dataDir: '/d/pagerduty-a', source: { kind: 'pagerduty', apiUrl: 'u' } })).toBe(
      '/d/pagerduty-a',
    );
    expect(historyDir('/d/pagerduty-a')).toBe(join('/d/pagerduty-a', 'history'));
  });
});

describe('watch: following shifts', () => {
  it('reminds to hand off before the shift ends and saves the report', async () => {
    const root = tmp();
    const notes: NotificationRequest[] = [];
    const saved: string[] = [];
    const h = await openFileHistory({
      dir: join(root, 'history'),
      logger: silentLogger,
      clock: { now: () => NOW },
      reportsRoot: root,
      onReportSaved: (p) => saved.push(p),
      handoffReminderMinutes: 30,
      onNotification: (n) => notes.push(n),
    });
    // The shift ends in 20 minutes: inside the 30-minute lead.
    const f = fakeCompanion([entry('2026-11-30T09:00:00Z', '2026-11-30T17:00:00Z')]);
    const intervals: Array<() => void> = [];
    const stop = followShifts(h.service, f.companion, silentLogger, {
      setInterval: ((fn: () => void) => (intervals.push(fn), 1)) as unknown as typeof setInterval,
      clearInterval: (() => {}) as typeof clearInterval,
    });
    expect(intervals).toHaveLength(1);
    intervals[0]!();
    await until(() => notes.length === 1);
    expect(notes[0]!.kind).toBe('handoff');
    expect(notes[0]!.title).toMatch(/ends in 20 min/);
    await until(() => saved.length === 1);
    expect(saved[0]!.startsWith(join(root, 'reports'))).toBe(true);
    expect(readFileSync(saved[0]!, 'utf8')).toMatch(/^## Handoff report: Current shift/);
    // Not twice for the same shift.
    intervals[0]!();
    f.emit({
      type: 'sync',
      at: new Date(NOW).toISOString(),
      status: { state: 'live', lastSyncAt: new Date(NOW).toISOString() },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(notes).toHaveLength(1);

    // The shift ends: the report of the last shift is saved.
    const ended = entry('2026-11-30T09:00:00Z', '2026-11-30T16:40:00Z');
    f.set({ shifts: { current: [], next: null, fetchedAt: new Date(NOW).toISOString() } });
    f.emit({ type: 'shift.ended', at: new Date(NOW).toISOString(), entry: ended });
    await until(() => saved.length === 2);
    expect(readFileSync(saved[1]!, 'utf8')).toMatch(/^## Handoff report: Last shift/);

    stop();
    expect(f.listeners.size).toBe(0);
    await h.close();
  });

  it('does not remind when the lead time is 0', async () => {
    const notes: NotificationRequest[] = [];
    const h = await openFileHistory({
      dir: join(tmp(), 'history'),
      logger: silentLogger,
      clock: { now: () => NOW },
      handoffReminderMinutes: 0,
      onNotification: (n) => notes.push(n),
    });
    const f = fakeCompanion([entry('2026-11-30T09:00:00Z', '2026-11-30T17:00:00Z')]);
    const stop = followShifts(h.service, f.companion, silentLogger);
    expect(await h.service.checkHandoff()).toBeNull();
    expect(notes).toHaveLength(0);
    stop();
    await h.close();
  });
});
