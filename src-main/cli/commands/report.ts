/**
 * `oncall-companion report`: prints the handoff report (Markdown, or the HandoffReport object as JSON)
 * of the current or last shift, or of a date range.
 *
 * PagerDuty: the history recorded in the source's data folder, after one sync so that the open
 * incidents and the current shift are known. Demo (no token): the demo's history lives only during a
 * run, so the command plays the demo shift at high speed (`--speed`, default 300: about 8 s), records
 * it like `watch` would, and reports on it.
 */
import type { Companion } from '../../core/companion-types.js';
import type { HandoffReport } from '../../core/history/types.js';
import type { CliCommand } from '../args.js';
import { openSourceHistory } from '../history.js';
import {
  firstSync,
  openWithToken,
  readToken,
  tapEvents,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';

type ReportCommand = Extract<CliCommand, { name: 'report' }>;

const SYNC_WAIT_MS = 30_000;
const ONCALL_WAIT_MS = 10_000;
/** Default speed of the demo shift the report plays. */
export const DEMO_REPORT_SPEED = 300;
/** Longest the demo shift is played, whatever the speed. */
const DEMO_MAX_MS = 120_000;

/** Run `report`; resolves with the exit code. */
export async function runReport(cmd: ReportCommand, ctx: CliContext): Promise<number> {
  const token = await readToken('report', cmd.source, ctx.env, ctx.logger);
  const demo = token === null;
  const speed = cmd.speed ?? DEMO_REPORT_SPEED;
  const scenario = cmd.scenario ?? 'demo';
  const source = demo
    ? { ...cmd.source, pollIntervalSeconds: cmd.source.pollIntervalSeconds ?? 2 }
    : cmd.source;
  const opened = await openWithToken(
    'report',
    token,
    source,
    ctx,
    demo ? { scenario, speed } : { scenario: cmd.scenario, speed: cmd.speed },
  );
  return withSource(opened, async () => {
    const { companion } = opened;
    const history = await openSourceHistory(opened, { logger: ctx.logger });
    const detach = history.service.attach(companion);
    const tap = tapEvents(companion);
    try {
      await companion.start();
      await unlessStopped(ctx, firstSync(companion, tap, { strict: true, timeoutMs: SYNC_WAIT_MS }));
      await unlessStopped(ctx, onCallKnown(companion));
      if (demo && opened.simulator) {
        // --shift last plays the demo shift to its end (the handoff), so that it is the last shift.
        const toEnd = cmd.period.kind === 'last' && scenario === 'demo';
        const untilHandoff = opened.simulator.handoffAt - Date.now();
        const playMs = toEnd ? Math.max(0, untilHandoff) : demoPlayMs(scenario, speed, untilHandoff);
        ctx.err(
          `oncall-companion: no PagerDuty token, so this reports on a demo shift: the demo's history lives ` +
            `only during a run, so the ${scenario} scenario plays now at ${speed}x for about ` +
            `${Math.max(1, Math.round(playMs / 1000))} s (set PAGERDUTY_TOKEN or --token-file to report on ` +
            'your own history)\n',
        );
        if (toEnd) {
          await unlessStopped(
            ctx,
            tap.waitFor((e) => e.type === 'shift.ended', playMs + 30_000),
          );
        } else {
          await unlessStopped(ctx, sleep(playMs));
          // One last poll so that what happened meanwhile is recorded.
          await unlessStopped(ctx, companion.syncNow());
        }
      }
      await history.service.flush();
      if (!demo && history.service.records().length === 0) {
        ctx.err(
          'oncall-companion: no history recorded for this source yet: run oncall-companion watch to record ' +
            'your shifts, or backfill --since 7d to fill it from PagerDuty\n',
        );
      }
      const report = await history.service.getReport(cmd.period);
      printReport(ctx, cmd.format, report);
      return 0;
    } finally {
      tap.close();
      detach();
      await history.close();
    }
  });
}

/** Print a report: its Markdown, or the HandoffReport object as one JSON line. */
export function printReport(ctx: CliContext, format: 'md' | 'json', report: HandoffReport): void {
  if (format === 'json') ctx.out(JSON.stringify(report));
  else ctx.out(report.markdown.trimEnd());
}

/**
 * Real time the demo report plays: the demo shift up to shortly before its handoff (so that it is
 * still the current shift when reported), a storm until it is over, nothing for the quiet ones.
 */
export function demoPlayMs(scenario: string, speed: number, untilHandoffMs: number): number {
  let ms = 0;
  if (scenario === 'demo') ms = untilHandoffMs - Math.max(60_000 / speed, 1_500);
  else if (scenario === 'storm') ms = 12_000 / speed;
  return Math.max(0, Math.min(DEMO_MAX_MS, ms));
}

/** Wait (briefly) until the on-call entries and "me" are known, so the current shift is right. */
async function onCallKnown(companion: Companion): Promise<void> {
  const end = Date.now() + ONCALL_WAIT_MS;
  while (Date.now() < end) {
    const s = companion.snapshot();
    if (s.shifts.fetchedAt !== null && s.me !== null) return;
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
