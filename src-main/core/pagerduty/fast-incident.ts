/**
 * A fast path for the hot loop of every poll: validates and maps one `GET /incidents` item in a
 * single hand-written pass. It accepts exactly what `wireIncident` (zod) accepts in the common shape
 * and yields what `toIncident` would; anything unusual returns null and the caller falls back to zod,
 * which gives the skip reason. A property test checks both paths agree.
 */
import type { Incident, Ref, UserRef } from '../domain.js';
import { detailsText, snoozeUntilOf, toRef as mapRef, toUserRef as mapUserRef, toUtcIso } from './map.js';
import type { WireRef } from './schemas.js';

type Obj = Record<string, unknown>;

/** Fails the fast path (the zod path then decides). */
class Miss extends Error {}
const MISS = new Miss();

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const nil = (v: unknown): v is null | undefined => v === undefined || v === null;

function optStr(v: unknown): void {
  if (!nil(v) && typeof v !== 'string') throw MISS;
}

const DIGITS_20 = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SEPS: Array<[number, number]> = [
  [4, 45],
  [7, 45],
  [10, 84],
  [13, 58],
  [16, 58],
];

/** The two-digit number at `i` (digits already checked). */
function two(v: string, i: number): number {
  return (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;
}

/** `YYYY-MM-DDTHH:MM:SS(.sss)?Z` with fields surely valid (day <= 28), as toUtcIso gives it; else null. */
function canonicalUtc(v: string): string | null {
  const n = v.length;
  if ((n !== 20 && n !== 24) || v.charCodeAt(n - 1) !== 90) return null;
  for (const [i, c] of SEPS) if (v.charCodeAt(i) !== c) return null;
  for (const i of DIGITS_20) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  if (n === 24) {
    if (v.charCodeAt(19) !== 46) return null;
    for (let i = 20; i < 23; i++) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) return null;
    }
  }
  const mo = two(v, 5);
  const d = two(v, 8);
  if (mo < 1 || mo > 12 || d < 1 || d > 28 || two(v, 11) > 23 || two(v, 14) > 59 || two(v, 17) > 59) {
    return null;
  }
  return n === 24 ? v : `${v.slice(0, 19)}.000Z`;
}

/** An ISO time as `toUtcIso` gives it; canonical UTC strings skip the Date round trip. */
function time(v: unknown): string {
  if (typeof v !== 'string') throw MISS;
  const quick = canonicalUtc(v);
  if (quick !== null) return quick;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(Date.parse(v))) throw MISS;
  return toUtcIso(v);
}

function optTime(v: unknown): string | null {
  return nil(v) ? null : time(v);
}

/** Validates a `wireRef` and returns it. */
function wref(v: unknown): Obj {
  if (!isObj(v)) throw MISS;
  if (typeof v.id !== 'string' || v.id.length === 0) throw MISS;
  optStr(v.type);
  optStr(v.summary);
  optStr(v.name);
  optStr(v.email);
  optStr(v.html_url);
  return v;
}

// `wref` checked the shape: these objects are wire refs, mapped exactly as the zod path maps them.
const toRef = (r: Obj): Ref => mapRef(r as unknown as WireRef);
const toUserRef = (r: Obj): UserRef => mapUserRef(r as unknown as WireRef);

function hasId(refs: readonly Ref[], id: string): boolean {
  for (let i = 0; i < refs.length; i++) if (refs[i]!.id === id) return true;
  return false;
}

function list(v: unknown): unknown[] {
  if (nil(v)) return [];
  if (!Array.isArray(v)) throw MISS;
  return v;
}

function int(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw MISS;
  return v;
}

function status(v: unknown): Incident['status'] {
  if (v === 'triggered' || v === 'acknowledged' || v === 'resolved') return v;
  throw MISS;
}

/** Users of assignments/acknowledgements, deduped by id, with the earliest time per user. */
function people(items: unknown[], key: 'assignee' | 'acknowledger', times: Record<string, string> | null) {
  const out: UserRef[] = [];
  if (items.length > 16) throw MISS; // long lists: the schema path (linear dedupe) handles them
  for (const a of items) {
    if (!isObj(a)) throw MISS;
    const at = optTime(a.at);
    const who = wref(a[key]);
    const id = who.id as string;
    if (times && at !== null) {
      const prev = times[id];
      if (prev === undefined || at < prev) times[id] = at;
    }
    if (!hasId(out, id)) out.push(toUserRef(who));
  }
  return out;
}

