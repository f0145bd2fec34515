/**
 * User settings that the core acts on, with their schema, bounds and defaults. The Electron shell
 * persists them (electron-store) and the CLI builds them from flags; both validate with this schema.
 * The token is never a setting: it lives in the secret store.
 */
import { z } from 'zod';

/** Known PagerDuty API hosts. */
export const REGION_URLS = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
} as const;

import { POLL_INTERVAL_DEFAULT_S, POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../shared/limits.js';

export { POLL_INTERVAL_DEFAULT_S, POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 22:00');

/** https anywhere; plain http only on this machine (a simulator), so the token never travels in clear. */
export function secureApiUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  } catch {
    return false;
  }
}

export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), scenario: z.enum(['demo', 'storm', 'quiet']).default('demo') }),
  z.object({
    kind: z.literal('pagerduty'),
    region: z.enum(['us', 'eu', 'custom']).default('us'),
    /** Used when region is custom: any PagerDuty-compatible server. */
    apiUrl: z
      .string()
      .url('enter a full URL such as https://api.pagerduty.com')
      .refine(
        secureApiUrl,
        'use https:// (plain http only for 127.0.0.1 or localhost: the token must not travel in clear)',
      )
      .optional(),
    /** Required with an account-level key; otherwise taken from GET /users/me. */
    fromEmail: z.string().email('enter the email of your PagerDuty user').optional(),
  }),
]);

export const filtersSchema = z.object({
  /** Incidents assigned to me are always included. */
  includeMyTeams: z.boolean().default(false),
  teamIds: z.array(z.string().min(1)).default([]),
  serviceIds: z.array(z.string().min(1)).default([]),
  urgencies: z
    .array(z.enum(['high', 'low']))
    .min(1, 'choose at least one urgency')
    .default(['high', 'low']),
});

export const notificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Notify for low-urgency pages at all. */
  lowUrgency: z.boolean().default(true),
  sound: z.boolean().default(true),
  /** Minutes between reminders for my unacknowledged high-urgency pages; 0 = never. */
  reminderMinutes: z.number().int().min(0).max(120).default(5),
  quietHours: z
    .object({ enabled: z.boolean().default(false), start: hhmm.default('22:00'), end: hhmm.default('07:00') })
    .default({ enabled: false, start: '22:00', end: '07:00' }),
  /** More than this many new pages in one poll become one summary notification. */
  stormThreshold: z.number().int().min(2).max(100).default(5),
  /** Minutes before each of my shifts to warn that it starts; 0 = off. */
  shiftLeadMinutes: z.number().int().min(0).max(1440).default(15),
  /** Notify when someone else acknowledges or resolves one of my pages. */
  othersActions: z.boolean().default(true),
  /** Low-urgency notifications paused until this epoch ms (tray: pause 1 h). */
  lowUrgencyPausedUntil: z.number().nullable().default(null),
});

export const coreSettingsSchema = z.object({
  source: sourceSchema.default({ kind: 'demo', scenario: 'demo' }),
  pollIntervalSeconds: z
    .number()
    .min(POLL_INTERVAL_MIN_S, `poll at most every ${POLL_INTERVAL_MIN_S} s`)
    .max(POLL_INTERVAL_MAX_S, `poll at least every ${POLL_INTERVAL_MAX_S} s`)
    .default(POLL_INTERVAL_DEFAULT_S),
  filters: filtersSchema.default({
    includeMyTeams: false,
    teamIds: [],
    serviceIds: [],
    urgencies: ['high', 'low'],
  }),
  notifications: notificationSettingsSchema.default(notificationSettingsSchema.parse({})),
});

export type SourceSettings = z.infer<typeof sourceSchema>;
export type Filters = z.infer<typeof filtersSchema>;
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export type CoreSettings = z.infer<typeof coreSettingsSchema>;

/** The defaults, as a fresh object. */
export function defaultCoreSettings(): CoreSettings {
  return coreSettingsSchema.parse({});
}

/** The API base URL a PagerDuty source talks to. */
export function apiUrlOf(source: SourceSettings): string | null {
  if (source.kind !== 'pagerduty') return null;
  if (source.region === 'custom') return source.apiUrl ?? null;
  return REGION_URLS[source.region];
}
