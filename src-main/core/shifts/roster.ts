/**
 * The roster: my shifts for the next days (`GET /oncalls` for me, every schedule and escalation level,
 * overrides included) and, for each schedule I am on, its rendered blocks (`GET /schedules/{id}`): who
 * is on call now and next, who hands over to me and whom I hand over to, and which of my shifts come
 * from an override. Pure except for `loadRoster`, which only reads.
 */
import type { OncallEntry, Ref, UserRef } from '../domain.js';
import type { PagerDutyApi } from '../pagerduty/api.js';
import type { ScheduleApi, ScheduleSpan } from '../pagerduty/schedules.js';

/** Default and largest roster length in days. */
export const ROSTER_DAYS_DEFAULT = 14;
export const ROSTER_DAYS_MAX = 90;

const DAY = 86_400_000;
/** Entries this close are one shift (PagerDuty splits a shift where layers meet). */
const CONTIGUOUS_MS = 1000;

/** One of my shifts. Times are UTC ISO. */
export interface RosterShift {
  /** Stable id: schedule (or policy), level and start. */
  id: string;
  schedule: Ref | null;
  /** The schedule's own zone (IANA), when the shift comes from a schedule. */
  scheduleTimeZone: string | null;
  escalationPolicy: Ref;
  level: number;
  start: string;
  end: string;
  lengthMs: number;
  /** True when an override (mine) makes this shift, wholly or partly. */
  fromOverride: boolean;
  /** Who is on call on the schedule right before me (the handoff partner). */
  takesOverFrom: UserRef | null;
  /** Who is on call on the schedule right after me. */
  handsOverTo: UserRef | null;
}

/** A schedule I am on, with who is on call when. */
export interface RosterSchedule {
  id: string;
  name: string;
  timeZone: string;
  htmlUrl: string | null;
  teams: Ref[];
  /** The final schedule's blocks over the roster range (and the day before it). */
  blocks: ScheduleSpan[];
  /** The overrides' blocks. */
  overrides: ScheduleSpan[];
  onNow: UserRef | null;
  /** The next block after the current one. */
  next: { user: UserRef; start: string } | null;
}

/** The roster as every host shows it. */
export interface Roster {
  generatedAt: string;
  since: string;
  until: string;
  days: number;
  me: UserRef;
  shifts: RosterShift[];
  /** Permanent (direct) assignments: on call at that level all the time. */
  standing: Array<{ escalationPolicy: Ref; level: number }>;
  schedules: RosterSchedule[];
  /** Who else is on call now on the escalation policies I am on (any level). */
  withMeNow: Array<{ user: UserRef; escalationPolicy: Ref; level: number; schedule: Ref | null }>;
  /** Schedules that could not be read (the roster still shows the shifts). */
  problems: string[];
  /**
   * Trades asked for and not yet answered by PagerDuty (queued: offline, retrying), so the roster
   * shows them at once; they leave this list when the override is made (then it is in `shifts` and
   * the schedules' blocks) or finally fails.
   */
  pendingTrades: PendingTrade[];
}

/** A trade waiting in the durable action queue. */
export interface PendingTrade {
  actionId: string;
  trade: 'cover' | 'take' | 'override';
  schedule: Ref;
  /** Who goes on call by the override. */
  user: UserRef;
  start: string;
  end: string;
  attempts: number;
  lastError: string | null;
}

/** What loading a roster reads. */
export type RosterApi = Pick<PagerDutyApi, 'listOncalls'> & Pick<ScheduleApi, 'getSchedule'>;

const ms = (s: string): number => Date.parse(s);
const iso = (t: number): string => new Date(t).toISOString();

/** Merges back-to-back entries of one schedule/policy/level (PagerDuty may split them). */
function mergeEntries(entries: readonly OncallEntry[]): OncallEntry[] {
  const keyOf = (e: OncallEntry): string =>
    `${e.schedule?.id ?? ''}|${e.escalationPolicy.id}|${e.escalationLevel}`;
  const sorted = [...entries].sort((a, b) => ms(a.start!) - ms(b.start!));
  const out: OncallEntry[] = [];
  const open = new Map<string, OncallEntry>();
  for (const e of sorted) {
    const k = keyOf(e);
    const last = open.get(k);
    if (last && last.end !== null && ms(e.start!) <= ms(last.end) + CONTIGUOUS_MS) {
      if (e.end === null || ms(e.end) > ms(last.end)) last.end = e.end;
      continue;
    }
    const copy = { ...e };
    out.push(copy);
    open.set(k, copy);
  }
  return out;
}

/** The block holding instant `t`, or null. */
function blockAt(blocks: readonly ScheduleSpan[], t: number): ScheduleSpan | null {
  return blocks.find((b) => ms(b.start) <= t && t < ms(b.end)) ?? null;
}

