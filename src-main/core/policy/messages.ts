/**
 * The words of notifications: titles and bodies built from incidents and shifts, kept short enough
 * for any desktop notification server.
 */
import type { Incident, OncallEntry, UserRef } from '../domain.js';

const TITLE_MAX = 120;
const BODY_MAX = 300;

/** Cuts a string to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function line(incident: Incident): string {
  return `#${incident.number} · ${incident.service.summary} · ${incident.urgency} urgency`;
}

function names(users: readonly UserRef[]): string {
  return users.map((u) => u.summary).join(', ') || 'someone';
}

/** Title and body for one incident notification. */
export function incidentText(
  prefix: string,
  incident: Incident,
  extra = '',
): { title: string; body: string } {
  return {
    title: clip(`${prefix}: ${incident.title}`, TITLE_MAX),
    body: clip(extra ? `${line(incident)} · ${extra}` : line(incident), BODY_MAX),
  };
}

/** Title and body for a storm summary. */
export function stormText(incidents: readonly Incident[]): { title: string; body: string } {
  const high = incidents.filter((i) => i.urgency === 'high').length;
  const shown = incidents.slice(0, 3).map((i) => i.title);
  const more = incidents.length - shown.length;
  return {
    title: clip(`${incidents.length} new pages${high ? ` (${high} high urgency)` : ''}`, TITLE_MAX),
    body: clip(shown.join('; ') + (more > 0 ? `; and ${more} more` : ''), BODY_MAX),
  };
}

/** Text for an acknowledgement by someone else. */
export function ackText(incident: Incident, by: readonly UserRef[]): { title: string; body: string } {
  return incidentText(`Acknowledged by ${names(by)}`, incident);
}

/** Text for a shift boundary. */
export function shiftText(started: boolean, entry: OncallEntry): { title: string; body: string } {
  const what = `${entry.escalationPolicy.summary} (level ${entry.escalationLevel})`;
  const until = started && entry.end ? ` until ${entry.end}` : '';
  return {
    title: clip(started ? `You are on call: ${what}` : `Shift ended: ${what}`, TITLE_MAX),
    body: clip(
      entry.schedule ? `Schedule ${entry.schedule.summary}${until}` : `Direct assignment${until}`,
      BODY_MAX,
    ),
  };
}
