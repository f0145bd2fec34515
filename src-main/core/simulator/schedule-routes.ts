/**
 * The simulator's schedule routes: `GET /schedules`, `GET /schedules/{id}` (layers, the final schedule
 * and the overrides rendered for `since`/`until`), `POST /schedules/{id}/overrides`. An override
 * changes later `GET /oncalls` answers at once. A schedule the token may not edit answers 403.
 */
import { z } from 'zod';
import type { ApiAnswer, ApiCall, ApiContext } from './api-routes.js';
import { SIM_ESCALATION_POLICIES, SIM_TEAMS, userById } from './fixtures.js';
import { invalid, notFound, page, parsePaging, pdError } from './http-util.js';
import { renderSchedule, type SimScheduleDef, type SimSpan } from './schedules.js';
import { ref, userRef } from './wire.js';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const overrideInput = z.object({
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'start: not a date-time'),
  end: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'end: not a date-time'),
  user: z.object({ id: z.string().min(1), type: z.literal('user_reference') }),
});
const overridesBody = z.object({ overrides: z.array(overrideInput).min(1).max(100) });

const entry = (s: SimSpan): Record<string, unknown> => ({
  user: userRef(s.userId),
  start: iso(s.start),
  end: iso(s.end),
});

function coverage(spans: readonly SimSpan[], since: number, until: number): number {
  let covered = 0;
  for (const s of spans) covered += Math.max(0, Math.min(s.end, until) - Math.max(s.start, since));
  return until > since ? Math.round((covered / (until - since)) * 1000) / 10 : 0;
}

function teamName(id: string): string {
  return SIM_TEAMS.find((t) => t.id === id)?.name ?? id;
}

/** A schedule in PagerDuty's shape; rendered entries only when the range is given. */
function pdSchedule(def: SimScheduleDef, range: { since: number; until: number } | null): unknown {
  const r = range ? renderSchedule(def, range.since, range.until) : null;
  const users = [...new Set(def.layers.flatMap((l) => l.userIds))];
  const sub = (name: 'Final Schedule' | 'Overrides', spans: SimSpan[] | undefined) => ({
    name,
    ...(range && spans
      ? {
          rendered_schedule_entries: spans.map(entry),
          rendered_coverage_percentage: coverage(spans, range.since, range.until),
        }
      : {}),
  });
  const policies = SIM_ESCALATION_POLICIES.filter((p) => p.scheduleId === def.id);
  return {
    ...ref('schedule', 'schedules', def.id, def.name),
    type: 'schedule',
    name: def.name,
    description: `${def.name} (simulated)`,
    time_zone: def.timeZone,
    schedule_layers: def.layers.map((l, i) => ({
      id: l.id,
      name: l.name,
      start: iso(l.start),
      // A layer that never ends has no `end` (the spec types it as a string).
      ...(l.end === null ? {} : { end: iso(l.end) }),
      rotation_virtual_start: iso(l.rotationVirtualStart),
      rotation_turn_length_seconds: Math.round(l.turnMs / 1000),
      users: l.userIds.map((id) => ({ user: userRef(id) })),
      restrictions: [],
      ...(r
        ? {
            rendered_schedule_entries: r.layers[i]!.map(entry),
            rendered_coverage_percentage: coverage(r.layers[i]!, range!.since, range!.until),
          }
        : {}),
    })),
    final_schedule: sub('Final Schedule', r?.final),
    overrides_subschedule: sub('Overrides', r?.overrides),
    escalation_policies: policies.map((p) => ref('escalation_policy', 'escalation_policies', p.id, p.name)),
    users: users.map(userRef),
    teams: [ref('team', 'teams', def.teamId, teamName(def.teamId))],
  };
}

/** Handles the schedule routes; null when the call is not one of them. */
export function routeSchedules(ctx: ApiContext, call: ApiCall): ApiAnswer | null {
  const seg = call.path.replace(/\/+$/, '').split('/').slice(1);
  if (seg[0] !== 'schedules') return null;
  const roster = ctx.oncalls;
  const q = call.query;
  if (seg.length === 1 && call.method === 'GET') {
    const pg = page(roster.schedules, parsePaging(q));
    return {
      status: 200,
      body: {
        schedules: pg.items.map((d) => pdSchedule(d, null)),
        limit: pg.limit,
        offset: pg.offset,
        more: pg.more,
        total: pg.total,
      },
    };
  }
  const def = roster.schedule(decodeURIComponent(seg[1] ?? ''));
  if (!def) throw notFound();
  const now = ctx.clock.now();
  const since = q.time('since');
  const until = q.time('until');
  if (seg.length === 2 && call.method === 'GET') {
    const range =
      since !== undefined || until !== undefined
        ? { since: since ?? now, until: until ?? (since ?? now) + 7 * DAY }
        : null;
    if (range && range.until < range.since) throw invalid('until must be after since');
    return { status: 200, body: { schedule: pdSchedule(def, range) } };
  }
  if (seg.length === 3 && seg[2] === 'overrides' && call.method === 'POST') {
    if (!def.editable) {
      throw pdError(403, 'Access Denied', 2010, [
        `You may not edit the schedule ${def.name}: ask a manager of the ${teamName(def.teamId)} team or an account admin`,
      ]);
    }
    const r = overridesBody.safeParse(call.body);
    if (!r.success)
      throw invalid(...r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
    const answers = r.data.overrides.map((o) => {
      const start = Date.parse(o.start);
      const end = Date.parse(o.end);
      const wire = { start: iso(start), end: iso(end), user: userRef(o.user.id) };
      const errors: string[] = [];
      if (!(end > start)) errors.push('Override must end after its start');
      if (!userById(o.user.id)) errors.push(`User ${o.user.id} not found`);
      if (errors.length) return { status: 400, errors, override: wire };
      const made = roster.addOverride(def.id, { start, end, userId: o.user.id });
      return { status: 201, override: { id: made.id, ...wire } };
    });
    return { status: 201, body: answers };
  }
  throw notFound();
}
