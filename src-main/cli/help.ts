/**
 * Help text of the headless command, overall and per command.
 */

const SOURCE = `Source options:
  --token-file PATH       file holding the PagerDuty API key (else env PAGERDUTY_TOKEN;
                          with neither, the embedded demo simulator is used)
  --api-url URL           PagerDuty API base URL (default https://api.pagerduty.com;
                          EU: https://api.eu.pagerduty.com; http only for 127.0.0.1)
  --from EMAIL            your PagerDuty user's email (needed with an account-level key)
  --poll-interval SECONDS how often to poll, 2..300 (default 5)
  --data-dir DIR          where state is kept (default ~/.local/share/oncall-companion,
                          or $XDG_DATA_HOME/oncall-companion)
  -v, --verbose           log details to stderr`;

const COMMANDS: Record<string, string> = {
  watch: `oncall-companion watch [--json] [--no-notify] [--scenario NAME] [source options]
  Runs the live feed until Ctrl-C: one line per event, or with --json one JSON object per line
  (type: sync, incident.triggered, incident.acknowledged, notification, action.done, ...).
  Raises desktop notifications unless --no-notify. --scenario picks the demo scenario.`,
  status: `oncall-companion status [--json] [source options]
  One sync, then: who you are, on call now and next, and your open incidents.`,
  ack: `oncall-companion ack <id...> | ack --mine [--json] [source options]
  Acknowledges the incidents (or every triggered incident assigned to you) and waits for the result.`,
  resolve: `oncall-companion resolve <id...> [--json] [source options]
  Resolves the incidents and waits for the result.`,
  snooze: `oncall-companion snooze <id> <duration> [--json] [source options]
  Snoozes an acknowledged incident. Durations: 30m, 1h, 2h30m, 3600s, 1d (at most 7d).`,
  simulator: `oncall-companion simulator [--port N] [--scenario demo|storm|quiet|none] [--seed S] [--speed N]
  Runs the PagerDuty-compatible simulator on 127.0.0.1 and prints its URL first. Any token works;
  point other commands at it with PAGERDUTY_TOKEN=x ... --api-url URL.`,
  preview: `oncall-companion preview [--port N] [--scenario NAME] [--speed N] [source options]
  Serves the app's interface in a browser on 127.0.0.1 with the real core; prints the URL to open.`,
};

/** The help for one command, or the overview. */
export function helpText(topic: string | null): string {
  const one = topic ? COMMANDS[topic] : undefined;
  if (one) {
    return topic === 'simulator' ? `${one}\n` : `${one}\n\n${SOURCE}\n`;
  }
  return `oncall-companion: your PagerDuty pages in a terminal (the headless On-Call Companion)

Commands:
  watch       follow the live feed and raise desktop notifications
  status      who you are, on call now and next, open incidents
  ack         acknowledge incidents (ack <id...>, ack --mine)
  resolve     resolve incidents
  snooze      snooze an incident (snooze <id> 30m)
  simulator   run the PagerDuty simulator alone
  preview     serve the interface in a browser

Run \`oncall-companion <command> --help\` for its options. --version prints the version.
With no token, commands use a built-in demo simulator, so you can try everything at once.

${SOURCE}

Exit codes: 0 ok, 1 runtime failure, 2 bad usage.
`;
}
