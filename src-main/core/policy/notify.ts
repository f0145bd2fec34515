/**
 * The notification policy (pure): from one poll's events, the settings and the ledger of what was
 * already notified, decide which notifications to raise. Adapters show them; they never decide.
 */
import { isAssignedTo, type Incident } from '../domain.js';
import type { CoreEvent, NotificationRequest } from '../events.js';
import type { NotificationSettings } from '../settings.js';
import { ackText, incidentText, shiftText, stormText } from './messages.js';

/** Dedupe keys already notified (or deliberately suppressed) -> epoch ms of the decision. */
export type NotifiedLedger = ReadonlyMap<string, number>;

/** Everything the policy reads. */
export interface PolicyInput {
  events: readonly CoreEvent[];
  now: number;
  settings: NotificationSettings;
  ledger: NotifiedLedger;
  meId: string;
  /** Minutes since local midnight of an instant (0..1439), for quiet hours. */
  minutesOfDay: (epochMs: number) => number;
}

/** Notifications to raise and the ledger to keep (the same object when nothing was decided). */
export interface PolicyOutput {
  notifications: NotificationRequest[];
  ledger: NotifiedLedger;
}

function hm(s: string): number {
  const [h, m] = s.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `minutes` (since local midnight) falls in the quiet window (which may wrap midnight). */
export function inQuietHours(settings: NotificationSettings, minutes: number): boolean {
  const q = settings.quietHours;
  if (!q.enabled) return false;
  const start = hm(q.start);
  const end = hm(q.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** True when low-urgency pages may be notified now. */
export function lowUrgencyAllowed(settings: NotificationSettings, now: number): boolean {
  return (
    settings.lowUrgency && !(settings.lowUrgencyPausedUntil !== null && now < settings.lowUrgencyPausedUntil)
  );
}

type Kind = NotificationRequest['kind'];
const PAGE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['page', 'escalation', 'retrigger', 'reminder', 'storm']);

function request(
  key: string,
  kind: Kind,
  text: { title: string; body: string },
  urgency: NotificationRequest['urgency'],
  ids: string[],
  settings: NotificationSettings,
): NotificationRequest {
  const sound = settings.sound && PAGE_KINDS.has(kind) && urgency !== 'low';
  return { key, kind, ...text, urgency, incidentId: ids[0] ?? null, incidentIds: ids, sound };
}

/** Decides the notifications for one poll's events. */
export function decideNotifications(input: PolicyInput): PolicyOutput {
  const { events, now, settings, meId } = input;
  let ledger: Map<string, number> | null = null;
  const queued = new Set<string>();
  const has = (k: string): boolean => queued.has(k) || (ledger ?? input.ledger).has(k);
  const mark = (k: string): void => {
    ledger ??= new Map(input.ledger);
    ledger.set(k, now);
  };
  const out: NotificationRequest[] = [];
  const quiet = inQuietHours(settings, input.minutesOfDay(now));
  const lowOk = lowUrgencyAllowed(settings, now);
  // A page-like notification is allowed when enabled, by urgency and quiet hours (high overrides).
  const pageAllowed = (i: Incident): boolean =>
    settings.enabled && (i.urgency === 'high' || (lowOk && !quiet));
  const otherAllowed = (): boolean => settings.enabled && !quiet;
  const emit = (n: NotificationRequest, allowed: boolean): void => {
    mark(n.key);
    if (allowed) out.push(n);
  };

  const pages: Array<{ key: string; kind: Kind; prefix: string; incident: Incident }> = [];
  const page = (key: string, kind: Kind, prefix: string, incident: Incident): void => {
    queued.add(key);
    pages.push({ key, kind, prefix, incident });
  };
  for (const e of events) {
    switch (e.type) {
      case 'incident.triggered':
      case 'incident.seen': {
        const i = e.incident;
        const key = `page:${i.id}`;
        if (!isAssignedTo(i, meId) && i.status !== 'resolved') break;
        if (has(key)) break;
        if (i.status === 'triggered') page(key, 'page', 'New page', i);
        else {
          const what =
            i.status === 'resolved' ? 'Missed page (already resolved)' : 'New page (already acknowledged)';
          // One I acknowledged myself (earlier, elsewhere: the first run, another device) is no news.
          const ackedByMe = i.status === 'acknowledged' && i.acknowledgers.some((a) => a.id === meId);
          emit(
            request(key, 'info', incidentText(what, i), 'low', [i.id], settings),
            otherAllowed() && !ackedByMe,
          );
        }
        break;
      }
      case 'incident.escalated': {
        const i = e.incident;
        const key = `escalation:${i.id}:${i.assignedAt[meId] ?? i.escalationLevel ?? ''}`;
        if (has(key) || i.status !== 'triggered') break;
        const prefix = e.reason === 'escalated' ? 'Escalated to you' : 'Reassigned to you';
        page(key, 'escalation', prefix, i);
        break;
      }
      case 'incident.retriggered': {
        const i = e.incident;
        const key = `retrigger:${i.id}:${i.lastStatusChangeAt}`;
        if (!isAssignedTo(i, meId) || has(key)) break;
        page(key, 'retrigger', 'Re-triggered', i);
        break;
      }
      case 'incident.urgency_changed': {
        const i = e.incident;
        const key = `upgrade:${i.id}`;
        if (i.urgency !== 'high' || i.status !== 'triggered' || !isAssignedTo(i, meId) || has(key)) break;
        page(key, 'page', 'Now high urgency', i);
        break;
      }
      case 'incident.acknowledged': {
        const i = e.incident;
        const key = `ack:${i.id}:${i.lastStatusChangeAt}`;
        if (e.byMe || !settings.othersActions || !isAssignedTo(i, meId) || has(key)) break;
        const urgency = i.urgency === 'high' ? 'normal' : 'low';
        emit(request(key, 'info', ackText(i, e.by), urgency, [i.id], settings), otherAllowed());
        break;
      }
      case 'incident.resolved': {
        const i = e.incident;
        const key = `resolved:${i.id}`;
        if (e.byMe === true || !settings.othersActions || !isAssignedTo(i, meId) || has(key)) break;
        const urgency = i.urgency === 'high' ? 'normal' : 'low';
        emit(request(key, 'info', incidentText('Resolved', i), urgency, [i.id], settings), otherAllowed());
        break;
      }
      case 'shift.started':
      case 'shift.ended': {
        const started = e.type === 'shift.started';
        const en = e.entry;
        const key = `shift:${started ? 'start' : 'end'}:${en.escalationPolicy.id}:${en.escalationLevel}:${e.at}`;
        if (has(key)) break;
        emit(request(key, 'handoff', shiftText(started, en), 'normal', [], settings), otherAllowed());
        break;
      }
      default:
        break;
    }
  }

  const notifiable = pages.filter((p) => pageAllowed(p.incident));
  if (notifiable.length > settings.stormThreshold) {
    const incidents = notifiable.map((p) => p.incident);
    const high = incidents.some((i) => i.urgency === 'high');
    const key = `storm:${incidents.length}:${hash(notifiable.map((p) => p.key).join('|'))}`;
    for (const p of pages) mark(p.key);
    const ids = incidents.map((i) => i.id);
    emit(request(key, 'storm', stormText(incidents), high ? 'critical' : 'normal', ids, settings), true);
  } else {
    for (const p of pages) {
      const i = p.incident;
      const urgency = i.urgency === 'high' ? 'critical' : 'normal';
      emit(request(p.key, p.kind, incidentText(p.prefix, i), urgency, [i.id], settings), pageAllowed(i));
    }
  }
  return { notifications: out, ledger: ledger ?? input.ledger };
}

/** FNV-1a hash as base-36 text (for compact dedupe keys). */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** When an incident became triggered (epoch ms), the base of its reminders. */
function triggeredAt(i: Incident): number {
  const t = Date.parse(i.lastStatusChangeAt);
  return Number.isFinite(t) ? t : Date.parse(i.createdAt);
}

/**
 * The last reminder key built per incident object (incidents are immutable values, and the diff keeps
 * the same object while an incident is unchanged), so a steady poll does not rebuild and rehash it.
 */
const reminderKeys = new WeakMap<Incident, { base: number; step: number; key: string }>();

/** Reminders due now for my high-urgency pages still triggered: one per `reminderMinutes` step. */
export function dueReminders(
  now: number,
  incidents: Iterable<Incident>,
  ledger: NotifiedLedger,
  settings: NotificationSettings,
  meId: string,
): PolicyOutput {
  const stepMs = settings.reminderMinutes * 60_000;
  if (!settings.enabled || stepMs <= 0) return { notifications: [], ledger };
  let out: Map<string, number> | null = null;
  const notifications: NotificationRequest[] = [];
  for (const i of incidents) {
    if (i.status !== 'triggered' || i.urgency !== 'high' || !isAssignedTo(i, meId)) continue;
    let memo = reminderKeys.get(i);
    const base = memo ? memo.base : triggeredAt(i);
    const step = Math.floor((now - base) / stepMs);
    if (!Number.isFinite(step) || step < 1) continue;
    if (!memo || memo.step !== step) {
      memo = { base, step, key: `reminder:${i.id}:${base}:${step}` };
      reminderKeys.set(i, memo);
    }
    const key = memo.key;
    if ((out ?? ledger).has(key)) continue;
    out ??= new Map(ledger);
    out.set(key, now);
    const mins = Math.round((now - base) / 60_000);
    const text = incidentText('Still unacknowledged', i, `triggered ${mins} min ago`);
    notifications.push(request(key, 'reminder', text, 'critical', [i.id], settings));
  }
  return { notifications, ledger: out ?? ledger };
}

/** Drops ledger entries older than `maxAgeMs`, keeping any that name a still-open incident. */
export function pruneLedger(
  ledger: NotifiedLedger,
  now: number,
  maxAgeMs: number,
  openIds: ReadonlySet<string>,
): NotifiedLedger {
  let out: Map<string, number> | null = null;
  for (const [k, t] of ledger) {
    if (now - t <= maxAgeMs) continue;
    const id = k.split(':')[1] ?? '';
    if (openIds.has(id)) continue;
    out ??= new Map(ledger);
    out.delete(k);
  }
  return out ?? ledger;
}