/** Builds the roster from my on-call entries and the schedules' rendered blocks. */
export function buildRoster(input: {
  me: UserRef;
  now: number;
  days: number;
  entries: readonly OncallEntry[];
  schedules: ReadonlyArray<Omit<RosterSchedule, 'onNow' | 'next'>>;
  /** Everyone's entries at `now` on my policies. */
  policyNow?: readonly OncallEntry[];
  problems?: string[];
}): Roster {
  const { me, now, days } = input;
  const until = now + days * DAY;
  const byId = new Map(input.schedules.map((s) => [s.id, s]));
  const mine = input.entries.filter((e) => e.user.id === me.id);
  const timed = mergeEntries(mine.filter((e) => e.start !== null && e.end !== null)).filter(
    (e) => ms(e.end!) > now && ms(e.start!) < until,
  );
  const shifts: RosterShift[] = timed.map((e) => {
    const s = ms(e.start!);
    const t = ms(e.end!);
    const sched = e.schedule ? byId.get(e.schedule.id) : undefined;
    const before = sched ? blockAt(sched.blocks, s - 1) : null;
    const after = sched ? blockAt(sched.blocks, t) : null;
    const fromOverride = sched
      ? sched.overrides.some((o) => o.user.id === me.id && ms(o.start) < t && ms(o.end) > s)
      : false;
    return {
      id: `${e.schedule?.id ?? e.escalationPolicy.id}|${e.escalationLevel}|${iso(s)}`,
      schedule: e.schedule,
      scheduleTimeZone: sched?.timeZone ?? null,
      escalationPolicy: e.escalationPolicy,
      level: e.escalationLevel,
      start: iso(s),
      end: iso(t),
      lengthMs: t - s,
      fromOverride,
      takesOverFrom: before && before.user.id !== me.id ? before.user : null,
      handsOverTo: after && after.user.id !== me.id ? after.user : null,
    };
  });
  shifts.sort((a, b) => ms(a.start) - ms(b.start) || a.level - b.level);
  const standing = mine
    .filter((e) => e.start === null || e.end === null)
    .map((e) => ({ escalationPolicy: e.escalationPolicy, level: e.escalationLevel }));
  const schedules: RosterSchedule[] = input.schedules.map((s) => {
    const cur = blockAt(s.blocks, now);
    const nextBlock = s.blocks.find((b) => ms(b.start) > now && (!cur || ms(b.start) >= ms(cur.end)));
    return {
      ...s,
      onNow: cur?.user ?? null,
      next: nextBlock ? { user: nextBlock.user, start: nextBlock.start } : null,
    };
  });
  return {
    generatedAt: iso(now),
    since: iso(now),
    until: iso(until),
    days,
    me,
    shifts,
    standing,
    schedules,
    withMeNow: (input.policyNow ?? [])
      .filter((e) => e.user.id !== me.id)
      .map((e) => ({
        user: e.user,
        escalationPolicy: e.escalationPolicy,
        level: e.escalationLevel,
        schedule: e.schedule,
      }))
      .sort(
        (a, b) => a.escalationPolicy.summary.localeCompare(b.escalationPolicy.summary) || a.level - b.level,
      ),
    problems: input.problems ?? [],
    pendingTrades: [],
  };
}

/** Reads my entries and the schedules I am on, then builds the roster. Read failures of a schedule are kept as problems. */
export async function loadRoster(
  api: RosterApi,
  me: UserRef,
  now: number,
  days: number = ROSTER_DAYS_DEFAULT,
  signal?: AbortSignal,
): Promise<Roster> {
  const d = Math.min(Math.max(1, Math.round(days)), ROSTER_DAYS_MAX);
  const since = iso(now);
  const until = iso(now + d * DAY);
  const listing = await api.listOncalls({ userIds: [me.id], since, until }, signal ? { signal } : {});
  const ids = [...new Set(listing.items.flatMap((e) => (e.schedule ? [e.schedule.id] : [])))];
  const problems: string[] = [];
  const schedules: Array<Omit<RosterSchedule, 'onNow' | 'next'>> = [];
  for (const id of ids) {
    try {
      // From a day before, so the roster knows who hands over to me at its start.
      const s = await api.getSchedule(id, { since: iso(now - DAY), until }, signal ? { signal } : {});
      schedules.push({
        id: s.id,
        name: s.name,
        timeZone: s.timeZone,
        htmlUrl: s.htmlUrl,
        teams: s.teams,
        blocks: s.final,
        overrides: s.overrides,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      problems.push(`schedule ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const policyIds = [...new Set(listing.items.map((e) => e.escalationPolicy.id))];
  let policyNow: OncallEntry[] = [];
  if (policyIds.length) {
    try {
      policyNow = (
        await api.listOncalls(
          { escalationPolicyIds: policyIds, since, until: since },
          signal ? { signal } : {},
        )
      ).items.filter((e) => (e.start === null || ms(e.start) <= now) && (e.end === null || ms(e.end) > now));
    } catch (e) {
      if (signal?.aborted) throw e;
      problems.push(`who is on call now: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return buildRoster({ me, now, days: d, entries: listing.items, schedules, policyNow, problems });
}
