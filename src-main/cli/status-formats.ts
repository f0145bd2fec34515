/**
 * `status --format line|waybar|xbar` and `watch --format line`: the pager in a status bar. Pure: a
 * snapshot (and the time) in, text out. Incident text is untrusted, so it goes through `safe` (no
 * control characters) and, for xbar, through `xbarText` (no `|` that would start xbar's parameters).
 */
import type { Incident } from '../core/domain.js';
import type { CompanionSnapshot } from '../core/companion-types.js';
import { safe } from './format.js';
import { forCli } from './host-wording.js';

export const STATUS_FORMATS = ['text', 'json', 'line', 'waybar', 'xbar'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** An age for a bar, at minute granularity so a watched line changes at most once a minute: `<1m`, `12m`, `3h05m`, `2d4h`. */
export function shortAge(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return '<1m';
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${h % 24}h`;
}

/** The numbers a status bar shows. */
export interface BarSummary {
  /** On call now (null: the on-call data was not fetched). */
  onCall: boolean | null;
  open: number;
  high: number;
  low: number;
  /** Triggered (not yet acknowledged). */
  unacked: number;
  /** Age of the oldest unacknowledged page in ms, or null when there is none. */
  oldestUnackedMs: number | null;
  /** The sync problem in words when the data is stale or the token rejected, else null. */
  problem: string | null;
}

export function summarize(s: CompanionSnapshot, now: number): BarSummary {
  let high = 0;
  let low = 0;
  let unacked = 0;
  let oldest: number | null = null;
  for (const i of s.incidents) {
    if (i.urgency === 'high') high++;
    else low++;
    if (i.status === 'triggered') {
      unacked++;
      const t = Date.parse(i.createdAt);
      if (Number.isFinite(t) && (oldest === null || t < oldest)) oldest = t;
    }
  }
  const problem =
    s.sync.state === 'stale' || s.sync.state === 'auth_error' ? forCli(safe(s.sync.reason, 200)) : null;
  return {
    onCall: s.shifts.fetchedAt === null ? null : s.shifts.current.length > 0,
    open: s.incidents.length,
    high,
    low,
    unacked,
    oldestUnackedMs: oldest === null ? null : Math.max(0, now - oldest),
    problem,
  };
}

/** How a status bar should look: quiet, acknowledged pages only, pages ringing, or a problem. */
export type BarClass = 'off-call' | 'on-call' | 'acked' | 'paging' | 'error';

export function barClass(b: BarSummary): BarClass {
  if (b.problem) return 'error';
  if (b.unacked > 0) return 'paging';
  if (b.open > 0) return 'acked';
  return b.onCall ? 'on-call' : 'off-call';
}

/** ANSI colours, used only when asked (a terminal without NO_COLOR). */
const ANSI: Record<BarClass, string> = {
  paging: '\x1b[1;31m',
  acked: '\x1b[33m',
  error: '\x1b[35m',
  'on-call': '\x1b[32m',
  'off-call': '\x1b[2m',
};

/** Whether to colour: a terminal, and no NO_COLOR (https://no-color.org: any non-empty value). */
export function useColour(tty: boolean, env: NodeJS.ProcessEnv): boolean {
  return tty && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

export function paint(text: string, cls: BarClass, colour: boolean): string {
  return colour ? `${ANSI[cls]}${text}\x1b[0m` : text;
}

/** One short line: on call or not, open pages by urgency, the oldest unacknowledged age. */
export function lineText(b: BarSummary): string {
  const who = b.onCall === null ? 'on call: ?' : b.onCall ? 'on call' : 'off call';
  const parts = [who];
  if (b.open === 0) parts.push('no pages');
  else {
    const byUrgency = [b.high ? `${b.high} high` : '', b.low ? `${b.low} low` : ''].filter(Boolean).join(' ');
    parts.push(`${b.open} open (${byUrgency})`);
    parts.push(b.oldestUnackedMs === null ? 'all acked' : `oldest unacked ${shortAge(b.oldestUnackedMs)}`);
  }
  if (b.problem) parts.push(b.problem.startsWith('PagerDuty rejected') ? 'AUTH ERROR' : 'STALE');
  return parts.join(' · ');
}

export function formatLine(s: CompanionSnapshot, now: number, colour: boolean): string {
  const b = summarize(s, now);
  return paint(lineText(b), barClass(b), colour);
}

function incidentRow(i: Incident, now: number): string {
  const age = shortAge(Math.max(0, now - Date.parse(i.createdAt)));
  const state = i.status === 'triggered' ? 'TRIGGERED' : 'acked';
  return `${i.urgency === 'high' ? 'HIGH' : 'low'} ${state} #${i.number} ${safe(i.title, 80)} · ${safe(i.service.summary, 40)} (${age})`;
}

function ordered(s: CompanionSnapshot): Incident[] {
  return [...s.incidents].sort(
    (a, b) =>
      (a.status === 'triggered' ? 0 : 1) - (b.status === 'triggered' ? 0 : 1) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/** Waybar's custom module JSON (`return-type: json`): text, tooltip, class, alt. */
export function formatWaybar(s: CompanionSnapshot, now: number): string {
  const b = summarize(s, now);
  const cls = barClass(b);
  const text = b.open === 0 ? (b.onCall ? 'on call' : 'off call') : `${b.unacked}/${b.open}`;
  const tooltip = [
    lineText(b),
    ...(b.problem ? [b.problem] : []),
    ...ordered(s).map((i) => incidentRow(i, now)),
  ]
    .slice(0, 21)
    .join('\n');
  return JSON.stringify({ text: b.problem ? `${text} !` : text, tooltip, class: cls, alt: cls });
}

/** Text safe inside an xbar line: no `|` (it starts the parameters) and no newline. */
export function xbarText(s: string): string {
  return safe(s, 200).replace(/\|/g, '¦');
}

/** A parameter value for xbar: quoted when it has spaces; quotes and `|` cannot appear. */
function xbarParam(v: string): string {
  if (/["|\n]/.test(v)) throw new Error(`cannot pass ${JSON.stringify(v)} to xbar`);
  return /\s/.test(v) ? `"${v}"` : v;
}

/** An xbar/SwiftBar menu item that runs a command (argv[0] is the program). */
export function xbarCommand(
  label: string,
  argv: readonly string[],
  extra = 'terminal=false refresh=true',
): string {
  const [program, ...params] = argv;
  const ps = params.map((p, n) => `param${n + 1}=${xbarParam(p)}`).join(' ');
  return `${label} | shell=${xbarParam(program!)} ${ps} ${extra}`.replace(/\s+/g, ' ').trim();
}

/**
 * How xbar menu items act: run this CLI again (`self`: node and the launcher script) with the same
 * source flags, or not at all, with the reason shown in the menu. They run in a fresh process
 * without the plugin's environment, so a token from PAGERDUTY_TOKEN would not reach them (and the
 * demo's simulator lives only in this run): acting would quietly hit another source.
 */
export type XbarActions =
  { self: readonly string[]; sourceArgs: readonly string[] } | { unavailable: string };

/**
 * xbar / SwiftBar plugin output: the bar line, then a menu listing the open pages, each triggered
 * one with an Acknowledge item that runs `<self> ack <id>` with the same source flags.
 */
export function formatXbar(s: CompanionSnapshot, now: number, actions: XbarActions): string {
  const b = summarize(s, now);
  const cls = barClass(b);
  const colour: Record<BarClass, string> = {
    paging: 'red',
    acked: 'orange',
    error: 'purple',
    'on-call': 'green',
    'off-call': 'gray',
  };
  const title = b.open === 0 ? (b.onCall ? '● on call' : '○ off call') : `● ${b.unacked}/${b.open}`;
  const lines = [`${title}${b.problem ? ' !' : ''} | color=${colour[cls]}`, '---', xbarText(lineText(b))];
  if (b.problem) lines.push(`${xbarText(b.problem)} | color=purple`);
  const rows = ordered(s);
  const run =
    'self' in actions ? (args: string[]) => [...actions.self, ...args, ...actions.sourceArgs] : null;
  if (rows.length) lines.push('---');
  if (rows.length && !run)
    lines.push(
      `${xbarText(`No actions here: ${'unavailable' in actions ? actions.unavailable : ''}`)} | color=gray`,
    );
  for (const i of rows) {
    lines.push(`${xbarText(incidentRow(i, now))}${i.status === 'triggered' ? ' | color=red' : ''}`);
    if (run && i.status === 'triggered') lines.push(xbarCommand('--Acknowledge', run(['ack', i.id])));
    if (run) lines.push(xbarCommand('--Resolve', run(['resolve', i.id])));
    // An untrusted link goes in only when it cannot break out of its parameter.
    if (i.htmlUrl && /^https:\/\/[^\s"|]+$/.test(i.htmlUrl))
      lines.push(`--Open in PagerDuty | href=${i.htmlUrl}`);
  }
  const mine = rows.filter((i) => i.status === 'triggered');
  if (run && mine.length > 1) lines.push('---', xbarCommand('Acknowledge all mine', run(['ack', '--mine'])));
  lines.push('---', 'Refresh | refresh=true');
  return lines.join('\n');
}

/** What a bar shows when the status could not be read at all (one line of reason). */
export function formatBarFailure(format: 'line' | 'waybar' | 'xbar', reason: string): string {
  const r = safe(reason, 300);
  if (format === 'waybar')
    return JSON.stringify({ text: 'pager !', tooltip: r, class: 'error', alt: 'error' });
  if (format === 'xbar')
    return ['pager ! | color=purple', '---', xbarText(r), 'Refresh | refresh=true'].join('\n');
  return `pager: ${r}`;
}
