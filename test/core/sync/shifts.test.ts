import { describe, expect, it } from 'vitest';
import type { OncallEntry } from '../../../src-main/core/domain.js';
import { diffShifts, nextBoundary, shiftView } from '../../../src-main/core/sync/shifts.js';

const H = 3_600_000;
const T0 = Date.parse('2026-01-05T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const entry = (start: number | null, end: number | null, ep = 'PEP', level = 1): OncallEntry => ({
  user: { id: 'PME', summary: 'Me' },
  schedule: { id: 'PSCH', summary: 'Primary' },
  escalationPolicy: { id: ep, summary: ep },
  escalationLevel: level,
  start: start === null ? null : iso(start),
  end: end === null ? null : iso(end),
});

describe('shiftView', () => {
  it('finds the current entries and the next one that is not a continuation', () => {
    const cur = entry(T0 - H, T0 + H);
    const cont = entry(T0 + H, T0 + 3 * H);
    const later = entry(T0 + 24 * H, T0 + 30 * H, 'PEP2');
    const v = shiftView([later, cont, cur], T0, 'x');
    expect(v.current).toEqual([cur]);
    expect(v.next).toEqual(later);
    expect(v.fetchedAt).toBe('x');
  });

  it('treats null start/end as permanent and has no next when nothing is ahead', () => {
    const perm = entry(null, null);
    const v = shiftView([perm], T0, null);
    expect(v.current).toEqual([perm]);
    expect(v.next).toBeNull();
  });

  it('gives the earliest future entry when not on call now', () => {
    const a = entry(T0 + 2 * H, T0 + 3 * H);
    const b = entry(T0 + H, T0 + 2 * H, 'PEP2');
    expect(shiftView([a, b], T0, null).next).toEqual(b);
  });
});

describe('nextBoundary and diffShifts', () => {
  it('returns the next start or end after now', () => {
    expect(nextBoundary([entry(T0 - H, T0 + H), entry(T0 + 30 * 60_000, T0 + 5 * H)], T0)).toBe(
      T0 + 30 * 60_000,
    );
    expect(nextBoundary([entry(null, null)], T0)).toBeNull();
  });

  it('emits started and ended at the boundaries, not for contiguous entries of one rotation', () => {
    const entries = [entry(T0 + H, T0 + 2 * H), entry(T0 + 2 * H, T0 + 3 * H)];
    let state = diffShifts(new Map(), entries, T0, iso(T0));
    expect(state.events).toEqual([]);
    state = diffShifts(state.current, entries, T0 + H, iso(T0 + H));
    expect(state.events).toMatchObject([{ type: 'shift.started', entry: { start: iso(T0 + H) } }]);
    state = diffShifts(state.current, entries, T0 + 2 * H, iso(T0 + 2 * H));
    expect(state.events).toEqual([]);
    state = diffShifts(state.current, entries, T0 + 3 * H, iso(T0 + 3 * H));
    expect(state.events).toMatchObject([{ type: 'shift.ended' }]);
  });
});
