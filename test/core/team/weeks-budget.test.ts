/**
 * ISO weeks in a time zone (labels round-trip, DST weeks are 167/169 hours) and the budget file
 * (errors name the line; defaults when no limits are given).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile, DEFAULT_BUDGET } from '../../../src-main/core/team/budget.js';
import { mondayOf, parseWeekLabel, weekLabel, weekSpan } from '../../../src-main/core/team/weeks.js';
import { normaliseTitle } from '../../../src-main/core/team/normalise.js';

describe('weeks', () => {
  it('a label parses back to its Monday, for any day over 60 years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 22_000 }), (day) => {
        const monday = day - ((((day + 4) % 7) + 7 + 6) % 7);
        expect(parseWeekLabel(weekLabel(monday))).toBe(monday);
      }),
    );
  });

  it('matches the ISO calendar at year edges', () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
    expect(weekLabel(day(2020, 12, 28))).toBe('2020-W53');
    expect(weekLabel(day(2026, 12, 28))).toBe('2026-W53');
    expect(weekLabel(day(2025, 12, 29))).toBe('2026-W01');
    expect(parseWeekLabel('2025-W53')).toBeNull();
    expect(parseWeekLabel('2026-W00')).toBeNull();
  });

  it('DST weeks in Berlin are 169 and 167 hours; every week starts at local midnight Monday', () => {
    const tz = 'Europe/Berlin';
    const autumn = weekSpan(mondayOf(Date.UTC(2026, 9, 21), tz), tz);
    expect(autumn.week).toBe('2026-W43');
    expect((autumn.until - autumn.since) / 3_600_000).toBe(169);
    expect(new Date(autumn.since).toISOString()).toBe('2026-10-18T22:00:00.000Z');
    const spring = weekSpan(mondayOf(Date.UTC(2026, 2, 25), tz), tz);
    expect((spring.until - spring.since) / 3_600_000).toBe(167);
  });
});

describe('budget file', () => {
  it('reads limits, hours and zone', () => {
    const r = parseBudgetFile(
      'team: Payments\ntimeZone: Europe/Berlin\nlimits:\n  pagesPerServicePerWeek: 12\nsleepHours: { start: "22:30", end: "06:30" }\n',
      'yaml',
    );
    expect(r).toEqual({
      ok: true,
      file: {
        team: 'Payments',
        budget: { pagesPerServicePerWeek: 12 },
        settings: { timeZone: 'Europe/Berlin', sleepHours: { start: '22:30', end: '06:30' } },
      },
    });
  });

  it('without limits the default budget applies', () => {
    const r = parseBudgetFile('{"team": "x"}', 'json');
    expect(r.ok && r.file.budget).toEqual(DEFAULT_BUDGET);
  });

  it.each([
    [
      'limits:\n  mttaP90Minutes: 5\n  pagesPerDay: 3\n',
      'yaml',
      'budget.yaml line 3: unknown limit "pagesPerDay"',
    ],
    [
      'limits:\n  mttaP90Minutes: -1\n',
      'yaml',
      'budget.yaml line 2: limits.mttaP90Minutes must be 0 or more',
    ],
    ['owner: me\n', 'yaml', 'budget.yaml line 1: unknown field "owner"'],
    ['timeZone: Mars/Olympus\n', 'yaml', 'budget.yaml line 1: timeZone must be an IANA time zone'],
    [
      'sleepHours:\n  start: "25:00"\n  end: "07:00"\n',
      'yaml',
      'budget.yaml line 2: sleepHours.start must be a time',
    ],
    [
      '{\n  "limits": {\n    "mttaP90Minutes": "five"\n  }\n}',
      'json',
      'budget.json line 3: limits.mttaP90Minutes must be a number',
    ],
    ['{\n  "limits": {,\n}', 'json', 'budget.json line 2: invalid JSON'],
    ['limits: [1, 2\n', 'yaml', 'budget.yaml line'],
  ] as const)('%j is refused naming the line', (text, format, message) => {
    const r = parseBudgetFile(text, format);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });
});

describe('repeat offender keys', () => {
  it('titles differing in numbers, ids and addresses fall together; different alerts do not', () => {
    expect(normaliseTitle('disk-91% on db-3')).toBe(normaliseTitle('disk-87% on db-12'));
    expect(normaliseTitle('Job 4711 failed (run 0f3a9c21bb)')).toBe(
      normaliseTitle('Job 4712 failed (run 77ab12cd90)'),
    );
    expect(normaliseTitle('ping 10.0.0.1 lost')).toBe(normaliseTitle('ping 10.0.3.17 lost'));
    expect(normaliseTitle('disk full on db')).not.toBe(normaliseTitle('CPU high on db'));
  });
});