/**
 * Details text of flat trigger details, remembered by trigger log entry id (log entries never change)
 * and checked value by value on reuse, so an unchanged incident costs no re-formatting on each poll.
 */
const detailsCache = new Map<string, { keys: string[]; values: unknown[]; text: string | null }>();
const DETAILS_CACHE_MAX = 50_000;

function cachedDetails(entryId: unknown, raw: unknown): string | null {
  if (typeof entryId !== 'string' || !isObj(raw)) return detailsText(raw);
  const hit = detailsCache.get(entryId);
  if (hit) {
    let n = 0;
    let same = true;
    for (const k in raw) {
      if (k !== hit.keys[n] || raw[k] !== hit.values[n]) {
        same = false;
        break;
      }
      n++;
    }
    if (same && n === hit.keys.length) return hit.text;
  }
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const k in raw) {
    const v = raw[k];
    if (typeof v === 'object' && v !== null) return detailsText(raw); // nested: not cached
    keys.push(k);
    values.push(v);
  }
  const text = detailsText(raw);
  if (detailsCache.size >= DETAILS_CACHE_MAX) detailsCache.clear();
  detailsCache.set(entryId, { keys, values, text });
  return text;
}

function details(w: Obj): string | null {
  const fte = w.first_trigger_log_entry;
  let fromTrigger: unknown;
  let entryId: unknown;
  if (!nil(fte)) {
    if (!isObj(fte)) throw MISS;
    optStr(fte.id);
    entryId = fte.id;
    const ch = fte.channel;
    if (!nil(ch)) {
      if (!isObj(ch)) throw MISS;
      optStr(ch.type);
      optStr(ch.summary);
      fromTrigger = ch.details;
    }
  }
  let fromBody: unknown;
  if (!nil(w.body)) {
    if (!isObj(w.body)) throw MISS;
    fromBody = w.body.details;
  }
  return cachedDetails(entryId, fromTrigger) ?? detailsText(fromBody);
}

function build(w: Obj): Incident {
  if (typeof w.id !== 'string' || w.id.length === 0) throw MISS;
  const number = int(w.incident_number);
  if (typeof w.title !== 'string') throw MISS;
  optStr(w.summary);
  const st = status(w.status);
  if (w.urgency !== 'high' && w.urgency !== 'low') throw MISS;
  if (typeof w.created_at !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(w.created_at)) throw MISS;
  const createdAt = time(w.created_at);
  const updated = optTime(w.updated_at);
  const lastStatusChangeAt = optTime(w.last_status_change_at) ?? createdAt;
  optStr(w.html_url);
  const service = wref(w.service);
  const ep = nil(w.escalation_policy) ? null : wref(w.escalation_policy);
  const level = nil(w.escalation_level) ? null : int(w.escalation_level);
  const assignedAt: Record<string, string> = {};
  const assignees = people(list(w.assignments), 'assignee', assignedAt);
  const acknowledgers = people(list(w.acknowledgements), 'acknowledger', null);
  const teams: Ref[] = [];
  const wireTeams = list(w.teams);
  if (wireTeams.length > 16) throw MISS;
  for (const t of wireTeams) {
    const r = wref(t);
    if (!hasId(teams, r.id as string)) teams.push(toRef(r));
  }
  let priority: string | null = null;
  if (!nil(w.priority)) {
    const p = w.priority;
    if (!isObj(p)) throw MISS;
    optStr(p.id);
    optStr(p.summary);
    optStr(p.name);
    priority = (p.summary as string) || (p.name as string) || null;
  }
  optStr(w.incident_key);
  return {
    id: w.id,
    number,
    title: w.title,
    status: st,
    urgency: w.urgency,
    createdAt,
    updatedAt: updated ?? lastStatusChangeAt,
    lastStatusChangeAt,
    htmlUrl: (w.html_url as string | null | undefined) ?? null,
    service: toRef(service),
    escalationPolicy: ep ? toRef(ep) : null,
    escalationLevel: level,
    assignees,
    assignedAt,
    acknowledgers,
    teams,
    priority,
    incidentKey: (w.incident_key as string | null | undefined) ?? null,
    details: details(w),
    snoozedUntil: snoozeUntilOf(w.pending_actions),
  };
}

/** The incident of a `GET /incidents` item in the common valid shape, or null to use the zod path. */
export function fastIncident(item: unknown): Incident | null {
  if (!isObj(item)) return null;
  try {
    return build(item);
  } catch (e) {
    if (e === MISS) return null;
    throw e;
  }
}
