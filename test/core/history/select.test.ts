import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectK, selectMedian, selectPercentile } from '../../../src-main/core/history/select.js';
import { resolvePeriod } from '../../../src-main/core/history/periods.js';

describe('selection', () => {
  it('finds the k-th value a sort would, duplicates included (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, k0) => {
          const k = k0 % xs.length;
          const sorted = [...xs].sort((a, b) => a - b);
          expect(selectK(Float64Array.from(xs), 0, xs.length - 1, k)).toBe(sorted[k]);
          const mid = Math.floor(xs.length / 2);
          const median = xs.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
          expect(selectMedian(Float64Array.from(xs))).toBe(median);
          expect(selectPercentile(Float64Array.from(xs), 0.9)).toBe(sorted[Math.ceil(0.9 * xs.length) - 1]);
        },
      ),
      { numRuns: 300 },
    );
    expect(selectMedian(new Float64Array(0))).toBeNull();
    expect(selectPercentile(new Float64Array(0), 0.9)).toBeNull();
  });
});

describe('resolvePeriod', () => {
  const H = 3_600_000;
  it('maps current, last and range periods', () => {
    expect(resolvePeriod({ kind: 'range', since: 1, until: 2 }, 10, null, [])).toEqual({
      range: { since: 1, until: 2 },
      label: 'Chosen range',
    });
    expect(resolvePeriod({ kind: 'current' }, 100 * H, { start: 90 * H, end: 98 * H }, []).range).toEqual({
      since: 90 * H,
      until: 100 * H + 1,
    });
    expect(resolvePeriod({ kind: 'current' }, 100 * H, null, []).label).toBe('Last 24 hours');
    const ended = [
      { start: 70 * H, end: 78 * H },
      { start: 60 * H, end: 70 * H },
      { start: 74 * H, end: 80 * H }, // overlapping entry of another policy
      { start: 91 * H, end: 95 * H }, // ends inside the current shift: not "last"
    ];
    expect(resolvePeriod({ kind: 'last' }, 100 * H, { start: 90 * H, end: null }, ended)).toEqual({
      range: { since: 60 * H, until: 80 * H }, // 60-70, 70-78 and 74-80 are one stretch on call
      label: 'Last shift',
    });
    expect(resolvePeriod({ kind: 'last' }, 100 * H, null, []).label).toBe('Previous 24 hours');
  });
});
