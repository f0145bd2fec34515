/**
 * The simulator's schedules as PagerDuty models them: layers (each a rotation of users with a turn
 * length from a virtual start, bounded by the layer's start and end), later layers on top of earlier
 * ones, and overrides on top of everything (the last created wins). `GET /oncalls` answers are the
 * rendered final schedules plus the direct (non-schedule) entries, so an override changes them at once.
 */
import type { SimOncall } from './oncalls.js';

/** One layer: a rotation of users. Times in epoch ms. */
export interface SimLayer {
  id: string;
  name: string;
  start: number;
  end: number | null;
  rotationVirtualStart: number;
  turnMs: number;
  userIds: readonly string[];
}

/** One override: a user on call for a range, on top of the layers. */
export interface SimOverride {
  id: string;
  start: number;
  end: number;
  userId: string;
}

/** A schedule with the escalation policy level that follows it. */
export interface SimScheduleDef {
  id: string;
  name: string;
  timeZone: string;
  policyId: string;
  level: number;
  /** Team the schedule belongs to (for the "who can edit" answer). */
  teamId: string;
  /** Whether the simulator's tokens may add overrides to it (false answers 403). */
  editable: boolean;
  layers: SimLayer[];
  overrides: SimOverride[];
}

/** One rendered span: who is on call from start to end. */
export interface SimSpan {
  userId: string;
  start: number;
  end: number;
}

/** A schedule rendered for a range. */
export interface RenderedSchedule {
  layers: SimSpan[][];
  overrides: SimSpan[];
  final: SimSpan[];
}

/** Turns of one layer overlapping [since, until), clipped to the layer's bounds. */
export function renderLayer(layer: SimLayer, since: number, until: number): SimSpan[] {
  const n = layer.userIds.length;
  const from = Math.max(since, layer.start);
  const to = Math.min(until, layer.end ?? Infinity);
  if (n === 0 || !(layer.turnMs > 0) || from >= to) return [];
  const out: SimSpan[] = [];
  let k = Math.floor((from - layer.rotationVirtualStart) / layer.turnMs);
  for (;;) {
    const s = layer.rotationVirtualStart + k * layer.turnMs;
    if (s >= to) break;
    const e = s + layer.turnMs;
    if (e > from) {
      out.push({
        userId: layer.userIds[((k % n) + n) % n]!,
        start: Math.max(s, layer.start),
        end: Math.min(e, layer.end ?? Infinity),
      });
    }
    k += 1;
  }
  return out;
}

/**
 * Paints spans by priority, merging neighbours of one user: `layers` are lists of disjoint spans sorted
 * by start (later lists on top); `top` (overrides, in creation order, the last created on top) covers all.
 */
export function flatten(layers: readonly SimSpan[][], top: readonly SimSpan[] = []): SimSpan[] {
  const cuts = new Set<number>();
  for (const l of [...layers, top])
    for (const s of l) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
  const points = [...cuts].sort((a, b) => a - b);
  const ptr = layers.map(() => 0);
  const out: SimSpan[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i]!;
    const b = points[i + 1]!;
    let user: string | null = null;
    for (let j = top.length - 1; j >= 0 && user === null; j -= 1) {
      const s = top[j]!;
      if (s.start <= a && s.end >= b) user = s.userId;
    }
    for (let p = layers.length - 1; p >= 0 && user === null; p -= 1) {
      const list = layers[p]!;
      let k = ptr[p]!;
      while (k < list.length && list[k]!.end <= a) k += 1;
      ptr[p] = k;
      const s = list[k];
      if (s && s.start <= a && s.end >= b) user = s.userId;
    }
    if (user === null) continue;
    const last = out[out.length - 1];
    if (last && last.userId === user && last.end === a) last.end = b;
    else out.push({ userId: user, start: a, end: b });
  }
  return out;
}

/** Renders one schedule for [since, until): the spans overlapping the range, whole. */
export function renderSchedule(def: SimScheduleDef, since: number, until: number): RenderedSchedule {
  // Render a turn wider on each side so spans that cross the range's edges keep their real extent.
  const pad = Math.max(0, ...def.layers.map((l) => l.turnMs));
  const layers = def.layers.map((l) => renderLayer(l, since - pad, until + pad));
  const overrides = def.overrides
    .filter((o) => o.end > since - pad && o.start < until + pad)
    .map((o) => ({ userId: o.userId, start: o.start, end: o.end }));
  const overlaps = (s: SimSpan): boolean => s.start < until && s.end > since;
  return {
    layers: layers.map((l) => l.filter(overlaps)),
    overrides: overrides.filter(overlaps),
    final: flatten(layers, overrides).filter(overlaps),
  };
}

/** The schedules and the direct entries of the simulated account. */
export class SimRoster {
  private seq = 0;

  constructor(
    readonly schedules: SimScheduleDef[],
    private readonly direct: readonly SimOncall[],
  ) {}

  /** A schedule by id. */
  schedule(id: string): SimScheduleDef | undefined {
    return this.schedules.find((s) => s.id === id);
  }

  /** Every on-call entry overlapping [since, until] (until inclusive, as `GET /oncalls` filters). */
  entries(since: number, until: number): SimOncall[] {
    const out: SimOncall[] = [];
    for (const def of this.schedules) {
      for (const s of renderSchedule(def, since, until + 1).final) {
        out.push({
          userId: s.userId,
          escalationPolicyId: def.policyId,
          escalationLevel: def.level,
          scheduleId: def.id,
          start: s.start,
          end: s.end,
        });
      }
    }
    for (const o of this.direct)
      if ((o.start ?? -Infinity) <= until && (o.end ?? Infinity) > since) out.push(o);
    return out;
  }

  /** Adds an override (the caller checked the schedule, the user and the times). */
  addOverride(scheduleId: string, o: Omit<SimOverride, 'id'>): SimOverride {
    const def = this.schedule(scheduleId);
    if (!def) throw new Error(`unknown schedule ${scheduleId}`);
    this.seq += 1;
    const override: SimOverride = { id: `POV${String(this.seq).padStart(4, '0')}`, ...o };
    def.overrides.push(override);
    return override;
  }
}
