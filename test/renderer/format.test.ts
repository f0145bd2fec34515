/**
 * Times as the list and header show them.
 */
import { describe, expect, it } from 'vitest';
import { age, countdown, peopleList, shortDuration } from '../../src-renderer/src/store/format.js';

describe('format', () => {
  it('writes short durations', () => {
    expect(shortDuration(-5)).toBe('0s');
    expect(shortDuration(45_000)).toBe('45s');
    expect(shortDuration(4 * 60_000 + 59_000)).toBe('4m');
    expect(shortDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(shortDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
  });

  it('counts down with seconds under an hour', () => {
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(countdown('2026-01-01T10:59:12.000Z', now)).toBe('59:12');
    expect(countdown('2026-01-01T11:02:00.000Z', now)).toBe('1h 02m');
    expect(countdown('2026-01-01T09:00:00.000Z', now)).toBe('now');
    expect(countdown(null, now)).toBe('');
    expect(age('not a date', now)).toBe('?');
  });

  it('names me "You"', () => {
    expect(peopleList([], 'ME')).toBe('Unassigned');
    expect(
      peopleList(
        [
          { id: 'ME', summary: 'Morgan' },
          { id: 'U2', summary: 'Alex' },
        ],
        'ME',
      ),
    ).toBe('You, Alex');
  });
});
