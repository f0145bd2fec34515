/**
 * Shifts from on-call entries (pure): which entries hold now, the next shift, the next boundary to
 * refresh at, and `shift.started` / `shift.ended` events when the set of current shifts changes.
 */
import type { OncallEntry } from '../domain.js';
import type { ShiftView } from '../companion-types.js';
import type { EventOf } from '../events.js';

/** Shift events. */
export type ShiftEvent = EventOf<'shift.started' | 'shift.ended'>;

const CONTIGUOUS_MS = 1000;

function startMs(e: OncallEntry): number {
  return e.start === null ? -Infinity : Date.parse(e.start);
}

function endMs(e: OncallEntry): number {
  return e.end === null ? Infinity : Date.parse(e.end);
}

/** True when the entry holds at `now` (start inclusive, end exclusive; null = unbounded). */
export function isCurrent(e: OncallEntry, now: number): boolean {
  return startMs(e) <= now && now < endMs(e);
}

/** One shift's identity: a policy and level (so back-to-back entries of one rotation are one shift). */
export function shiftKey(e: OncallEntry): string {
  return `${e.escalationPolicy.id}|${e.escalationLevel}`;
}

/** The current entries and the next shift that is not a continuation of a current one. */
export function shiftView(entries: readonly OncallEntry[], now: number, fetchedAt: string | null): ShiftView {
  const current = entries.filter((e) => isCurrent(e, now));
  const future = entries.filter((e) => startMs(e) > now).sort((a, b) => startMs(a) - startMs(b));
  let chainEnd = current.reduce((m, e) => (e.end === null ? m : Math.max(m, endMs(e))), -Infinity);
  let next: OncallEntry | null = null;
  for (const e of future) {
    if (startMs(e) <= chainEnd + CONTIGUOUS_MS) {
      chainEnd = Math.max(chainEnd, endMs(e));
      continue;
    }
    next = e;
    break;
  }
  return { current, next, fetchedAt };
}

/** The next instant after `now` at which some entry starts or ends, or null. */
export function nextBoundary(entries: readonly OncallEntry[], now: number): number | null {
  let best = Infinity;
  for (const e of entries) {
    const s = startMs(e);
    const t = endMs(e);
    if (s > now && s < best) best = s;
    if (t > now && t < best) best = t;
  }
  return Number.isFinite(best) ? best : null;
}

/** Current shifts by key (the earliest-started entry of each). */
export function currentShifts(entries: readonly OncallEntry[], now: number): Map<string, OncallEntry> {
  const out = new Map<string, OncallEntry>();
  for (const e of entries) {
    if (!isCurrent(e, now)) continue;
    const k = shiftKey(e);
    const had = out.get(k);
    if (!had || startMs(e) < startMs(had)) out.set(k, e);
  }
  return out;
}

/** Events between the previously current shifts and the ones current at `now`. */
export function diffShifts(
  prev: ReadonlyMap<string, OncallEntry>,
  entries: readonly OncallEntry[],
  now: number,
  at: string,
): { events: ShiftEvent[]; current: Map<string, OncallEntry> } {
  const current = currentShifts(entries, now);
  const events: ShiftEvent[] = [];
  for (const [k, e] of prev) if (!current.has(k)) events.push({ type: 'shift.ended', at, entry: e });
  for (const [k, e] of current) if (!prev.has(k)) events.push({ type: 'shift.started', at, entry: e });
  return { events, current };
}
