import { describe, expect, it } from 'vitest';
import {
  buildReport,
  formatDuration,
  mdText,
  reportFileName,
} from '../../../src-main/core/history/report.js';
import { handoffReminderDue, currentShiftSpan } from '../../../src-main/core/history/handoff.js';
import type { PageRecord } from '../../../src-main/core/history/types.js';
import { entry } from './fakes.js';

const T0 = Date.parse('2026-11-30T08:00:00.000Z');
const MIN = 60_000;

describe('report text', () => {
  it('escapes untrusted text to one safe Markdown line', () => {
    expect(mdText('a\nb  *c* [x](javascript:1) <!here> @channel')).toBe(
      'a b \\*c\\* \\[x\\](javascript:1) \\<!here\\> @\u200bchannel',
    );
    expect(mdText('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
  });
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(200_000)).toBe('3m 20s');
    expect(formatDuration(2 * 3_600_000 + 5 * MIN)).toBe('2h 05m');
    expect(formatDuration(50 * 3_600_000)).toBe('2d 2h');
  });
  it('names saved reports by the local end time', () => {
    expect(reportFileName({ since: 0, until: T0 }, T0 + 1, 'America/New_York')).toBe(
      'reports/2026-11-30-0300.md',
    );
  });

  it('writes every section with the numbers', () => {
    const p = (id: string, over: Partial<PageRecord>): PageRecord => ({
      incidentId: id,
      number: 5,
      title: 'Disk full',
      serviceId: 'S',
      serviceName: 'DB',
      urgency: 'high',
      triggeredAt: T0,
      acknowledgedAt: T0 + 2 * MIN,
      acknowledgedBy: 'Olga',
      acknowledgedByMe: false,
      resolvedAt: null,
      resolvedBy: null,
      offHours: false,
      weekend: false,
      ...over,
    });
    const r = buildReport({
      now: T0 + 60 * MIN,
      range: { since: T0 - MIN, until: T0 + 60 * MIN },
      label: 'Current shift',
      records: [
        p('A', {}),
        p('B', {
          triggeredAt: T0 + 10 * MIN,
          acknowledgedAt: null,
          acknowledgedByMe: null,
          acknowledgedBy: null,
        }),
        p('OLD', { triggeredAt: T0 - 2 * 86_400_000 }),
      ],
      open: [],
      checklists: [],
      notes: [{ incidentId: 'A', content: 'freed 20 GB', at: T0 + 5 * MIN }],
      metrics: { timeZone: 'UTC' },
    });
    expect(r.pages.map((x) => x.incidentId)).toEqual(['A', 'B']);
    expect(r.markdown).toContain('### Open incidents (0)\n- None. All clear.');
    expect(r.markdown).toContain('### What happened (2 pages)');
    expect(r.markdown).toContain('acked in 2m 00s by Olga, still open');
    expect(r.markdown).toContain('not acknowledged');
    expect(r.markdown).toContain('- Pages: 2 (2.0 per day), high urgency: 2');
    expect(r.markdown).toContain('- Acknowledged by me: 0%');
    expect(r.markdown).toContain('### Notes\n- Mon 30 Nov, 08:05 · #5 Disk full: freed 20 GB');
    expect(r.markdown).not.toContain('### Checklists');
  });
});

describe('handoff reminder', () => {
  const end = T0 + 8 * 60 * MIN;
  it('is due inside the lead time only, once per shift end', () => {
    expect(handoffReminderDue(end - 31 * MIN, end, 30, [])).toBeNull();
    expect(handoffReminderDue(end - 30 * MIN, end, 30, [])).toBe(`handoff:${end}`);
    expect(handoffReminderDue(end - MIN, end, 30, new Set([`handoff:${end}`]))).toBeNull();
    expect(handoffReminderDue(end, end, 30, [])).toBeNull();
    expect(handoffReminderDue(end - MIN, end, 0, [])).toBeNull();
    expect(handoffReminderDue(end - MIN, null, 30, [])).toBeNull();
  });
  it('derives the current shift from on-call entries', () => {
    const iso = (t: number) => new Date(t).toISOString();
    expect(currentShiftSpan({ current: [], next: null, fetchedAt: null })).toBeNull();
    expect(
      currentShiftSpan({
        current: [entry(iso(T0), iso(end)), entry(iso(T0 + MIN), iso(end + MIN))],
        next: null,
        fetchedAt: null,
      }),
    ).toEqual({ start: T0, end: end + MIN });
    expect(currentShiftSpan({ current: [entry(iso(T0), null)], next: null, fetchedAt: null })).toEqual({
      start: T0,
      end: null,
    });
    expect(
      currentShiftSpan({
        current: [entry(iso(T0), iso(end))],
        next: entry(iso(end), iso(end + 60 * MIN)),
        fetchedAt: null,
      }),
    ).toEqual({ start: T0, end: end + 60 * MIN });
  });
  it('a standing permanent entry beside a scheduled one does not make the shift endless', () => {
    const iso = (t: number) => new Date(t).toISOString();
    expect(
      currentShiftSpan({
        current: [entry(null, null), entry(iso(T0), iso(end))],
        next: null,
        fetchedAt: null,
      }),
    ).toEqual({ start: T0, end });
  });
});
