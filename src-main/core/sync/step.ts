/**
 * One poll's pure work in one call: diff the new listing against the open set, then decide the
 * notifications. The engine runs it on every poll; the benchmark times it on its own.
 */
import type { Incident } from '../domain.js';
import type { NotificationRequest } from '../events.js';
import { decideNotifications, type NotifiedLedger } from '../policy/notify.js';
import type { NotificationSettings } from '../settings.js';
import { diffIncidents, type DiffContext, type IncidentEvent } from './diff.js';

/** The state a poll starts from. */
export interface PollState {
  open: ReadonlyMap<string, Incident>;
  seen: ReadonlyMap<string, number>;
  ledger: NotifiedLedger;
}

/** Inputs of one poll besides its state. */
export interface PollInput extends Omit<DiffContext, 'seen'> {
  incidents: readonly Incident[];
  notifications: NotificationSettings;
  minutesOfDay: (epochMs: number) => number;
}

/** What one poll produced; `changed` says whether the state must be saved. */
export interface PollOutcome {
  state: PollState;
  events: IncidentEvent[];
  notifications: NotificationRequest[];
  changed: boolean;
}

/** Diff + policy for one poll (pure). */
export function pollStep(state: PollState, input: PollInput): PollOutcome {
  const { incidents, notifications: settings, minutesOfDay, ...ctx } = input;
  const d = diffIncidents(state.open, incidents, { ...ctx, seen: state.seen });
  const p = decideNotifications({
    events: d.events,
    now: ctx.now,
    settings,
    ledger: state.ledger,
    meId: ctx.meId,
    minutesOfDay,
  });
  return {
    state: { open: d.open, seen: d.seen, ledger: p.ledger },
    events: d.events,
    notifications: p.notifications,
    changed: d.events.length > 0 || d.seen !== state.seen || p.ledger !== state.ledger,
  };
}
