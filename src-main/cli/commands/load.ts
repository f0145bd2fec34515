/**
 * `oncall-companion load [--team T] [--weeks N] [--end-week YYYY-Www] [--format md|csv|json]`: the team's operational load
 * per week over the last N complete weeks (default 8), rated against the budget, with the trend
 * against the 4 weeks before each. JSON is the TeamLoad object (plus the Analytics cross-check).
 */
import { loadMarkdown } from '../../core/team/review.js';
import { loadCsv } from '../../core/team/review-csv.js';
import { lastCompleteWeeks, parseWeekLabel, weeksEndingAt } from '../../core/team/weeks.js';
import { UsageError } from '../args.js';
import type { CliCommand } from '../args.js';
import type { CliContext } from '../session.js';
import { teamLoad } from './team-data.js';

type LoadCommand = Extract<CliCommand, { name: 'load' }>;

/** Run `load`; resolves with the exit code. */
export async function runLoad(cmd: LoadCommand, ctx: CliContext): Promise<number> {
  const { load, crossCheck } = await teamLoad('load', cmd, ctx, (tz, now) => {
    if (cmd.endWeek === null) return lastCompleteWeeks(now, cmd.weeks, tz);
    const monday = parseWeekLabel(cmd.endWeek);
    if (monday === null) throw new UsageError(`${cmd.endWeek} is not a week of that year`, 'load');
    return weeksEndingAt(monday, cmd.weeks, tz);
  });
  if (cmd.format === 'json') ctx.out(JSON.stringify({ ...load, crossCheck }));
  else if (cmd.format === 'csv') ctx.out(loadCsv(load).trimEnd());
  else ctx.out(loadMarkdown(load).trimEnd());
  return 0;
}
