/** `shifts` text output: a trade still in the queue is listed, its text made safe for a terminal. */
import { describe, expect, it } from 'vitest';
import { rosterText } from '../../src-main/cli/commands/shifts.js';
import type { Roster } from '../../src-main/shared/types.js';

const roster = (over: Partial<Roster> = {}): Roster => ({
  generatedAt: '2026-03-02T12:00:00.000Z',
  since: '2026-03-02T12:00:00.000Z',
  until: '2026-03-03T12:00:00.000Z',
  days: 1,
  me: { id: 'PME', summary: 'Morgan Lee' },
  shifts: [],
  standing: [],
  schedules: [],
  withMeNow: [],
  problems: [],
  pendingTrades: [],
  ...over,
});

describe('shifts text', () => {
  it('lists no waiting trade when there is none', () => {
    expect(rosterText(roster(), 'UTC', false).some((l) => l.startsWith('Waiting'))).toBe(false);
  });

  it('lists each waiting trade with who, where, when and the last error, without terminal escapes', () => {
    const lines = rosterText(
      roster({
        pendingTrades: [
          {
            actionId: 'a1',
            trade: 'cover',
            schedule: { id: 'PS1', summary: 'Platform Primary' },
            user: { id: 'PAL', summary: 'Alex \u001b[31mKim' },
            start: '2026-03-02T17:00:00.000Z',
            end: '2026-03-02T21:00:00.000Z',
            attempts: 2,
            lastError: 'PagerDuty answered 503',
          },
        ],
      }),
      'Europe/Berlin',
      false,
    );
    const waiting = lines.filter((l) => l.startsWith('Waiting to be sent'));
    expect(waiting).toEqual([
      'Waiting to be sent: Alex [31mKim on Platform Primary from Mon 2 Mar 18:00 to Mon 2 Mar 22:00 (tried 2: PagerDuty answered 503)',
    ]);
    expect(waiting[0]).not.toContain('\u001b');
  });
});
