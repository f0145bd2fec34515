/**
 * Warnings before my shifts: a notification `shiftLeadMinutes` before each shift starts (0 = off),
 * and one when an override puts me on call unexpectedly (a shift that was not in the last roster),
 * each naming who I take over from. Keys go into the engine's persisted ledger, so each fires once,
 * also across restarts. The decision is pure (`decideShiftWarnings`); `createShiftWarner` adds the
 * one lookup it needs (who is on the schedule just before the shift) for the few shifts that are due.
 */
import type { OncallEntry, UserRef } from '../domain.js';
import type { NotificationRequest } from '../events.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { NotifiedLedger } from '../policy/notify.js';
import { inQuietHours } from '../policy/notify.js';
import { clip } from '../policy/messages.js';
import type { Logger } from '../ports.js';
import type { NotificationSettings } from '../settings.js';
import { systemTimeZone } from '../history/local-time.js';
import { clockTime } from './days.js';

/** Default minutes of warning before a shift. */
export const SHIFT_LEAD_DEFAULT_MIN = 15;

const CONTIGUOUS_MS = 1000;
const ms = (s: string | null): number => (s === null ? NaN : Date.parse(s));

/** A shift's identity in the ledger. */
export function shiftId(e: OncallEntry): string {
  return `${e.escalationPolicy.id}:${e.escalationLevel}:${ms(e.start)}`;
}

/** Key of the "on call in N minutes" warning. */
export const preShiftKey = (e: OncallEntry): string => `preshift:${shiftId(e)}`;
/** Key of the "an override put you on call" notice. */
export const surpriseKey = (e: OncallEntry): string => `newshift:${shiftId(e)}`;

/** My timed entries that start a shift (not the continuation of another of mine, back to back). */
export function shiftStarts(entries: readonly OncallEntry[], meId: string): OncallEntry[] {
  const mine = entries.filter((e) => e.user.id === meId && e.start !== null && e.end !== null);
  return mine.filter(
    (e) =>
      !mine.some(
        (o) =>
          o !== e &&
          o.escalationPolicy.id === e.escalationPolicy.id &&
          o.escalationLevel === e.escalationLevel &&
          ms(o.start) < ms(e.start) &&
          Math.abs(ms(o.end) - ms(e.start)) <= CONTIGUOUS_MS,
      ),
  );
}

/** What is due now: each with the reason(s). */
export interface DueWarning {
  entry: OncallEntry;
  preShift: boolean;
  surprise: boolean;
}

/**
 * The warnings due at `now`. `previous` is the last roster before this one (null when none was ever
 * fetched: then nothing counts as unexpected); `previousUntil` the end of its window (a shift beyond it
 * is new because the window moved, not because of an override).
 */
export function dueShiftWarnings(input: {
  now: number;
  meId: string;
  entries: readonly OncallEntry[];
  previous: readonly OncallEntry[] | null;
  previousUntil: number | null;
  leadMinutes: number;
  ledger: NotifiedLedger;
}): DueWarning[] {
  const { now, meId, ledger } = input;
  const leadMs = input.leadMinutes * 60_000;
  const known = new Set((input.previous ?? []).filter((e) => e.user.id === meId).map(shiftId));
  const out: DueWarning[] = [];
  for (const e of shiftStarts(input.entries, meId)) {
    const s = ms(e.start);
    const end = ms(e.end);
    if (!(end > now)) continue;
    const preShift = leadMs > 0 && s > now && s - leadMs <= now && !ledger.has(preShiftKey(e));
    const surprise =
      input.previous !== null &&
      !known.has(shiftId(e)) &&
      s < (input.previousUntil ?? -Infinity) &&
      !ledger.has(surpriseKey(e)) &&
      !ledger.has(preShiftKey(e));
    if (preShift || surprise) out.push({ entry: e, preShift, surprise });
  }
  return out;
}

function hhmm(t: number): string {
  return new Date(t).toISOString().slice(11, 16) + ' UTC';
}

