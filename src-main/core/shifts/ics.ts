/**
 * The roster as an iCalendar file (RFC 5545) that a calendar app can import or subscribe to, written
 * with ical-generator: one event per shift, times in UTC, stable UIDs so a re-import updates events.
 */
import ical from 'ical-generator';
import type { Roster } from './roster.js';
import { shiftLength } from './days.js';

/** The iCalendar text of a roster. */
export function rosterToIcs(roster: Roster): string {
  const cal = ical({
    name: `On-call shifts of ${roster.me.summary}`,
    prodId: { company: 'oncall-companion', product: 'shifts', language: 'EN' },
  });
  for (const s of roster.shifts) {
    const where = s.schedule?.summary ?? s.escalationPolicy.summary;
    const lines = [
      `Escalation policy: ${s.escalationPolicy.summary}, level ${s.level}`,
      s.schedule ? `Schedule: ${s.schedule.summary}` : 'Direct assignment',
      `Length: ${shiftLength(s.lengthMs)}`,
      s.takesOverFrom ? `Takes over from: ${s.takesOverFrom.summary}` : null,
      s.handsOverTo ? `Hands over to: ${s.handsOverTo.summary}` : null,
      s.fromOverride ? 'From an override' : null,
    ].filter((l): l is string => l !== null);
    cal.createEvent({
      id: `${s.id.replace(/[^A-Za-z0-9._-]/g, '-')}@oncall-companion`,
      start: new Date(s.start),
      end: new Date(s.end),
      stamp: new Date(roster.generatedAt),
      summary: `On call: ${where}${s.level > 1 ? ` (level ${s.level})` : ''}${s.fromOverride ? ' (override)' : ''}`,
      description: lines.join('\n'),
    });
  }
  return cal.toString();
}
