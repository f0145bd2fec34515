/**
 * Schedules and overrides over the REST API v2: `GET /schedules/{id}` with its final and override
 * entries rendered for a range, and `POST /schedules/{id}/overrides`. Answers are validated with zod,
 * a bad entry is skipped with its reason (logged), the rest kept.
 */
import { z } from 'zod';
import type { Ref, UserRef } from '../domain.js';
import type { Logger } from '../ports.js';
import type { CallOptions } from './api.js';
import { PagerDutyError, messages } from './errors.js';
import type { HttpAnswer, RequestSpec } from './http.js';
import { toRef, toUserRef, toUtcIso } from './map.js';
import { redactSecrets } from './redact.js';
import { formatIssues, isoTime, wireRef } from './schemas.js';

/** One rendered entry of a schedule: who is on call from start to end (UTC ISO). */
export interface ScheduleSpan {
  user: UserRef;
  start: string;
  end: string;
}

/** A schedule rendered for a range. */
export interface ScheduleDetail {
  id: string;
  name: string;
  /** IANA zone of the schedule (PagerDuty sends IANA names on v2 schedules). */
  timeZone: string;
  htmlUrl: string | null;
  teams: Ref[];
  /** The final schedule (layers and overrides applied). */
  final: ScheduleSpan[];
  /** The overrides alone. */
  overrides: ScheduleSpan[];
}

/** An override to create. */
export interface OverrideInput {
  userId: string;
  /** ISO date-times. */
  start: string;
  end: string;
}

/** A created override. */
export interface CreatedOverride {
  id: string;
  user: UserRef;
  start: string;
  end: string;
}

/** What the roster and trades need beyond the `PagerDutyApi`. */
export interface ScheduleApi {
  /** GET /schedules/{id}?since&until. */
  getSchedule(
    id: string,
    range: { since: string; until: string },
    opts?: CallOptions,
  ): Promise<ScheduleDetail>;
  /** POST /schedules/{id}/overrides with one override. */
  createOverride(scheduleId: string, o: OverrideInput, opts?: CallOptions): Promise<CreatedOverride>;
}

const wireSpan = z.object({ user: wireRef, start: isoTime, end: isoTime });
const wireSub = z.object({ rendered_schedule_entries: z.array(z.unknown()).nullish() }).nullish();
const wireSchedule = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  time_zone: z.string().min(1),
  html_url: z.string().nullish(),
  teams: z.array(wireRef).nullish(),
  final_schedule: wireSub,
  overrides_subschedule: wireSub,
});
const scheduleEnvelope = z.object({ schedule: z.unknown() });
const overrideAnswer = z.array(
  z.object({
    status: z.number().nullish(),
    errors: z.array(z.string()).nullish(),
    override: z.object({ id: z.string().nullish(), user: wireRef, start: isoTime, end: isoTime }),
  }),
);

/** What the operations need from the client. */
export interface ScheduleOpsDeps {
  request(spec: RequestSpec): Promise<HttpAnswer>;
  from(): string | null;
  logger: Logger;
  secrets: readonly string[];
  host: string;
}

/** Creates the schedule operations over the client's transport. */
export function createScheduleOps(d: ScheduleOpsDeps): ScheduleApi {
  const bad = (what: string, reason: string): PagerDutyError =>
    new PagerDutyError(messages.invalidResponse(d.host, `${what}: ${redactSecrets(reason, d.secrets)}`), {
      kind: 'invalid_response',
    });

  const spans = (raw: unknown[] | null | undefined, what: string): ScheduleSpan[] => {
    const out: ScheduleSpan[] = [];
    (raw ?? []).forEach((item, index) => {
      const p = wireSpan.safeParse(item);
      if (!p.success) {
        d.logger.warn('Skipped an invalid schedule entry', { what, index, reason: formatIssues(p.error) });
        return;
      }
      out.push({ user: toUserRef(p.data.user), start: toUtcIso(p.data.start), end: toUtcIso(p.data.end) });
    });
    return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  };

  return {
    async getSchedule(id, range, o) {
      const path = `/schedules/${encodeURIComponent(id)}`;
      const answer = await d.request({
        method: 'GET',
        path,
        query: { since: range.since, until: range.until },
        signal: o?.signal,
        what: `schedule ${id}`,
      });
      const env = scheduleEnvelope.safeParse(answer.body);
      if (!env.success) throw bad(path, formatIssues(env.error));
      const s = wireSchedule.safeParse(env.data.schedule);
      if (!s.success) throw bad(path, formatIssues(s.error));
      const w = s.data;
      return {
        id: w.id,
        name: w.name || w.summary || w.id,
        timeZone: w.time_zone,
        htmlUrl: w.html_url ?? null,
        teams: (w.teams ?? []).map(toRef),
        final: spans(w.final_schedule?.rendered_schedule_entries, `${path} final`),
        overrides: spans(w.overrides_subschedule?.rendered_schedule_entries, `${path} overrides`),
      };
    },

    async createOverride(scheduleId, input, o) {
      const path = `/schedules/${encodeURIComponent(scheduleId)}/overrides`;
      const answer = await d.request({
        method: 'POST',
        path,
        body: {
          overrides: [
            { start: input.start, end: input.end, user: { id: input.userId, type: 'user_reference' } },
          ],
        },
        write: true,
        from: d.from(),
        signal: o?.signal,
        what: `schedule ${scheduleId}`,
      });
      const p = overrideAnswer.safeParse(answer.body);
      if (!p.success || p.data.length === 0)
        throw bad(path, p.success ? 'no override in the answer' : formatIssues(p.error));
      const first = p.data[0]!;
      if (first.status !== undefined && first.status !== null && first.status >= 300) {
        const why = (first.errors ?? []).join('; ') || `status ${first.status}`;
        throw new PagerDutyError(`PagerDuty did not create the override: ${redactSecrets(why, d.secrets)}.`, {
          kind: 'bad_request',
          status: first.status,
          details: first.errors ?? [],
        });
      }
      return {
        id: first.override.id ?? '',
        user: toUserRef(first.override.user),
        start: toUtcIso(first.override.start),
        end: toUtcIso(first.override.end),
      };
    },
  };
}
