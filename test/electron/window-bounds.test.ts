import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampBounds, DEFAULT_SIZE, MIN_SIZE, type Rect } from '../../src-main/electron/window-bounds.js';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 1000 };

function inside(r: Rect, a: Rect): boolean {
  return r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;
}

describe('window bounds', () => {
  it('keeps bounds that fit', () => {
    expect(clampBounds({ x: 100, y: 50, width: 900, height: 700 }, [primary])).toEqual({
      x: 100,
      y: 50,
      width: 900,
      height: 700,
    });
  });

  it('centres on the primary display when nothing was saved', () => {
    const b = clampBounds(undefined, [primary]);
    expect(b.width).toBe(DEFAULT_SIZE.width);
    expect(inside(b, primary)).toBe(true);
  });

  it('moves a window from an unplugged monitor back to the primary one', () => {
    const b = clampBounds({ x: 2500, y: 100, width: 800, height: 600 }, [primary]);
    expect(inside(b, primary)).toBe(true);
  });

  it('stays on the second display when it is still there, shrunk to fit', () => {
    const b = clampBounds({ x: 2000, y: 10, width: 3000, height: 3000 }, [primary, right]);
    expect(inside(b, right)).toBe(true);
    expect(b.width).toBe(right.width);
  });

  it('always returns a rectangle inside some display and at least the minimum size when it fits', () => {
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -2000, max: 2000 }),
      width: fc.integer({ min: 800, max: 5000 }),
      height: fc.integer({ min: 600, max: 3000 }),
    });
    const saved = fc.oneof(
      fc.record({
        x: fc.integer({ min: -10_000, max: 10_000 }),
        y: fc.integer({ min: -10_000, max: 10_000 }),
        width: fc.integer({ min: -10, max: 8000 }),
        height: fc.integer({ min: -10, max: 8000 }),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(area, { minLength: 1, maxLength: 3 }), saved, (areas, s) => {
        const b = clampBounds(s, areas);
        expect(areas.some((a) => inside(b, a))).toBe(true);
        expect(b.width).toBeGreaterThanOrEqual(Math.min(MIN_SIZE.width, ...areas.map((a) => a.width)));
      }),
    );
  });
});
