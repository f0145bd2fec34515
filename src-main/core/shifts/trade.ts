/**
 * Trading a shift: "Cover me" (an override for a teammate on my shift) and "Take this shift" (an
 * override for me on someone else's block). Checked before any request: the range must be ahead, end
 * after it starts, lie on the right block and not overlap an existing override. A 403 becomes a
 * message naming who may edit the schedule.
 */
import type { Ref } from '../domain.js';
import type { ScheduleDetail, ScheduleSpan } from '../pagerduty/schedules.js';

/** A trade the user asked for. */
export interface TradeRequest {
  kind: 'cover' | 'take' | 'override';
  scheduleId: string;
  /** Who goes on call (the teammate for cover, me for take). */
  userId: string;
  /** ISO date-times. */
  start: string;
  end: string;
}

/** A refused trade: a sentence naming the problem and the fix. */
export class TradeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TradeError';
  }
}

/** How far in the past a start may be (clock skew, the time the user took to click). */
export const PAST_SLACK_MS = 2 * 60_000;

const ms = (s: string): number => Date.parse(s);
const hm = (s: string): string => new Date(s).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Checks a trade against the schedule as read; throws {@link TradeError}, else returns the range clamped to now. */
export function checkTrade(
  req: TradeRequest,
  schedule: Pick<ScheduleDetail, 'name' | 'final' | 'overrides'>,
  meId: string,
  now: number,
): { start: string; end: string } {
  const s = ms(req.start);
  const e = ms(req.end);
  if (!Number.isFinite(s) || !Number.isFinite(e))
    throw new TradeError('Give the override a start and an end time.');
  if (e <= s) throw new TradeError('The override must end after it starts: pick a later end.');
  if (e <= now)
    throw new TradeError(`That shift is in the past (it ended ${hm(req.end)}): pick one still to come.`);
  if (s < now - PAST_SLACK_MS)
    throw new TradeError(`The override would start in the past (${hm(req.start)}): start it now or later.`);
  const start = new Date(Math.max(s, now)).toISOString();
  const overlap = schedule.overrides.find((o) => ms(o.start) < e && ms(o.end) > Math.max(s, now));
  if (overlap) {
    throw new TradeError(
      `It overlaps the override for ${overlap.user.summary} on ${schedule.name} (${hm(overlap.start)} to ${hm(overlap.end)}): pick a range outside it, or remove that override in PagerDuty first.`,
    );
  }
  const blocks = schedule.final.filter((b) => ms(b.start) < e && ms(b.end) > Math.max(s, now));
  if (req.kind === 'cover') {
    if (req.userId === meId) throw new TradeError('Pick a teammate to cover you, not yourself.');
    const notMine = blocks.find((b) => b.user.id !== meId);
    if (blocks.length === 0 || notMine)
      throw new TradeError(
        `You are not on call on ${schedule.name} for all of that range${notMine ? ` (${notMine.user.summary} is, from ${hm(notMine.start)})` : ''}: pick one of your shifts or a part of it.`,
      );
  }
  if (req.kind === 'take') {
    const mine = blocks.find((b: ScheduleSpan) => b.user.id === meId);
    if (mine)
      throw new TradeError(
        `You are already on call on ${schedule.name} from ${hm(mine.start)}: pick someone else's block.`,
      );
  }
  return { start, end: new Date(e).toISOString() };
}

/** The message of a 403 on an override: who may edit the schedule. */
export function forbiddenOverrideText(
  schedule: { name: string; teams: Ref[] },
  details: readonly string[],
): string {
  const teams = schedule.teams.map((t) => t.summary);
  const who = teams.length
    ? `a manager of the ${teams.join(' or ')} team${teams.length > 1 ? 's' : ''}, or an account admin`
    : "an account admin or the schedule's owner";
  const said = details.length ? ` PagerDuty said: ${details.join('; ')}.` : '';
  return `PagerDuty refused the override (403): your API key may not edit the schedule ${schedule.name}. Who can: ${who}; ask them to make it, or to give you the right.${said}`;
}
