/**
 * The PagerDuty operations the app needs, as an interface: the real HTTP client implements it, and
 * the sync engine and action queue depend only on it.
 */
import type { Incident, LogEntry, OncallEntry, Urgency, User } from '../domain.js';

/** Filters for listing incidents (`GET /incidents`). */
export interface IncidentQuery {
  statuses?: Array<'triggered' | 'acknowledged' | 'resolved'>;
  userIds?: string[];
  teamIds?: string[];
  serviceIds?: string[];
  urgencies?: Urgency[];
  since?: string;
  until?: string;
  dateRangeAll?: boolean;
  sortBy?: string;
  /** Page size, at most 100. */
  limit?: number;
  /** Side-loads (`include[]`); default `['first_trigger_log_entries']` (for `details`); `[]` for none. */
  include?: IncidentInclude[];
}

/** What `GET /incidents` may side-load with `include[]`. */
export type IncidentInclude =
  | 'assignees'
  | 'acknowledgers'
  | 'services'
  | 'teams'
  | 'escalation_policies'
  | 'priorities'
  | 'first_trigger_log_entries';

/** Filters for `GET /oncalls`. */
export interface OncallQuery {
  userIds?: string[];
  scheduleIds?: string[];
  escalationPolicyIds?: string[];
  since?: string;
  until?: string;
  earliest?: boolean;
}

/** A listing with the items that failed validation, each with its reason. */
export interface Listing<T> {
  items: T[];
  skipped: Array<{ index: number; id: string | null; reason: string }>;
}

/** Outcome of one incident in a bulk update. */
export interface UpdateResult {
  id: string;
  ok: boolean;
  /** true when the API said it was already in that state (counts as done). */
  alreadyDone: boolean;
  error: string | null;
}

/** Options of a single call. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface PagerDutyApi {
  /** GET /users/me. */
  getMe(opts?: CallOptions): Promise<User>;
  /** GET /incidents, following every page. */
  listIncidents(query: IncidentQuery, opts?: CallOptions): Promise<Listing<Incident>>;
  /** GET /oncalls, following every page. */
  listOncalls(query: OncallQuery, opts?: CallOptions): Promise<Listing<OncallEntry>>;
  /** PUT /incidents/{id} with a status. */
  updateIncident(id: string, status: 'acknowledged' | 'resolved', opts?: CallOptions): Promise<UpdateResult>;
  /** PUT /incidents, chunks of at most 250. */
  updateIncidents(
    ids: string[],
    status: 'acknowledged' | 'resolved',
    opts?: CallOptions,
  ): Promise<UpdateResult[]>;
  /** POST /incidents/{id}/snooze (1..604800 s). */
  snooze(id: string, durationSeconds: number, opts?: CallOptions): Promise<UpdateResult>;
  /** POST /incidents/{id}/notes. */
  addNote(id: string, content: string, opts?: CallOptions): Promise<void>;
  /** GET /incidents/{id}/log_entries (overview). */
  /**
   * The incident's log; `overview: false` asks for every entry (PagerDuty's overview is "the most
   * important changes", which may leave out what a resend looks for), default the overview.
   */
  listLogEntries(id: string, opts?: CallOptions & { overview?: boolean }): Promise<Listing<LogEntry>>;
  /** Sets the `From` email used on writes (from /users/me or a setting). */
  setFromEmail(email: string | null): void;
}