/** The notification of one due warning. */
export function shiftWarningText(
  w: DueWarning,
  now: number,
  takesOverFrom: UserRef | null,
  formatTime: (t: number) => string = hhmm,
): { title: string; body: string } {
  const e = w.entry;
  const s = ms(e.start);
  const where = e.schedule?.summary ?? e.escalationPolicy.summary;
  const mins = Math.max(0, Math.round((s - now) / 60_000));
  const when = s <= now ? 'now' : mins < 120 ? `in ${mins} min` : `at ${formatTime(s)}`;
  const title = w.surprise
    ? `An override puts you on call ${when}: ${where}`
    : `You are on call ${when}: ${where}`;
  const parts = [
    `${e.escalationPolicy.summary} level ${e.escalationLevel}`,
    `${formatTime(s)} to ${formatTime(ms(e.end))}`,
    takesOverFrom ? `you take over from ${takesOverFrom.summary}` : null,
  ].filter((p): p is string => p !== null);
  return { title: clip(title, 120), body: clip(parts.join(' · '), 300) };
}

/** Turns due warnings into notifications and the ledger that records them. */
export function decideShiftWarnings(
  due: readonly DueWarning[],
  now: number,
  settings: NotificationSettings,
  ledger: NotifiedLedger,
  partners: ReadonlyMap<string, UserRef | null>,
  quietMinutes: number,
  formatTime?: (t: number) => string,
): { notifications: NotificationRequest[]; ledger: NotifiedLedger } {
  if (due.length === 0) return { notifications: [], ledger };
  const next = new Map(ledger);
  const notifications: NotificationRequest[] = [];
  const allowed = settings.enabled && !inQuietHours(settings, quietMinutes);
  for (const w of due) {
    const key = w.surprise ? surpriseKey(w.entry) : preShiftKey(w.entry);
    next.set(key, now);
    // One notice for both reasons: the pre-shift warning of a shift already announced is not repeated.
    if (w.surprise && w.preShift) next.set(preShiftKey(w.entry), now);
    if (!allowed) continue;
    const text = shiftWarningText(w, now, partners.get(shiftId(w.entry)) ?? null, formatTime);
    notifications.push({
      key,
      kind: 'handoff',
      ...text,
      urgency: 'normal',
      incidentId: null,
      incidentIds: [],
      sound: false,
    });
  }
  return { notifications, ledger: next };
}

/** Who is on call on a schedule just before an instant; null when unknown. */
export async function onCallBefore(
  api: Pick<PagerDutyApi, 'listOncalls'>,
  scheduleId: string,
  at: number,
  signal?: AbortSignal,
): Promise<UserRef | null> {
  const t = new Date(at - 1000).toISOString();
  const listing = await api.listOncalls(
    { scheduleIds: [scheduleId], since: t, until: t },
    signal ? { signal } : {},
  );
  const hit = listing.items.find(
    (e) =>
      e.schedule?.id === scheduleId &&
      (e.start === null || ms(e.start) <= at - 1000) &&
      (e.end === null || ms(e.end) > at - 1000),
  );
  return hit?.user ?? null;
}

/** What the engine gives the warner. */
export interface ShiftWarnerDeps {
  api: Pick<PagerDutyApi, 'listOncalls'>;
  /** Runs a call with the engine's deadline and stop signal. */
  call: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  logger: Logger;
  minutesOfDay: (epochMs: number) => number;
  /** Wall-clock text of an instant (default: HH:MM in the system zone). */
  formatTime?: (t: number) => string;
}

/** The check the engine runs after each poll. */
export type ShiftWarner = (input: {
  now: number;
  meId: string;
  entries: readonly OncallEntry[];
  previous: readonly OncallEntry[] | null;
  previousUntil: number | null;
  settings: NotificationSettings;
  ledger: NotifiedLedger;
}) => Promise<{ notifications: NotificationRequest[]; ledger: NotifiedLedger }>;

/** Creates the warner: due warnings, their handoff partners (looked up once each), the notifications. */
export function createShiftWarner(d: ShiftWarnerDeps): ShiftWarner {
  const partners = new Map<string, UserRef | null>();
  const formatTime = d.formatTime ?? ((t: number) => clockTime(t, systemTimeZone()));
  return async (input) => {
    const due = dueShiftWarnings({ ...input, leadMinutes: input.settings.shiftLeadMinutes });
    for (const w of due) {
      const id = shiftId(w.entry);
      const sched = w.entry.schedule;
      if (partners.has(id) || !sched) continue;
      try {
        partners.set(id, await d.call((signal) => onCallBefore(d.api, sched.id, ms(w.entry.start), signal)));
      } catch (e) {
        d.logger.debug('could not find who is on call before a shift', {
          error: e instanceof Error ? e.message : String(e),
        });
        partners.set(id, null);
      }
    }
    return decideShiftWarnings(
      due,
      input.now,
      input.settings,
      input.ledger,
      partners,
      d.minutesOfDay(input.now),
      formatTime,
    );
  };
}
