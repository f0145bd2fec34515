/**
 * The companion's roster and trade operations: read the roster for the signed-in user, and make an
 * override after checking it against the schedule as it is now, through the durable action queue (so
 * a crash or restart still sends it, once). A 403 becomes a sentence naming who may edit the schedule.
 */
import type { TradeResult } from '../companion-types.js';
import type { User } from '../domain.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { ScheduleApi } from '../pagerduty/schedules.js';
import type { Clock, Logger, Timers } from '../ports.js';
import type { CoreEvent, PendingAction } from '../events.js';
import type { ActionInput } from '../actions/queue.js';
import { loadRoster, ROSTER_DAYS_DEFAULT, type PendingTrade, type Roster } from './roster.js';
import { TradeError, checkTrade, type TradeRequest } from './trade.js';

const DAY = 86_400_000;

/** What the operations need. */
export interface CompanionShiftsDeps {
  api: Pick<PagerDutyApi, 'listOncalls'>;
  schedules: ScheduleApi | null;
  clock: Clock;
  timers: Timers;
  me: () => User | null;
  logger: Logger;
  /** The durable action queue: trades go through it, so a restart sends what was asked. */
  enqueue(input: ActionInput): Promise<PendingAction>;
  /** The queue's actions not yet done: a queued trade shows in the roster at once. */
  pending(): readonly PendingAction[];
  subscribe(listener: (e: CoreEvent) => void): () => void;
  /** How long `trade` waits for the answer before saying it is queued (default 20 s). */
  tradeWaitMs?: number;
}

/**
 * The queue's override actions as the roster shows them, named from what the roster knows (the
 * schedule's name, the person's name from its blocks); an unknown id shows as itself.
 */
export function pendingTrades(roster: Roster, pending: readonly PendingAction[], me: User): PendingTrade[] {
  const out: PendingTrade[] = [];
  for (const a of pending) {
    const o = a.override;
    if (a.kind !== 'override' || !o) continue;
    const sched = roster.schedules.find((x) => x.id === o.scheduleId);
    const known = [...(sched?.blocks ?? []), ...(sched?.overrides ?? [])].find((b) => b.user.id === o.userId);
    const person =
      o.userId === me.id
        ? { id: me.id, summary: me.name }
        : { id: o.userId, summary: o.userName ?? known?.user.summary ?? o.userId };
    out.push({
      actionId: a.id,
      trade: o.trade,
      schedule: { id: o.scheduleId, summary: o.scheduleName ?? sched?.name ?? o.scheduleId },
      user: person,
      start: o.start,
      end: o.end,
      attempts: a.attempts,
      lastError: a.lastError,
    });
  }
  return out;
}

/** The roster and trade operations of a companion. */
export function companionShifts(d: CompanionShiftsDeps): {
  roster(days: number): Promise<Roster>;
  trade(request: TradeRequest): Promise<TradeResult>;
} {
  const need = (): { schedules: ScheduleApi; me: User } => {
    if (!d.schedules) throw new Error('This source cannot read schedules.');
    const me = d.me();
    if (!me)
      throw new Error('Not connected to PagerDuty yet: who you are is not known, so your shifts are not.');
    return { schedules: d.schedules, me };
  };
  const roster = async (days: number = ROSTER_DAYS_DEFAULT): Promise<Roster> => {
    const { schedules, me } = need();
    const read = await loadRoster(
      {
        listOncalls: (q, o) => d.api.listOncalls(q, o),
        getSchedule: (id, r, o) => schedules.getSchedule(id, r, o),
      },
      { id: me.id, summary: me.name, email: me.email },
      d.clock.now(),
      days,
    );
    return { ...read, pendingTrades: pendingTrades(read, d.pending(), me) };
  };
  return {
    roster,
    async trade(request) {
      const { schedules, me } = need();
      const now = d.clock.now();
      const start = Date.parse(request.start);
      const end = Date.parse(request.end);
      const schedule = await schedules.getSchedule(request.scheduleId, {
        since: new Date(Math.min(Number.isFinite(start) ? start : now, now) - DAY).toISOString(),
        until: new Date((Number.isFinite(end) ? end : now) + DAY).toISOString(),
      });
      const range = checkTrade(request, schedule, me.id, now);
      const name =
        request.userId === me.id
          ? me.name
          : (schedule.final.find((b) => b.user.id === request.userId)?.user.summary ?? request.userId);
      const action = {
        trade: request.kind,
        scheduleId: request.scheduleId,
        userId: request.userId,
        ...range,
        scheduleName: schedule.name,
        userName: name,
      };
      const outcome = new Promise<{ ok: true } | { ok: false; error: string } | null>((resolve) => {
        let queuedId: string | null = null;
        const early: CoreEvent[] = [];
        const decide = (e: CoreEvent): boolean => {
          if (e.type === 'action.done' && e.action.id === queuedId) resolve({ ok: true });
          else if (e.type === 'action.failed' && e.final && e.action.id === queuedId)
            resolve({ ok: false, error: e.error });
          else return false;
          return true;
        };
        const off = d.subscribe((e) => {
          if (queuedId === null) early.push(e);
          else if (decide(e)) stop();
        });
        const timer = d.timers.setTimeout(() => {
          stop();
          resolve(null);
        }, d.tradeWaitMs ?? 20_000);
        const stop = (): void => {
          off();
          d.timers.clearTimeout(timer);
        };
        void d.enqueue({ kind: 'override', incidentIds: [], override: action }).then(
          (a) => {
            queuedId = a.id;
            if (early.some(decide)) stop();
          },
          (e: unknown) => {
            stop();
            resolve({ ok: false, error: e instanceof Error ? e.message : String(e) });
          },
        );
      });
      const result = await outcome;
      if (result && !result.ok) throw new TradeError(result.error);
      d.logger.info('override asked for', {
        schedule: request.scheduleId,
        kind: request.kind,
        sent: result !== null,
      });
      return {
        override: { id: '', user: { id: request.userId, summary: name }, start: range.start, end: range.end },
        queued: result === null,
        roster: await roster(ROSTER_DAYS_DEFAULT),
      };
    },
  };
}
