/**
 * Human-readable output of the headless command: one line per event for `watch`, and the `status`
 * summary. Incident text is untrusted, so control characters (terminal escapes) are removed.
 */
import type { Incident, OncallEntry, User } from '../core/domain.js';
import type { CoreEvent, SyncStatus } from '../core/events.js';
import type { CompanionSnapshot } from '../core/companion-types.js';
import { stripControl } from '../core/text.js';
import { forCli } from './host-wording.js';

/** Untrusted text made safe for a terminal line. */
export function safe(s: string | null | undefined, max = 160): string {
  const t = stripControl(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** `HH:MM:SS` in local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return d.toTimeString().slice(0, 8);
}

/** A short local date and time, for shift boundaries. */
export function dateTime(iso: string | null): string {
  if (!iso) return 'open-ended';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return safe(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One incident as `HIGH [ID] #12 Title · Service`. */
export function incidentLine(i: Incident): string {
  const urg = i.urgency === 'high' ? 'HIGH' : 'low ';
  return `${urg} [${safe(i.id, 40)}] #${i.number} ${safe(i.title)} · ${safe(i.service.summary, 60)}`;
}

/** The sync status in words. */
export function syncLine(s: SyncStatus): string {
  switch (s.state) {
    case 'starting':
      return 'starting';
    case 'live':
      return `live (last sync ${clockTime(s.lastSyncAt)})`;
    case 'stale':
      return `STALE since ${clockTime(s.since)}: ${forCli(safe(s.reason, 300))} (next try ${clockTime(s.retryAt)})`;
    case 'auth_error':
      return `AUTH ERROR: ${forCli(safe(s.reason, 300))}`;
  }
}

/**
 * Formats events for `watch` without `--json`. Sync lines are printed only when the state changes
 * (every poll emits one). Returns null for events not worth a line.
 */
export function createHumanFormatter(): (e: CoreEvent) => string | null {
  let lastSync = '';
  return (e) => {
    const t = clockTime(e.at);
    switch (e.type) {
      case 'sync': {
        const key =
          e.status.state === 'stale' || e.status.state === 'auth_error'
            ? `${e.status.state}:${e.status.errorKind}`
            : e.status.state;
        if (key === lastSync) return null;
        lastSync = key;
        return `${t}  SYNC        ${syncLine(e.status)}`;
      }
      case 'incident.seen':
        return `${t}  SEEN        ${incidentLine(e.incident)} (already ${e.incident.status})`;
      case 'incident.triggered':
        // First seen: a page already acknowledged (earlier, or by someone else) is not shown as ringing.
        return e.incident.status === 'triggered'
          ? `${t}  TRIGGERED   ${incidentLine(e.incident)}`
          : `${t}  SEEN        ${incidentLine(e.incident)} (already ${e.incident.status})`;
      case 'incident.escalated':
        return `${t}  ${e.reason === 'escalated' ? 'ESCALATED ' : 'REASSIGNED'}  ${incidentLine(e.incident)}`;
      case 'incident.retriggered':
        return `${t}  RETRIGGERED ${incidentLine(e.incident)}`;
      case 'incident.acknowledged': {
        const by = e.byMe ? 'by me' : `by ${e.by.map((u) => safe(u.summary, 40)).join(', ') || 'someone'}`;
        return `${t}  ACKED       ${incidentLine(e.incident)} (${by})`;
      }
      case 'incident.resolved':
        return `${t}  RESOLVED    ${incidentLine(e.incident)}${e.byMe ? ' (by me)' : ''}`;
      case 'incident.urgency_changed':
        return `${t}  URGENCY     ${incidentLine(e.incident)} (was ${e.from})`;
      case 'incident.unassigned':
        return `${t}  UNASSIGNED  ${incidentLine(e.incident)}`;
      case 'incident.updated':
        return null;
      case 'shift.started':
        return `${t}  ON CALL     ${shiftLine(e.entry)}`;
      case 'shift.ended':
        return `${t}  OFF CALL    ${shiftLine(e.entry)}`;
      case 'notification':
        return `${t}  NOTIFY      ${e.notification.urgency}: ${safe(e.notification.title)} | ${safe(e.notification.body)}`;
      case 'action.queued':
        return `${t}  ACTION      ${e.action.kind} ${e.action.incidentIds.join(' ')} queued`;
      case 'action.done':
        return `${t}  ACTION      ${e.action.kind} ${e.action.incidentIds.join(' ')} done`;
      case 'action.failed':
        return `${t}  ACTION      ${e.action.kind} ${e.action.incidentIds.join(' ')} ${
          e.final ? 'FAILED' : 'failed, will retry'
        }: ${forCli(safe(e.error, 300))}`;
      default:
        return null;
    }
  };
}

/** One on-call entry in words. */
export function shiftLine(e: OncallEntry, withStart = false): string {
  const via = e.schedule ? `, schedule ${safe(e.schedule.summary, 60)}` : '';
  const from = withStart && e.start ? `from ${dateTime(e.start)} ` : '';
  const until = e.end ? `until ${dateTime(e.end)}` : 'permanently';
  return `${safe(e.escalationPolicy.summary, 60)} (level ${e.escalationLevel}${via}) ${from}${until}`;
}

function meLine(me: User | null): string {
  return me ? `${safe(me.name, 80)} <${safe(me.email, 80)}>` : 'unknown';
}

/** The `status` summary as text lines. */
export function statusText(s: CompanionSnapshot): string[] {
  const lines = [`Me:        ${meLine(s.me)}`];
  lines.push(`Source:    ${s.source.kind === 'demo' ? 'demo (embedded simulator)' : safe(s.source.apiUrl)}`);
  lines.push(`Sync:      ${syncLine(s.sync)}`);
  if (s.shifts.fetchedAt === null) {
    lines.push('On call:   unknown (on-call data not fetched yet)');
  } else if (s.shifts.current.length === 0) {
    lines.push('On call:   no');
  } else {
    s.shifts.current.forEach((e, i) =>
      lines.push(`${i === 0 ? 'On call:   ' : '           '}${shiftLine(e)}`),
    );
  }
  if (s.shifts.next) {
    lines.push(`Next:      ${shiftLine(s.shifts.next, true)}`);
  } else if (s.shifts.fetchedAt !== null) {
    lines.push('Next:      none scheduled');
  }
  const open = [...s.incidents].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
  lines.push(`Open incidents: ${open.length}`);
  for (const i of open) {
    lines.push(
      `  ${i.status === 'triggered' ? 'TRIGGERED   ' : 'acknowledged'}  ${incidentLine(i)}${snoozeNote(i, Date.parse(s.at))}`,
    );
  }
  return lines;
}

/** " · snoozed until 14:30" (with the date when not today) while PagerDuty holds a snooze, else "". */
export function snoozeNote(i: Incident, now: number): string {
  const until = i.snoozedUntil ? Date.parse(i.snoozedUntil) : NaN;
  if (Number.isNaN(until) || until <= now) return '';
  const d = new Date(until);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return ` · snoozed until ${new Date(now).toDateString() === d.toDateString() ? hm : dateTime(i.snoozedUntil!)}`;
}

function rank(i: Incident): number {
  return i.status === 'triggered' ? 0 : 1;
}
