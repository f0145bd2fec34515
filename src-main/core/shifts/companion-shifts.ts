/**
 * The companion's roster and trade operations: read the roster for the signed-in user, and make an
 * override after checking it against the schedule as it is now. A 403 becomes a sentence naming who
 * may edit the schedule.
 */
import type { TradeResult } from '../companion-types.js';
import type { User } from '../domain.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import { isPagerDutyError } from '../pagerduty/errors.js';
import type { ScheduleApi } from '../pagerduty/schedules.js';
import type { Clock, Logger } from '../ports.js';
import { loadRoster, ROSTER_DAYS_DEFAULT, type Roster } from './roster.js';
import { TradeError, checkTrade, forbiddenOverrideText, type TradeRequest } from './trade.js';

const DAY = 86_400_000;

/** What the operations need. */
export interface CompanionShiftsDeps {
  api: Pick<PagerDutyApi, 'listOncalls'>;
  schedules: ScheduleApi | null;
  clock: Clock;
  me: () => User | null;
  logger: Logger;
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
    return loadRoster(
      {
        listOncalls: (q, o) => d.api.listOncalls(q, o),
        getSchedule: (id, r, o) => schedules.getSchedule(id, r, o),
      },
      { id: me.id, summary: me.name, email: me.email },
      d.clock.now(),
      days,
    );
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
      try {
        const override = await schedules.createOverride(request.scheduleId, {
          userId: request.userId,
          ...range,
        });
        d.logger.info('override created', { schedule: request.scheduleId, kind: request.kind });
        return { override, roster: await roster(ROSTER_DAYS_DEFAULT) };
      } catch (e) {
        if (isPagerDutyError(e) && e.kind === 'forbidden')
          throw new TradeError(forbiddenOverrideText(schedule, e.details));
        throw e;
      }
    },
  };
}
