/**
 * Help text of the headless command, overall and per command.
 */
import { WORK_HELP } from './work-args.js';

const SOURCE = `Source options:
  --token-file PATH       file holding the PagerDuty API key (else env PAGERDUTY_TOKEN,
                          else the sign-in of \`login\`; with none, the demo simulator)
  --api-url URL           PagerDuty API base URL (default https://api.pagerduty.com;
                          EU: https://api.eu.pagerduty.com; http only for 127.0.0.1)
  --from EMAIL            your PagerDuty user's email (needed with an account-level key)
  --poll-interval SECONDS how often to poll, 2..300 (default 5)
  --data-dir DIR          where state is kept (default ~/.local/share/oncall-companion,
                          or $XDG_DATA_HOME/oncall-companion)
  -v, --verbose           log details to stderr`;

const COMMANDS: Record<string, string> = {
  watch: `oncall-companion watch [--json | --format text|json|line] [--no-notify] [--handoff-lead MINUTES] [--scenario NAME] [--speed N] [source options]
  Runs the live feed until Ctrl-C: one line per event, or with --json one JSON object per line
  (type: sync, incident.triggered, incident.seen, incident.acknowledged, notification,
  notification.delivery, action.done, report.saved, ...). An incident first seen already acknowledged
  (at start-up) is incident.seen, never incident.triggered.
  Raises desktop notifications unless --no-notify; on Linux they carry Acknowledge, Resolve and Open.
  --format line: one status line (as status --format line) for tmux and polybar, rewritten in place
  on a terminal and printed again on every change when piped.
  Records the shift history in the data folder (<data dir>/<source>/history/). --handoff-lead
  MINUTES before a shift ends it reminds you to hand off (default 30; 0 = off), and when a shift
  ends it saves the handoff report as <data dir>/<source>/reports/<date>.md (report.saved).
  --scenario and --speed pick the demo scenario and how much faster it runs (no token only).`,
  report: `oncall-companion report [--shift current|last] [--since D [--until D]] [--format md|json] [source options]
  Prints the handoff report: open incidents, what happened, the numbers (pages, time to acknowledge
  and resolve, off-hours interruptions, noisiest services, share acknowledged by me), checklists and
  notes. Markdown by default; --format json prints the HandoffReport object.
  Period: --shift current (default; the last 24 hours when not on call), --shift last (the last
  shift that ended), or --since D [--until D] (until defaults to now). Dates: 2026-11-01 (local
  midnight), 2026-11-01T08:00 (local time; add Z or +01:00 for another zone), or a time ago such
  as 30m, 12h, 7d, 2w.
  With a token it reads the history recorded in that source's data folder (by watch, preview,
  backfill) after one sync, so open incidents and the current shift are up to date.
  With no token (the demo) there is no saved history, since the demo's history lives only during a
  run: it plays the demo shift at --speed (default 300x, about 8 s; --scenario demo|storm|quiet;
  with --shift last up to its handoff) and reports on that run, keeping nothing. Reports saved by
  watch on the demo are kept in <data dir>/demo/reports/.`,
  backfill: `oncall-companion backfill --since D [--until D] [--json] [source options]
  Fills the history from PagerDuty for a past range (incidents and their log entries: when and by
  whom they were acknowledged and resolved), pacing its calls to respect the rate limit. Progress
  goes to stderr; then one summary line (with --json a JSON object: fetched, added). Pages already
  recorded are kept as they are. Needs a token; works with the simulator too (--api-url).
  Dates as for report, e.g. --since 30d, --since 2026-11-01 --until 2026-11-08.`,
  load: `oncall-companion load [--team T | --services IDS] [--weeks N] [--end-week YYYY-Www] [--format md|csv|json] [--budget FILE] [--time-zone TZ] [--offline] [source options]
  The team's operational load per week over the last N complete weeks (default 8, at most 52;
  --end-week names the last week shown instead):
  pages by urgency, off-hours and sleep-hour interruptions (high urgency), on-call person-weeks and
  interruptions per person-week, time to acknowledge and resolve (median, p90), pages escalated past
  the first level, noise (resolved within minutes unacknowledged; acknowledged and resolved with no
  note), repeat offenders, the noisiest services and who carried the load (pages, nights). Each week
  is rated against the budget (--budget FILE, YAML or JSON; default: 2 sleep-hour interruptions per
  person-week, 10 pages per service per week, MTTA p90 5 min) and compared with the 4 weeks before.
  It first fills the team history in the data folder from PagerDuty (GET /incidents, /log_entries,
  /oncalls, paced, with progress on stderr); --offline uses what is stored. Weeks run Monday 00:00
  to Monday 00:00 in --time-zone (else the budget file's, else the system's). With no token it
  reads the demo team's past weeks from the embedded simulator.`,
  review: `oncall-companion review [--team T | --services IDS] [--week last|YYYY-Www] [--format md|csv|json] [--budget FILE] [--time-zone TZ] [--offline] [source options]
  The weekly operations review for planning: the week's numbers against the budget with the trend
  against the 4 weeks before, the services over budget with their top repeat offenders and a plain
  suggested action ("disk-91% on payments-db: 9 of 14 pages, resolved without action 7 times: tune
  or remove the alert"), and who carried the load. Markdown (tables), CSV (one row per fact) or
  JSON. --week last (default) is the last complete week. Team and budget options as for load.`,
  status: `oncall-companion status [--json | --format text|json|line|waybar|xbar] [--accounts FILE] [source options]
  One sync, then: who you are, on call now and next, and your open incidents (one status per
  account with --accounts; every incident carries its account).
  --format line    one short line: on call or not, open pages by urgency, oldest unacknowledged age
  --format waybar  Waybar's custom-module JSON (text, tooltip, class: paging|acked|on-call|off-call|error)
  --format xbar    xbar / SwiftBar plugin output, with a menu that acknowledges and resolves
  Colour on a terminal only; none when piped or with NO_COLOR set. The bar formats show one account.`,
  shifts: `oncall-companion shifts [--days 14] [--json | --ics] [--schedule-zone] [source options]
  Your on-call shifts for the next days (1..90, default 14), every schedule and escalation level,
  overrides included, grouped by day in this computer's time zone (--schedule-zone: each schedule's
  own), with who hands over to you and to whom you hand over, then who is on call now and next on
  each schedule. --json prints the Roster object; --ics prints an iCalendar file to import or
  subscribe to (e.g. oncall-companion shifts --ics > shifts.ics).`,
  override: `oncall-companion override SCHEDULE_ID --user USER_ID|me --start T --end T [--json] [source options]
  Creates a schedule override: USER is on call on the schedule from T to T (e.g. to cover a
  teammate's shift, or to hand yours over). Times: 2026-12-24T08:00 (local; add Z or +01:00), now,
  or +2h from now. Refused before any request when it is in the past or overlaps another override;
  a 403 names who may edit the schedule.`,
  ack: `oncall-companion ack <[ACCOUNT:]id...> | ack --mine [--accounts FILE [--account NAME]] [--json] [source options]
  Acknowledges the incidents (or every triggered incident assigned to you) and waits for the result.
  With --accounts, each id names its account (team:Q1ABC) or --account NAME gives it for all.`,
  resolve: `oncall-companion resolve <[ACCOUNT:]id...> [--accounts FILE [--account NAME]] [--json] [source options]
  Resolves the incidents and waits for the result.`,
  snooze: `oncall-companion snooze <[ACCOUNT:]id> <duration> [--accounts FILE [--account NAME]] [--json] [source options]
  Snoozes an acknowledged incident. Durations: 30m, 1h, 2h30m, 3600s, 1d (at most 7d).`,
  ...WORK_HELP,
  'test-notify': `oncall-companion test-notify [--json]
  Shows a test notification through the same notifier as watch (D-Bus on Linux, else node-notifier)
  and plays the alert sound. Prints whether it was shown, or why not; exits 1 when it was not.`,
  simulator: `oncall-companion simulator [--port N] [--scenario demo|storm|quiet|none] [--seed S] [--speed N]
  Runs the PagerDuty-compatible simulator on 127.0.0.1 and prints its URL first. Any token works;
  point other commands at it with PAGERDUTY_TOKEN=x ... --api-url URL, or sign in to it with
  login --api-url URL (its identity server: /oauth/authorize, /oauth/token, /oauth/revoke).`,
  preview: `oncall-companion preview [--port N] [--scenario NAME] [--speed N] [--simulate-update VERSION] [--accounts FILE | source options]
  Serves the app's interface in a browser on 127.0.0.1 with the real core; prints the URL to open.
  --accounts FILE runs every account of the file in the one window (the first is the first account).
  Records the shift history like watch (the Load view and reports read it).
  --simulate-update VERSION shows the window's "Update ready" banner for VERSION, marked simulated
  (the preview has no updater; installing answers that it is simulated).`,
  login: `oncall-companion login [--account NAME] [--api-url URL] [--identity-url URL] [--client-id ID] [--no-browser] [--read-only] [--timeout SECONDS] [--data-dir DIR]
  Signs in with PagerDuty in the browser (OAuth with PKCE; no API key to create or paste): prints
  the address, opens it unless --no-browser, and waits (default 300 s) for the redirect to
  127.0.0.1. The token goes into the OS keychain when one answers, else a 0600 file in
  <data dir>/credentials/ (it says which; ONCALL_COMPANION_KEYCHAIN=off skips the keychain).
  status, watch and the other commands then use it when no PAGERDUTY_TOKEN or --token-file is
  given. The account's region (US/EU) comes from the sign-in. --api-url names a compatible
  server (the simulator: its sign-in is on the same origin); --identity-url another identity
  server; --client-id (or ONCALL_OAUTH_CLIENT_ID) your own PagerDuty app. A failed sign-in
  stores nothing and keeps the previous one.`,
  logout: `oncall-companion logout [--account NAME] [--data-dir DIR]
  Revokes the sign-in where the identity server allows and removes its token.`,
};

