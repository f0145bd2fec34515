/**
 * The core's messages name the fix for every host at once ("enter it in Settings (or
 * PAGERDUTY_TOKEN)", "the API URL setting"). In a terminal there is no Settings window: this turns
 * those phrases into the flags and variables the headless command takes, so its errors speak to the
 * host they are in. Tested against every message the PagerDuty client can produce.
 */
import type { CoreEvent, SyncStatus } from '../core/events.js';

const CLI_WORDING: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /enter it in Settings \(or PAGERDUTY_TOKEN\)/g,
    'put it in PAGERDUTY_TOKEN or a file named by --token-file',
  ],
  [/\(--from EMAIL or Settings\)/g, '(--from EMAIL)'],
  [/the API URL setting/g, '--api-url'],
  [/\bin Settings\b/g, 'with the command-line flags (oncall-companion --help)'],
];

/** A core message reworded for the command line. */
export function forCli(text: string): string {
  let out = text;
  for (const [re, replacement] of CLI_WORDING) out = out.replace(re, replacement);
  return out;
}

/** A sync status with its reason reworded for the command line. */
export function syncForCli(s: SyncStatus): SyncStatus {
  return 'reason' in s ? { ...s, reason: forCli(s.reason) } : s;
}

/** An event as the command line prints it (`watch --json`): reasons and errors reworded. */
export function eventForCli(e: CoreEvent): CoreEvent {
  if (e.type === 'sync') return { ...e, status: syncForCli(e.status) };
  if (e.type === 'action.failed') return { ...e, error: forCli(e.error) };
  return e;
}
