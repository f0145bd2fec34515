import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DurationError,
  formatDuration,
  MAX_SNOOZE_SECONDS,
  parseDuration,
} from '../../src-main/cli/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30m', 1800],
    ['1h', 3600],
    ['2h30m', 9000],
    ['3600s', 3600],
    ['1d', 86400],
    ['1h0m30s', 3630],
    ['90', 90],
    [' 5M ', 300],
    ['7d', MAX_SNOOZE_SECONDS],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    '',
    '0',
    '0m',
    'abc',
    '1h 30m',
    '30m1h',
    '1h1h',
    '-5m',
    '1.5h',
    'h',
    '8d',
    '10000000000000000000s',
  ])('rejects %j with a message naming the fix', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/e\.g\. 30m/);
  });

  it('round-trips every valid number of seconds through formatDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SNOOZE_SECONDS }), (s) => {
        expect(parseDuration(formatDuration(s))).toBe(s);
      }),
    );
  });

  it('accepts any well-ordered combination of units and sums them', () => {
    const part = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });
    fc.assert(
      fc.property(part(6), part(23), part(59), part(59), (d, h, m, s) => {
        const units: Array<[number | undefined, string, number]> = [
          [d, 'd', 86400],
          [h, 'h', 3600],
          [m, 'm', 60],
          [s, 's', 1],
        ];
        const text = units.map(([n, u]) => (n === undefined ? '' : `${n}${u}`)).join('');
        const total = units.reduce((t, [n, , size]) => t + (n ?? 0) * size, 0);
        if (text === '' || total < 1) {
          expect(() => parseDuration(text)).toThrow(DurationError);
        } else {
          expect(parseDuration(text)).toBe(total);
        }
      }),
    );
  });

  it('never throws anything but a DurationError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const n = parseDuration(text);
          expect(Number.isInteger(n) && n >= 1 && n <= MAX_SNOOZE_SECONDS).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(DurationError);
        }
      }),
    );
  });
});
