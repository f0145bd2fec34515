/**
 * The simulator's on-call rotations: me on the Platform primary now until a handoff, then a teammate,
 * then me again; permanent level-2 entries; and the query behind `GET /oncalls`.
 */
import { SIM_ESCALATION_POLICIES, SIM_ME, SIM_TEAMMATES } from './fixtures.js';

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

/** Builds every on-call entry of the simulated account. */
export function buildOncalls(plan: ShiftPlan): SimOncall[] {
  const [platform, data] = SIM_ESCALATION_POLICIES;
  const alex = SIM_TEAMMATES[0]!.id;
  const sam = SIM_TEAMMATES[2]!.id;
  const out: SimOncall[] = [];
  // Platform primary: me (now) -> Alex -> me -> Alex -> me.
  let start = plan.currentStart ?? plan.startedAt - 2 * HOUR;
  let end = plan.handoffAt;
  const rotation = [SIM_ME.id, alex, SIM_ME.id, alex, SIM_ME.id];
  for (const userId of rotation) {
    out.push({
      userId,
      escalationPolicyId: platform!.id,
      escalationLevel: 1,
      scheduleId: platform!.scheduleId,
      start,
      end,
    });
    start = end;
    end = start + plan.shiftMs;
  }
  out.push({
    userId: platform!.level2UserId,
    escalationPolicyId: platform!.id,
    escalationLevel: 2,
    scheduleId: null,
    start: null,
    end: null,
  });
  // Data primary: Sam for the week; me as permanent level 2.
  out.push({
    userId: sam,
    escalationPolicyId: data!.id,
    escalationLevel: 1,
    scheduleId: data!.scheduleId,
    start: plan.startedAt - DAY,
    end: plan.startedAt + 7 * DAY,
  });
  out.push({
    userId: data!.level2UserId,
    escalationPolicyId: data!.id,
    escalationLevel: 2,
    scheduleId: null,
    start: null,
    end: null,
  });
  return out;
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
