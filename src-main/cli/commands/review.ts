/**
 * `oncall-companion review [--team T] [--week last|YYYY-Www] [--format md|csv|json]`: the weekly
 * operations review for the planning meeting: the week's numbers against the budget, the services over
 * budget with their top repeat offenders and a suggested action, and who carried the load.
 */
import { buildReview, reviewMarkdown } from '../../core/team/review.js';
import { reviewCsv } from '../../core/team/review-csv.js';
import { lastCompleteWeeks, parseWeekLabel, weekSpan } from '../../core/team/weeks.js';
import type { CliCommand } from '../args.js';
import { UsageError } from '../args.js';
import type { CliContext } from '../session.js';
import { teamLoad } from './team-data.js';

type ReviewCommand = Extract<CliCommand, { name: 'review' }>;

/** Run `review`; resolves with the exit code. */
export async function runReview(cmd: ReviewCommand, ctx: CliContext): Promise<number> {
  const { load } = await teamLoad('review', cmd, ctx, (tz, now) => {
    if (cmd.week === 'last') return lastCompleteWeeks(now, 1, tz);
    const monday = parseWeekLabel(cmd.week);
    if (monday === null) throw new UsageError(`${cmd.week} is not a week of that year`, 'review');
    const span = weekSpan(monday, tz);
    if (span.since > now) throw new UsageError(`week ${cmd.week} has not started yet`, 'review');
    return [span];
  });
  const review = buildReview(load);
  if (cmd.format === 'json') ctx.out(JSON.stringify(review));
  else if (cmd.format === 'csv') ctx.out(reviewCsv(review).trimEnd());
  else ctx.out(reviewMarkdown(review).trimEnd());
  return 0;
}
