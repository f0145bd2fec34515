/**
 * The shift-end reminder: a pure decision of when to remind the user to hand off, and the
 * notification it raises (the report is built before it is shown).
 */
import type { NotificationRequest } from '../events.js';
import type { ShiftView } from '../companion-types.js';

/** The dedupe key of the reminder for a shift ending at `shiftEnd`. */
export function handoffKey(shiftEnd: number): string {
  return `handoff:${shiftEnd}`;
}

/**
 * The reminder's key when it is due: within `leadMinutes` before `shiftEnd` (and before it ends),
 * not already in the ledger; else null. `leadMinutes` 0 turns it off.
 */
export function handoffReminderDue(
  now: number,
  shiftEnd: number | null,
  leadMinutes: number,
  ledger: ReadonlySet<string> | readonly string[],
): string | null {
  if (shiftEnd === null || leadMinutes <= 0) return null;
  if (now < shiftEnd - leadMinutes * 60_000 || now >= shiftEnd) return null;
  const key = handoffKey(shiftEnd);
  const seen = Array.isArray(ledger) ? ledger.includes(key) : (ledger as ReadonlySet<string>).has(key);
  return seen ? null : key;
}

/** The current shift's span from the companion's view: null when not on call or on call forever. */
export function currentShiftSpan(shifts: ShiftView): { start: number; end: number | null } | null {
  if (!shifts.current.length) return null;
  // A permanent entry (no end: e.g. a standing level-2 backup) does not make the shift endless:
  // when a scheduled entry is current too, the shift is the scheduled one.
  const scheduled = shifts.current.filter((e) => e.end !== null && Number.isFinite(Date.parse(e.end)));
  const entries = scheduled.length ? scheduled : shifts.current;
  let start = Infinity;
  let end: number | null = -Infinity;
  for (const e of entries) {
    const s = e.start ? Date.parse(e.start) : NaN;
    if (Number.isFinite(s) && s < start) start = s;
    const en = e.end ? Date.parse(e.end) : NaN;
    if (!Number.isFinite(en)) end = null;
    else if (end !== null && en > end) end = en;
  }
  if (!Number.isFinite(start)) return null;
  // A next shift that starts by the time this one ends continues it: no handoff then.
  const nextStart = shifts.next?.start ? Date.parse(shifts.next.start) : NaN;
  if (end !== null && Number.isFinite(nextStart) && nextStart <= end) {
    const nextEnd = shifts.next?.end ? Date.parse(shifts.next.end) : NaN;
    end = Number.isFinite(nextEnd) ? Math.max(end, nextEnd) : null;
  }
  return { start, end: end === -Infinity ? null : end };
}

/** The reminder notification. */
export function handoffNotification(
  key: string,
  minutesLeft: number,
  pages: number,
  open: number,
  /** Who is on call after me, when known. */
  nextOnCall: string | null = null,
): NotificationRequest {
  return {
    key,
    kind: 'handoff',
    title: `Your shift ends in ${minutesLeft} min: time to hand off`,
    body:
      `The handoff report is ready: ${pages} page${pages === 1 ? '' : 's'} this shift, ${open} open incident${open === 1 ? '' : 's'}.` +
      (nextOnCall ? ` Next on call: ${nextOnCall}.` : ''),
    urgency: 'normal',
    incidentId: null,
    incidentIds: [],
    sound: false,
  };
}
