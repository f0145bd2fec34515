/**
 * Maps validated PagerDuty wire items to the app's domain types (`domain.ts`): normalised times
 * (UTC ISO), plain refs, assignment times, first-alert details as untrusted text.
 */
import type { Incident, LogEntry, OncallEntry, Ref, User, UserRef } from '../domain.js';
import type { WireIncident, WireLogEntry, WireOncall, WireRef, WireUser } from './schemas.js';

/** Longest `details` text kept; longer alert bodies are cut (they are shown, not parsed). */
export const MAX_DETAILS_CHARS = 4000;

/** ISO-8601 in UTC (`2015-10-06T21:30:42.000Z`), so times from any offset compare as strings. */
export function toUtcIso(time: string): string {
  return new Date(time).toISOString();
}

/** A wire reference as a domain ref; the display name falls back to `name`, then to the id. */
export function toRef(ref: WireRef): Ref {
  return { id: ref.id, summary: ref.summary || ref.name || ref.id };
}

/** A wire user reference (or full user with `include[]`) as a domain user ref. */
export function toUserRef(ref: WireRef): UserRef {
  const out: UserRef = toRef(ref);
  if (ref.email) out.email = ref.email;
  return out;
}

/**
 * `JSON.stringify(o, null, 2)` of a flat object of strings, finite numbers, booleans and nulls (the
 * usual alert details), built directly because the indenting stringify is slow; null for other shapes.
 */
function flatJson(o: object): string | null {
  if (Array.isArray(o)) return null;
  const lines: string[] = [];
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = (o as Record<string, unknown>)[k];
    const t = typeof v;
    if (t !== 'string' && t !== 'boolean' && v !== null && !(t === 'number' && Number.isFinite(v))) {
      return null;
    }
    lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

/** Alert details as text: strings as they are, objects as indented JSON, empty as null. */
export function detailsText(details: unknown): string | null {
  if (details === undefined || details === null) return null;
  let text: string;
  if (typeof details === 'string') text = details;
  else if (typeof details === 'object') {
    if (Object.keys(details).length === 0) return null;
    text = flatJson(details) ?? JSON.stringify(details, null, 2);
  } else text = String(details);
  if (text.trim() === '') return null;
  return text.length > MAX_DETAILS_CHARS ? `${text.slice(0, MAX_DETAILS_CHARS)}…` : text;
}

/** Dedupes refs by id, keeping the first. */
function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

/** A validated wire incident as a domain incident. */
export function toIncident(w: WireIncident): Incident {
  const assignedAt: Record<string, string> = {};
  for (const a of w.assignments) {
    if (!a.at) continue;
    const at = toUtcIso(a.at);
    const prev = assignedAt[a.assignee.id];
    if (prev === undefined || at < prev) assignedAt[a.assignee.id] = at;
  }
  const createdAt = toUtcIso(w.created_at);
  const lastStatusChangeAt = w.last_status_change_at ? toUtcIso(w.last_status_change_at) : createdAt;
  return {
    id: w.id,
    number: w.incident_number,
    title: w.title,
    status: w.status,
    urgency: w.urgency,
    createdAt,
    updatedAt: w.updated_at ? toUtcIso(w.updated_at) : lastStatusChangeAt,
    lastStatusChangeAt,
    htmlUrl: w.html_url ?? null,
    service: toRef(w.service),
    escalationPolicy: w.escalation_policy ? toRef(w.escalation_policy) : null,
    escalationLevel: w.escalation_level ?? null,
    assignees: uniqueById(w.assignments.map((a) => toUserRef(a.assignee))),
    assignedAt,
    acknowledgers: uniqueById(w.acknowledgements.map((a) => toUserRef(a.acknowledger))),
    teams: uniqueById(w.teams.map(toRef)),
    priority: w.priority ? w.priority.summary || w.priority.name || null : null,
    incidentKey: w.incident_key ?? null,
    details: detailsText(w.first_trigger_log_entry?.channel?.details) ?? detailsText(w.body?.details),
    snoozedUntil: snoozeUntilOf(w.pending_actions),
  };
}

/**
 * The end of a snooze from an incident's `pending_actions`: the earliest `unacknowledge` with a
 * valid time (UTC ISO), else null. Lenient: anything else in the list is ignored.
 */
export function snoozeUntilOf(pending: unknown): string | null {
  if (!Array.isArray(pending)) return null;
  let best: string | null = null;
  for (const p of pending) {
    if (!p || typeof p !== 'object') continue;
    const { type, at } = p as { type?: unknown; at?: unknown };
    if (type !== 'unacknowledge' || typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(at)) continue;
    if (Number.isNaN(Date.parse(at))) continue;
    const iso = toUtcIso(at);
    if (best === null || iso < best) best = iso;
  }
  return best;
}

/** A validated wire on-call entry as a domain entry. */
export function toOncallEntry(w: WireOncall): OncallEntry {
  return {
    user: toUserRef(w.user),
    schedule: w.schedule ? toRef(w.schedule) : null,
    escalationPolicy: toRef(w.escalation_policy),
    escalationLevel: w.escalation_level,
    start: w.start ? toUtcIso(w.start) : null,
    end: w.end ? toUtcIso(w.end) : null,
  };
}

/** A validated wire user as a domain user (time zone defaults to UTC when absent). */
export function toUser(w: WireUser): User {
  return {
    id: w.id,
    name: w.name || w.summary || w.email,
    email: w.email,
    timeZone: w.time_zone || 'UTC',
    htmlUrl: w.html_url ?? null,
  };
}

/** The log entry type of a status update (PagerDuty lists it; its OpenAPI enum omits it). */
export const STATUS_UPDATE_LOG_ENTRY = 'status_update_log_entry';

/**
 * A validated wire log entry as a timeline line; notes carry their text in `content`, and so do
 * status updates (`status_update_log_entry`, whose text is its `message`).
 */
export function toLogEntry(w: WireLogEntry): LogEntry {
  const isNote = w.type === 'annotate_log_entry';
  const entry: LogEntry = {
    id: w.id,
    type: w.type,
    createdAt: toUtcIso(w.created_at),
    summary: w.summary || w.type.replace(/_log_entry$/, '').replace(/_/g, ' '),
    agent: w.agent ? toRef(w.agent) : null,
    content:
      w.type === STATUS_UPDATE_LOG_ENTRY
        ? (w.message ?? w.note ?? null)
        : (w.note ?? (isNote ? (w.channel?.summary ?? null) : null)),
  };
  if (w.assignees && w.assignees.length > 0) entry.assignees = uniqueById(w.assignees.map(toUserRef));
  return entry;
}