/** The help for one command, or the overview. */
export function helpText(topic: string | null): string {
  const one = topic ? COMMANDS[topic] : undefined;
  if (one) {
    return ['simulator', 'login', 'logout'].includes(topic!) ? `${one}\n` : `${one}\n\n${SOURCE}\n`;
  }
  return `oncall-companion: your PagerDuty pages in a terminal (the headless On-Call Companion)

Commands:
  login       sign in with PagerDuty in the browser (no API key needed); logout removes it
  watch       follow the live feed and raise desktop notifications
  status      who you are, on call now and next, open incidents
  test-notify show a test notification and play the alert, and say whether it was shown
  ack         acknowledge incidents (ack <id...>, ack --mine)
  resolve     resolve incidents
  snooze      snooze an incident (snooze <id> 30m)
  reassign, escalate, responders, priority, urgency, status-update, merge
              work an incident (see each command's --help)
  services    the services you can see, who owns them and who is on call for them now
  who         who is on call for a service now (who checkout-api)
  report      print the handoff report (Markdown or JSON) of a shift or a date range
  backfill    fill the shift history from PagerDuty for a past range
  load        the team's operational load per week against its budget
  review      the weekly operations review (Markdown, CSV or JSON)
  simulator   run the PagerDuty simulator alone
  preview     serve the interface in a browser

Run \`oncall-companion <command> --help\` for its options. --version prints the version.
With no token, commands use a built-in demo simulator, so you can try everything at once.

${SOURCE}

Exit codes: 0 ok, 1 runtime failure, 2 bad usage.
`;
}
