/**
 * One time format that follows the OS locale: 24 h where the locale uses 24 h, 12 h where it does not.
 */
import { describe, expect, it } from 'vitest';
import { dateAndTime, timeOfDay, uses24h } from '../../src-renderer/src/store/datetime.js';

describe('time of day', () => {
  it('reads the hour cycle of the locale', () => {
    expect(uses24h('en-GB')).toBe(true);
    expect(uses24h('de-DE')).toBe(true);
    expect(uses24h('en-US')).toBe(false);
  });
  it('writes 24 h or 12 h times the same way everywhere', () => {
    const d = new Date(2026, 11, 4, 14, 5, 9);
    expect(timeOfDay(d, false, true)).toBe('14:05');
    expect(timeOfDay(d, true, true)).toBe('14:05:09');
    expect(timeOfDay(d, false, false)).toBe('2:05 PM');
    expect(timeOfDay(new Date(2026, 11, 4, 0, 30), false, false)).toBe('12:30 AM');
    expect(dateAndTime(d.getTime(), true)).toBe('Fri 4 Dec 14:05');
    expect(dateAndTime(Number.NaN, true)).toBe('');
  });
});
