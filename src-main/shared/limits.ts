/**
 * Limits defined once, read by the core, the contract's argument schemas, the CLI and the
 * renderer's forms: the poll interval, the snooze length, the low-urgency pause.
 */

/** Poll interval bounds in seconds: fast enough to hear a page, slow enough to respect the rate limit. */
export const POLL_INTERVAL_MIN_S = 2;
export const POLL_INTERVAL_MAX_S = 300;
export const POLL_INTERVAL_DEFAULT_S = 5;

/** The longest snooze PagerDuty accepts, in seconds (7 days); it accepts 1 s as the shortest. */
export const SNOOZE_MAX_S = 7 * 24 * 3600;
export const SNOOZE_MIN_S = 1;
/** The shortest snooze the window offers (its menu starts at minutes). */
export const WINDOW_SNOOZE_MIN_S = 60;

/** The longest pause of low-urgency notifications, in minutes (a day). */
export const PAUSE_LOW_MAX_MINUTES = 24 * 60;

/** The longest undo window of a held resolve or acknowledge-all, in seconds (0 in settings: none). */
export const UNDO_MAX_S = 30;
