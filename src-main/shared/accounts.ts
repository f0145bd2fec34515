/**
 * The account model of the window (one module, so a new kind such as an OAuth sign-in extends it in
 * one place): an account is a name the user gives, a `kind` (the discriminant), where its API is,
 * and its own optional filters and poll interval. Its token never appears here: it lives in the
 * secret store, one encrypted file per account.
 *
 * The first account is the app's original single account (`settings.source`, the token file of the
 * single-account version, its data folder and history), so an old settings file reads as one account
 * with nothing moved. The others are `settings.accounts`.
 *
 * Incident ids can collide between accounts, so the window never routes by an id alone: an incident
 * of another account travels as a key `ACCOUNTID~INCIDENTID` (the first account's keep their plain
 * ids), and the runtime splits the key to reach that account's companion, queue, token and `From`.
 */
import { z } from 'zod';
import { filtersSchema, sourceSchema } from '../core/settings.js';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from './limits.js';
import type { SyncStatus } from '../core/events.js';
import type { CompanionSnapshot } from '../core/companion-types.js';
import type { RequestRate } from '../core/sync/request-meter.js';

export type { RequestRate };

/** The id of the first account (the single-account version's settings, token and data folder). */
export const PRIMARY_ACCOUNT_ID = 'default';

/** Between an account id and an incident (or action) id in a key. */
export const KEY_SEPARATOR = '~';

/** An account's id: fixed when it is added, so a rename keeps its token, data and history. */
export const accountIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'an account id is 1-32 lower-case letters, digits or "-"');

/** A name the user gives (shown on every row, notification and tray line). */
export const accountNameSchema = z
  .string()
  .trim()
  .min(1, 'give the account a name')
  .max(40, 'keep the name to 40 characters: it is shown on every row');

/** One more account besides the first (its source is the same shape as `settings.source`). */
export const accountSettingsSchema = z.object({
  id: accountIdSchema,
  name: accountNameSchema,
  source: sourceSchema,
  /** Its own filters; absent = the app's filters. */
  filters: filtersSchema.optional(),
  /** Its own poll interval; absent = the app's. */
  pollIntervalSeconds: z
    .number()
    .min(POLL_INTERVAL_MIN_S, `poll at most every ${POLL_INTERVAL_MIN_S} s`)
    .max(POLL_INTERVAL_MAX_S, `poll at least every ${POLL_INTERVAL_MAX_S} s`)
    .optional(),
});

export type AccountSettings = z.infer<typeof accountSettingsSchema>;
export type AccountKind = AccountSettings['source']['kind'];

/** The list of extra accounts: ids and names unique (names compared without case). */
export const accountsListSchema = z
  .array(accountSettingsSchema)
  .max(20, 'at most 20 accounts')
  .superRefine((list, ctx) => {
    const ids = new Set<string>([PRIMARY_ACCOUNT_ID]);
    const names = new Set<string>();
    for (const [i, a] of list.entries()) {
      if (ids.has(a.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the id ${a.id} is taken` });
      ids.add(a.id);
      const n = a.name.toLowerCase();
      if (names.has(n))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `the name "${a.name}" is used twice: give each account its own name`,
        });
      names.add(n);
    }
  });

/** How one account is doing, as the snapshot shows it (never its token). */
export interface AccountState {
  id: string;
  name: string;
  kind: AccountKind;
  apiUrl: string;
  sync: SyncStatus;
  /** Why its source could not start (a rejected setting, no token), or null. */
  problem: string | null;
  /** The requests its client really sent (measured), when it runs. */
  requests?: RequestRate | null;
}

/** The window's snapshot: the companion's, merged over every account, with each account's state. */
export type AppSnapshot = CompanionSnapshot & { accounts?: AccountState[] };

/** An account's tag on its rows and events. */
export interface AccountTag {
  id: string;
  name: string;
}

/** PagerDuty's request limit per user and account, a minute (pagerduty-api.md: Limits). */
export const REQUESTS_PER_MINUTE_LIMIT = 960;

/** How often the on-call data is read (my shifts, and the services' owners once the view is used). */
const ONCALL_REFRESH_MINUTES = 5;

/** An estimate of what an account spends of its request budget a minute. */
export interface RequestBudget {
  /** The whole estimate, rounded up. */
  perMinute: number;
  /** One incidents request per poll (more when the open incidents span pages). */
  polls: number;
  /** My shifts (`GET /oncalls`), every 5 minutes and at shift boundaries. */
  oncall: number;
  /** Who owns what (`GET /services` and `GET /oncalls` for their policies), every 5 minutes once used. */
  ownership: number;
  limit: number;
}

/**
 * What an account spends of its request budget: the polls, the on-call refresh and the ownership
 * refresh (which come on the same 5-minute cadence); actions and views' reads come on top, which is
 * why Settings shows the measured rate beside this.
 */
export function pollBudget(pollSeconds: number): RequestBudget {
  const polls = 60 / pollSeconds;
  const oncall = 1 / ONCALL_REFRESH_MINUTES;
  const ownership = 2 / ONCALL_REFRESH_MINUTES;
  return {
    perMinute: Math.ceil(polls + oncall + ownership),
    polls,
    oncall,
    ownership,
    limit: REQUESTS_PER_MINUTE_LIMIT,
  };
}

/** The key the window uses for an incident (or action) of an account. */
export function accountKey(accountId: string, id: string): string {
  return accountId === PRIMARY_ACCOUNT_ID ? id : `${accountId}${KEY_SEPARATOR}${id}`;
}

/** Split a key into its account and the id that account knows. */
export function splitAccountKey(key: string): { accountId: string; id: string } {
  const at = key.indexOf(KEY_SEPARATOR);
  if (at < 0) return { accountId: PRIMARY_ACCOUNT_ID, id: key };
  return { accountId: key.slice(0, at), id: key.slice(at + 1) };
}

/** A fresh id for an account named `name`, unlike the ids taken. */
export function newAccountId(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  used.add(PRIMARY_ACCOUNT_ID);
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24) || 'account';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}
