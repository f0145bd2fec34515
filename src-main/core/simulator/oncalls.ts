/**
 * The simulator's on-call rotations (as schedules, see `schedules.ts`): me on the Platform primary now
 * until a handoff, then a teammate, then me again; permanent level-2 entries; and the query behind
 * `GET /oncalls`.
 */
import { SIM_ESCALATION_POLICIES, SIM_ME, SIM_SCHEDULES, SIM_TEAMMATES } from './fixtures.js';
import { SimRoster, type SimLayer, type SimScheduleDef } from './schedules.js';

/** One on-call entry in epoch ms; null start/end means permanently on call. */
export interface SimOncall {
  userId: string;
  escalationPolicyId: string;
  escalationLevel: number;
  scheduleId: string | null;
  start: number | null;
  end: number | null;
}

/** Shift lengths in real milliseconds (already divided by speed). */
export interface ShiftPlan {
  /** Scenario start, epoch ms. */
  startedAt: number;
  /** When my current Platform shift began (default two hours before the start). */
  currentStart?: number;
  /** When my current Platform shift ends (the handoff). */
  handoffAt: number;
  /** Length of each following shift. */
  shiftMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Platform shifts after the scenario's first four run in real time (8 h), so 14 days stay readable. */
const REAL_SHIFT_MS = 8 * HOUR;

/**
 * Builds the simulated account's schedules. Platform Primary: me now until the handoff, then Alex and
 * me in turns (four at scenario speed, then real 8-hour turns). Data Primary: Sam for the week, then
 * Priya (the token may not edit it). Edge On-call: Priya and Alex in 12-hour turns. Level 2 is direct:
 * Priya on Platform, me on Data.
 */
export function buildRoster(plan: ShiftPlan): SimRoster {
  const [platform, data, edge] = SIM_ESCALATION_POLICIES;
  const alex = SIM_TEAMMATES[0]!.id;
  const priya = SIM_TEAMMATES[1]!.id;
  const sam = SIM_TEAMMATES[2]!.id;
  const currentStart = plan.currentStart ?? plan.startedAt - 2 * HOUR;
  const fastEnd = plan.handoffAt + 4 * plan.shiftMs;
  const schedules: SimScheduleDef[] = [
    {
      id: platform!.scheduleId,
      name: scheduleName(platform!.scheduleId),
      timeZone: 'America/Los_Angeles',
      policyId: platform!.id,
      level: 1,
      teamId: platform!.teamId,
      editable: true,
      layers: [
        layer('PLA0001', 'Current shift', currentStart, plan.handoffAt, plan.handoffAt - currentStart, [
          SIM_ME.id,
        ]),
        layer('PLA0002', 'Scenario rotation', plan.handoffAt, fastEnd, plan.shiftMs, [alex, SIM_ME.id]),
        layer('PLA0003', 'Rotation', fastEnd, null, REAL_SHIFT_MS, [alex, SIM_ME.id]),
      ],
      overrides: [],
    },
    {
      id: data!.scheduleId,
      name: scheduleName(data!.scheduleId),
      timeZone: 'Europe/London',
      policyId: data!.id,
      level: 1,
      teamId: data!.teamId,
      editable: false,
      layers: [layer('PLA0004', 'Weekly', plan.startedAt - DAY, null, 7 * DAY, [sam, priya])],
      overrides: [],
    },
    {
      id: edge!.scheduleId,
      name: scheduleName(edge!.scheduleId),
      timeZone: 'America/Los_Angeles',
      policyId: edge!.id,
      level: 1,
      teamId: edge!.teamId,
      editable: true,
      layers: [
        {
          ...layer('PLA0005', 'Half days', plan.startedAt - 30 * DAY, null, 12 * HOUR, [priya, alex]),
          rotationVirtualStart: plan.startedAt - 3 * HOUR,
        },
      ],
      overrides: [],
    },
  ];
  const direct: SimOncall[] = [platform!, data!].map((p) => ({
    userId: p.level2UserId,
    escalationPolicyId: p.id,
    escalationLevel: 2,
    scheduleId: null,
    start: null,
    end: null,
  }));
  return new SimRoster(schedules, direct);
}

function layer(
  id: string,
  name: string,
  start: number,
  end: number | null,
  turnMs: number,
  userIds: string[],
): SimLayer {
  return { id, name, start, end, rotationVirtualStart: start, turnMs, userIds };
}

function scheduleName(id: string): string {
  return SIM_SCHEDULES.find((s) => s.id === id)?.name ?? id;
}

/** Filters of `GET /oncalls`, parsed. */
export interface OncallFilter {
  userIds: string[];
  escalationPolicyIds: string[];
  scheduleIds: string[];
  since: number;
  until: number;
  earliest: boolean;
}

/** Entries overlapping [since, until] matching the filters, sorted by start; `earliest` keeps the first per policy+level+user. */
export function queryOncalls(all: readonly SimOncall[], f: OncallFilter): SimOncall[] {
  const hits = all.filter((o) => {
    if (f.userIds.length && !f.userIds.includes(o.userId)) return false;
    if (f.escalationPolicyIds.length && !f.escalationPolicyIds.includes(o.escalationPolicyId)) return false;
    if (f.scheduleIds.length && (o.scheduleId === null || !f.scheduleIds.includes(o.scheduleId)))
      return false;
    const s = o.start ?? -Infinity;
    const e = o.end ?? Infinity;
    return s <= f.until && e > f.since;
  });
  hits.sort(
    (a, b) => (a.start ?? -Infinity) - (b.start ?? -Infinity) || a.escalationLevel - b.escalationLevel,
  );
  if (!f.earliest) return hits;
  const seen = new Set<string>();
  return hits.filter((o) => {
    const key = `${o.escalationPolicyId}|${o.escalationLevel}|${o.userId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The user on call at level 1 of a policy at a time, if any. */
export function primaryAt(all: readonly SimOncall[], policyId: string, at: number): string | null {
  const hit = all.find(
    (o) =>
      o.escalationPolicyId === policyId &&
      o.escalationLevel === 1 &&
      (o.start ?? -Infinity) <= at &&
      (o.end ?? Infinity) > at,
  );
  return hit ? hit.userId : null;
}

/** The user on call at a level of a policy at a time (level 2 is permanent). */
export function onCallAt(
  all: readonly SimOncall[],
  policyId: string,
  level: number,
  at: number,
): string | null {
  if (level <= 1) return primaryAt(all, policyId, at);
  const hit = all.find((o) => o.escalationPolicyId === policyId && o.escalationLevel === 2);
  return hit ? hit.userId : null;
}
