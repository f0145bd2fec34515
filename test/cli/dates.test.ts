import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateError, parseDate, parseRange } from '../../src-main/cli/dates.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('parseDate', () => {
  it('reads ISO dates and times in local time, and zoned times as given', () => {
    expect(parseDate('2026-11-01', NOW)).toBe(new Date(2026, 10, 1).getTime());
    expect(parseDate('2026-11-01T08:00', NOW)).toBe(new Date(2026, 10, 1, 8, 0).getTime());
    expect(parseDate('2026-11-01 08:30:15', NOW)).toBe(new Date(2026, 10, 1, 8, 30, 15).getTime());
    expect(parseDate('2026-11-01T08:00Z', NOW)).toBe(Date.parse('2026-11-01T08:00:00Z'));
    expect(parseDate('2026-11-01T08:00+0100', NOW)).toBe(Date.parse('2026-11-01T07:00:00Z'));
    expect(parseDate('2026-11-01T08:00:00.5-02:00', NOW)).toBe(Date.parse('2026-11-01T10:00:00.5Z'));
  });

  it('reads times ago and now', () => {
    expect(parseDate('now', NOW)).toBe(NOW);
    expect(parseDate('7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseDate('12h ago', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseDate('1d12h', NOW)).toBe(NOW - 36 * 3_600_000);
    expect(parseDate('2w', NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseDate('30M', NOW)).toBe(NOW - 30 * 60_000);
  });

  it('refuses what is not a date, naming the forms to use', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2026-11-01T25:00',
      '7x',
      '-7d',
      '2026/11/01',
    ]) {
      expect(() => parseDate(bad, NOW), bad).toThrow(DateError);
    }
    expect(() => parseDate('2026-02-30', NOW)).toThrow(/not a real date.*2026-11-01T08:00/);
    expect(() => parseDate('soon', NOW)).toThrow(/"soon" is not a date: use e\.g\. 2026-11-01/);
  });

  it('never throws anything but DateError, and a relative date is never after now', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const t = parseDate(s, NOW);
          expect(Number.isFinite(t)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DateError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('m', 'h', 'd', 'w'), (n, u) => {
        expect(parseDate(`${n}${u}`, NOW)).toBeLessThanOrEqual(NOW);
      }),
    );
  });
});

describe('parseRange', () => {
  it('defaults the end to now, and needs since before until', () => {
    expect(parseRange('1d', null, NOW)).toEqual({ since: NOW - 86_400_000, until: NOW + 1 });
    expect(parseRange('2026-11-01', '2026-11-02', NOW)).toEqual({
      since: new Date(2026, 10, 1).getTime(),
      until: new Date(2026, 10, 2).getTime(),
    });
    expect(() => parseRange('2026-11-02', '2026-11-01', NOW)).toThrow(/--since must be before --until/);
    expect(() => parseRange('2026-11-01', '2026-11-01', NOW)).toThrow(DateError);
    expect(() => parseRange('2027-01-01', null, NOW)).toThrow(/not in the past/);
  });
});
