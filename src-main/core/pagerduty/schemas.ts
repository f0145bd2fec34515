/**
 * zod schemas of PagerDuty's wire shapes for the operations the app uses. Lenient on fields the app
 * does not read (PagerDuty adds fields all the time; unknown keys are dropped), strict on those it
 * needs. Envelopes (`{incidents, more, ...}`) are checked as a whole; the items inside are checked one
 * by one with `parseListing` so that one bad item does not lose the others.
 */
import { z } from 'zod';

/** An ISO-8601 date-time that `Date.parse` understands (PagerDuty sends both `Z` and `-05:00`). */
export const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'Invalid date-time',
  });

/** A reference (`*_reference`) or a full object in its place (with `include[]`). */
export const wireRef = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  summary: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type WireRef = z.infer<typeof wireRef>;

/** A channel of a log entry (trigger details live here). */
export const wireChannel = z.object({
  type: z.string().nullish(),
  summary: z.string().nullish(),
  details: z.unknown().optional(),
});

/** One incident (`GET /incidents` item, `GET|PUT /incidents/{id}`'s `incident`). */
export const wireIncident = z.object({
  id: z.string().min(1),
  incident_number: z.number().int(),
  title: z.string(),
  summary: z.string().nullish(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  urgency: z.enum(['high', 'low']),
  created_at: isoTime,
  updated_at: isoTime.nullish(),
  last_status_change_at: isoTime.nullish(),
  html_url: z.string().nullish(),
  service: wireRef,
  escalation_policy: wireRef.nullish(),
  /** Not in every response; some compatible servers report it. */
  escalation_level: z.number().int().nullish(),
  assignments: z
    .array(z.object({ at: isoTime.nullish(), assignee: wireRef }))
    .nullish()
    .transform((v) => v ?? []),
  acknowledgements: z
    .array(z.object({ at: isoTime.nullish(), acknowledger: wireRef }))
    .nullish()
    .transform((v) => v ?? []),
  teams: z
    .array(wireRef)
    .nullish()
    .transform((v) => v ?? []),
  priority: z
    .object({ id: z.string().nullish(), summary: z.string().nullish(), name: z.string().nullish() })
    .nullish(),
  incident_key: z.string().nullish(),
  /** Read leniently by `snoozeUntilOf`: a malformed pending action never costs the incident. */
  pending_actions: z.unknown().optional(),
  first_trigger_log_entry: z.object({ id: z.string().nullish(), channel: wireChannel.nullish() }).nullish(),
  body: z.object({ details: z.unknown().optional() }).nullish(),
});
export type WireIncident = z.infer<typeof wireIncident>;

/** One on-call entry (`GET /oncalls` item). */
export const wireOncall = z.object({
  user: wireRef,
  schedule: wireRef.nullish(),
  escalation_policy: wireRef,
  escalation_level: z.number().int(),
  start: isoTime.nullish(),
  end: isoTime.nullish(),
});
export type WireOncall = z.infer<typeof wireOncall>;

/** A user (`GET /users/me`'s `user`, `GET /users` items). */
export const wireUser = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  email: z.string().min(3),
  time_zone: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type WireUser = z.infer<typeof wireUser>;

/** One log entry (`GET /incidents/{id}/log_entries` item). */
export const wireLogEntry = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created_at: isoTime,
  summary: z.string().nullish(),
  agent: wireRef.nullish(),
  channel: wireChannel.nullish(),
  note: z.string().nullish(),
  /** Status update entries (`status_update_log_entry`): the update's text. */
  message: z.string().nullish(),
  /** Assign and escalate entries: who the incident went to. */
  assignees: z.array(wireRef).nullish(),
});
export type WireLogEntry = z.infer<typeof wireLogEntry>;

/** Paging fields of a classic (offset) listing. */
const paging = {
  limit: z.number().int().nullish(),
  offset: z.number().int().nullish(),
  more: z.boolean().nullish(),
  total: z.number().int().nullish(),
};

/** `GET /incidents` and `PUT /incidents` envelope. */
export const incidentsEnvelope = z.object({ incidents: z.array(z.unknown()), ...paging });
/** `GET /oncalls` envelope. */
export const oncallsEnvelope = z.object({ oncalls: z.array(z.unknown()), ...paging });
/** `GET /incidents/{id}/log_entries` envelope. */
export const logEntriesEnvelope = z.object({ log_entries: z.array(z.unknown()), ...paging });
/** `GET /users` envelope. */
export const usersEnvelope = z.object({ users: z.array(z.unknown()), ...paging });
/** `GET|PUT /incidents/{id}` and snooze envelope. */
export const incidentEnvelope = z.object({ incident: z.unknown() });
/** `GET /users/me` envelope. */
export const userEnvelope = z.object({ user: z.unknown() });

/** The usual error body: `{error:{message,code,errors}}`. */
export const errorObjectBody = z.object({
  error: z.object({
    message: z.string().nullish(),
    code: z.number().int().nullish(),
    errors: z.array(z.string()).nullish(),
  }),
});

/** The other error body (account-level key on `/users/me`, among others): `{error:"plain string"}`. */
export const errorStringBody = z.object({ error: z.string() });

/** A parsed error body, whichever shape it came in. */
export interface ErrorBody {
  shape: 'object' | 'string';
  message: string | null;
  code: number | null;
  errors: string[];
}

/** Reads an error body in either shape; null when it is neither (HTML from a proxy, empty, ...). */
export function parseErrorBody(body: unknown): ErrorBody | null {
  const asString = errorStringBody.safeParse(body);
  if (asString.success) {
    return { shape: 'string', message: asString.data.error, code: null, errors: [] };
  }
  const asObject = errorObjectBody.safeParse(body);
  if (asObject.success) {
    const e = asObject.data.error;
    return { shape: 'object', message: e.message ?? null, code: e.code ?? null, errors: e.errors ?? [] };
  }
  return null;
}

/** One zod error as a short reason: "status: Invalid option ...; service.id: ...". */
export function formatIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((i) => {
    const path = i.path.map(String).join('.');
    return path ? `${path}: ${i.message}` : i.message;
  });
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
