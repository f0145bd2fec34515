import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Query, page, parsePaging } from '../../../src-main/core/simulator/http-util.js';
import { createRng } from '../../../src-main/core/simulator/prng.js';

describe('simulator paging and PRNG', () => {
  it('walking pages with `more` yields every item exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 150 }), (n, limit) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const seen: number[] = [];
        let offset = 0;
        for (;;) {
          const p = parsePaging(
            new Query(new URLSearchParams({ limit: String(limit), offset: String(offset) })),
          );
          const pg = page(items, p);
          seen.push(...pg.items);
          expect(pg.total).toBeNull();
          if (!pg.more) break;
          offset += pg.limit;
        }
        expect(seen).toEqual(items);
      }),
    );
  });

  it('refuses offset + limit beyond 10,000 and bad numbers', () => {
    const q = (o: Record<string, string>) => new Query(new URLSearchParams(o));
    expect(() => parsePaging(q({ offset: '9901', limit: '100' }))).toThrow(/10000/);
    expect(parsePaging(q({ offset: '9900', limit: '100' }))).toEqual({
      limit: 100,
      offset: 9900,
      total: false,
    });
    expect(() => parsePaging(q({ limit: 'ten' }))).toThrow();
    expect(parsePaging(q({ total: 'true' })).total).toBe(true);
  });

  it('the PRNG replays for a seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 20; i += 1) {
          const x = a.int(60, 180);
          expect(x).toBe(b.int(60, 180));
          expect(x).toBeGreaterThanOrEqual(60);
          expect(x).toBeLessThanOrEqual(180);
        }
      }),
    );
  });
});
