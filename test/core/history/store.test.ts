import { describe, expect, it } from 'vitest';
import { createMemoryAppendLog } from '../../../src-main/core/history/append-log.js';
import { openHistoryStore } from '../../../src-main/core/history/store.js';
import type { PageRecord } from '../../../src-main/core/history/types.js';
import { recordingLogger } from './fakes.js';

const page = (id: string, over: Partial<PageRecord> = {}): PageRecord => ({
  incidentId: id,
  number: 1,
  title: 'x',
  serviceId: 'S',
  serviceName: 'Svc',
  urgency: 'high',
  triggeredAt: 1000,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByMe: null,
  resolvedAt: null,
  resolvedBy: null,
  offHours: false,
  weekend: false,
  ...over,
});

describe('history store', () => {
  it('rebuilds the index from upserts keyed by incident id', async () => {
    const log = createMemoryAppendLog();
    const s = await openHistoryStore(log, recordingLogger());
    s.upsert(page('A'));
    s.upsert(page('B'));
    s.upsert(page('A', { acknowledgedAt: 2000 }));
    s.addNote({ incidentId: 'A', content: 'restarted', at: 1500 });
    s.addShift({ start: 0, end: 5000 });
    await s.flush();
    expect(log.lines).toHaveLength(5);
    const again = await openHistoryStore(log, recordingLogger());
    expect(again.pages().map((p) => [p.incidentId, p.acknowledgedAt])).toEqual([
      ['A', 2000],
      ['B', null],
    ]);
    expect(again.notes()).toEqual([{ incidentId: 'A', content: 'restarted', at: 1500 }]);
    expect(again.shifts()).toEqual([{ start: 0, end: 5000 }]);
  });

  it('skips unreadable lines with a warning and compacts them away', async () => {
    const log = createMemoryAppendLog([
      JSON.stringify({ k: 'page', page: page('A') }),
      'not json',
      JSON.stringify({ k: 'page', page: { incidentId: 'B' } }),
    ]);
    const logger = recordingLogger();
    const s = await openHistoryStore(log, logger);
    expect(s.pages()).toHaveLength(1);
    expect(logger.lines.some(([l, m]) => l === 'warn' && /unreadable/.test(m))).toBe(true);
    expect(log.lines).toEqual([JSON.stringify({ k: 'page', page: page('A') })]);
  });

  it('compacts when the log holds far more lines than live records', async () => {
    const log = createMemoryAppendLog();
    const s = await openHistoryStore(log, recordingLogger());
    for (let i = 0; i < 1100; i++) s.upsert(page('A', { acknowledgedAt: i }));
    await s.flush();
    await s.flush();
    expect(log.lines.length).toBe(1);
    expect(JSON.parse(log.lines[0]!).page.acknowledgedAt).toBe(1099);
  });
});
