import { describe, expect, it } from 'vitest';
import { measurePollCost, pollOnce, wirePages } from '../../../src-main/core/sync/poll-cost.js';

describe('measurePollCost (the bench hook)', () => {
  it('runs steady-state polls over n realistic incidents and reports CPU medians', () => {
    const r = measurePollCost(120, 5);
    expect(r.open).toBe(120);
    expect(r.samplesMs).toHaveLength(5);
    expect(r.samplesMs.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    expect(r.medianMs).toBeGreaterThanOrEqual(0);
    expect(r.jsonDecodeMedianMs).toBeGreaterThanOrEqual(0);
  });

  it('builds pages of 100 whose successive variants differ a little, so polls diff for real', () => {
    const a = wirePages(250, 1);
    expect(a).toHaveLength(3);
    expect(JSON.parse(a[0]!)).toMatchObject({ more: true, limit: 100 });
    expect(JSON.parse(a[2]!)).toMatchObject({ more: false });
    const first = pollOnce(a, { open: new Map(), seen: new Map(), ledger: new Map() }, Date.now());
    expect(first.open).toBe(250);
    const next = pollOnce(wirePages(250, 2), first.state, Date.now() + 5000);
    expect(next.open).toBe(250);
    // Same ids across variants: no incident left or joined, so nothing new was seen.
    expect([...next.state.seen.keys()].sort()).toEqual([...first.state.seen.keys()].sort());
  });
});
