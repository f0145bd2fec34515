/**
 * `oncall-companion shifts` (the roster: text, JSON or iCalendar) and `oncall-companion override`
 * (one schedule override, checked before it is sent).
 */
import { systemTimeZone } from '../../core/history/local-time.js';
import { groupByDay, clockTime, dayLabel } from '../../core/shifts/days.js';
import { rosterToIcs } from '../../core/shifts/ics.js';
import { loadRoster, type Roster } from '../../core/shifts/roster.js';
import { TradeError } from '../../core/shifts/trade.js';
import type { OverrideCommand, ShiftsCommand } from '../shift-args.js';
import { CliError } from '../errors.js';
import { safe } from '../format.js';
import {
  firstSync,
  openFromFlags,
  tapEvents,
  unlessStopped,
  withSource,
  type CliContext,
} from '../session.js';
import type { OpenedSource } from '../../node/source.js';
import type { UserRef } from '../../core/domain.js';

const SYNC_WAIT_MS = 30_000;

/** Opens the source, syncs once, and runs `fn` with who I am. */
async function withMe<T>(
  cmd: string,
  source: ShiftsCommand['source'],
  ctx: CliContext,
  demo: { scenario?: ShiftsCommand['scenario']; speed?: number | null },
  fn: (opened: OpenedSource, me: UserRef) => Promise<T>,
): Promise<T> {
  const opened = await openFromFlags(cmd, source, ctx, demo);
  return withSource(opened, async () => {
    const tap = tapEvents(opened.companion);
    try {
      await opened.companion.start();
      await unlessStopped(ctx, firstSync(opened.companion, tap, { strict: true, timeoutMs: SYNC_WAIT_MS }));
      const user = opened.companion.snapshot().me;
      if (!user) throw new CliError('connected, but PagerDuty did not say who you are: try again');
      return await fn(opened, { id: user.id, summary: user.name, email: user.email });
    } finally {
      tap.close();
    }
  });
}

/** The roster as text lines. */
export function rosterText(roster: Roster, zone: string, scheduleZone: boolean): string[] {
  const out = [
    `Shifts of ${safe(roster.me.summary)} for the next ${roster.days} days (times in ${scheduleZone ? "each schedule's zone" : zone}):`,
  ];
  for (const day of groupByDay(roster, zone, scheduleZone)) {
    out.push(day.label);
    if (day.items.length === 0) out.push('  -');
    for (const it of day.items) {
      const s = it.shift;
      const later = it.endsDaysLater > 0 ? ` (+${it.endsDaysLater}d)` : '';
      const where = s.schedule ? safe(s.schedule.summary) : 'direct';
      const parts = [
        `  ${it.start}-${it.end}${later} ${it.zoneLabel} (${it.length})`,
        where,
        `${safe(s.escalationPolicy.summary)} level ${s.level}`,
      ];
      if (s.takesOverFrom) parts.push(`from ${safe(s.takesOverFrom.summary)}`);
      if (s.handsOverTo) parts.push(`to ${safe(s.handsOverTo.summary)}`);
      if (s.fromOverride) parts.push('override');
      out.push(parts.join(' · '));
    }
  }
  for (const st of roster.standing)
    out.push(`Always on call: ${safe(st.escalationPolicy.summary)} level ${st.level}`);
  for (const sch of roster.schedules) {
    const next = sch.next
      ? `; next ${safe(sch.next.user.summary)} from ${dayLabel(Date.parse(sch.next.start), zone)} ${clockTime(Date.parse(sch.next.start), zone)}`
      : '';
    out.push(`${safe(sch.name)}: on call now ${sch.onNow ? safe(sch.onNow.summary) : 'nobody'}${next}`);
  }
  for (const p of roster.problems) out.push(`Could not read ${safe(p, 300)}`);
  // Trades in the queue (PagerDuty has not answered yet); they are sent by the next run too.
  for (const t of roster.pendingTrades) {
    const when = (iso: string): string =>
      `${dayLabel(Date.parse(iso), zone)} ${clockTime(Date.parse(iso), zone)}`;
    const why = t.lastError ? ` (tried ${t.attempts}: ${safe(t.lastError, 200)})` : '';
    out.push(
      `Waiting to be sent: ${safe(t.user.summary)} on ${safe(t.schedule.summary)} from ${when(t.start)} to ${when(t.end)}${why}`,
    );
  }
  return out;
}

/** Run `shifts`; resolves with the exit code. */
export async function runShifts(cmd: ShiftsCommand, ctx: CliContext): Promise<number> {
  return withMe(
    'shifts',
    cmd.source,
    ctx,
    { scenario: cmd.scenario, speed: cmd.speed },
    async (opened, me) => {
      const roster = await unlessStopped(
        ctx,
        loadRoster(
          { ...opened.schedules, listOncalls: opened.api.listOncalls.bind(opened.api) },
          me,
          Date.now(),
          cmd.days,
        ),
      );
      if (cmd.format === 'json') ctx.out(JSON.stringify({ type: 'roster', ...roster }));
      else if (cmd.format === 'ics') ctx.out(rosterToIcs(roster).trimEnd());
      else for (const line of rosterText(roster, systemTimeZone(), cmd.scheduleZone)) ctx.out(line);
      return 0;
    },
  );
}

/** Run `override`; resolves with the exit code. */
export async function runOverride(cmd: OverrideCommand, ctx: CliContext): Promise<number> {
  return withMe('override', cmd.source, ctx, {}, async (opened, me) => {
    const userId = cmd.user === 'me' ? me.id : cmd.user;
    try {
      const r = await unlessStopped(
        ctx,
        opened.companion.trade({
          kind: 'override',
          scheduleId: cmd.scheduleId,
          userId,
          start: new Date(cmd.start).toISOString(),
          end: new Date(cmd.end).toISOString(),
        }),
      );
      const o = r.override;
      if (cmd.json)
        ctx.out(
          JSON.stringify({ type: 'override', scheduleId: cmd.scheduleId, queued: r.queued, override: o }),
        );
      else
        ctx.out(
          r.queued
            ? `Override queued on ${safe(cmd.scheduleId)} (PagerDuty has not answered): it is saved and sent on the next run`
            : `Override on ${safe(cmd.scheduleId)}: ${safe(o.user.summary)} from ${o.start} to ${o.end}`,
        );
      return r.queued ? 1 : 0;
    } catch (e) {
      if (e instanceof TradeError) throw new CliError(e.message);
      throw e;
    }
  });
}
