/**
 * The handoff report: open incidents, what happened, the numbers, checklists and notes, as data and
 * as Markdown that pastes cleanly into Slack or Teams (lists, no tables; untrusted text escaped).
 */
import type { HandoffReport, PageRecord, TimeRange } from './types.js';
import type { HistoryNote } from './store.js';
import { computeMetrics, type MetricsOptions } from './metrics.js';
import { formatDuration } from '../../shared/duration.js';
import { stripControl } from '../text.js';

export { formatDuration };

/** What a report is built from. */
export interface ReportInput {
  now: number;
  range: TimeRange;
  /** e.g. "Current shift" or "Last shift". */
  label: string;
  records: readonly PageRecord[];
  open: HandoffReport['open'];
  checklists: HandoffReport['checklists'];
  notes: readonly HistoryNote[];
  metrics?: MetricsOptions;
}

/** Untrusted text made safe for one Markdown list line: one line, markup characters escaped, capped. */
export function mdText(s: string, max = 200): string {
  const one = stripControl(s).replace(/\s+/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/([\\`*_[\]<>|#~])/g, '\\$1').replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

function formatter(timeZone: string | undefined, withDate: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
  });
}

/** Builds the report (metrics and Markdown included). */
export function buildReport(input: ReportInput): HandoffReport {
  const tz = input.metrics?.timeZone;
  const metrics = computeMetrics(input.records, input.range, input.metrics);
  const full = formatter(tz, true);
  const at = (t: number) => full.format(t);
  const pages = input.records
    .filter((r) => r.triggeredAt >= input.range.since && r.triggeredAt < input.range.until)
    .sort((a, b) => a.triggeredAt - b.triggeredAt);
  const notes = input.notes
    .filter((n) => n.at >= input.range.since && n.at < input.range.until)
    .map((n) => ({ incidentId: n.incidentId, content: n.content, at: n.at }))
    .sort((a, b) => a.at - b.at);
  const title = `Handoff report: ${input.label}, ${at(input.range.since)} – ${at(Math.min(input.range.until, input.now))}`;
  const byId = new Map(pages.map((p) => [p.incidentId, p]));
  const label = (id: string) => {
    const p = byId.get(id);
    const o = input.open.find((x) => x.incidentId === id);
    return p ? `#${p.number} ${mdText(p.title, 80)}` : o ? mdText(o.title, 80) : mdText(id, 64);
  };

  const md: string[] = [`## ${mdText(title, 300)}`, ''];

  md.push(`### Open incidents (${input.open.length})`);
  if (!input.open.length) md.push('- None. All clear.');
  for (const o of input.open) {
    const mark = o.status === 'triggered' ? '🔴' : '🟡';
    md.push(
      `- ${mark} ${label(o.incidentId)} · ${mdText(o.serviceName, 80)} · ${o.status}, ${o.urgency} urgency`,
    );
  }
  md.push('');

  md.push(`### What happened (${pages.length} page${pages.length === 1 ? '' : 's'})`);
  if (!pages.length) md.push('- No pages.');
  for (const p of pages.slice(0, 50)) {
    const ack =
      p.acknowledgedAt === null
        ? 'not acknowledged'
        : `acked in ${formatDuration(p.acknowledgedAt - p.triggeredAt)}${p.acknowledgedByMe ? ' by me' : p.acknowledgedBy ? ` by ${mdText(p.acknowledgedBy, 60)}` : ''}`;
    const res =
      p.resolvedAt === null ? 'still open' : `resolved after ${formatDuration(p.resolvedAt - p.triggeredAt)}`;
    const flags = [
      p.urgency === 'high' ? 'high' : 'low',
      p.offHours ? 'off hours' : '',
      p.weekend ? 'weekend' : '',
    ]
      .filter(Boolean)
      .join(', ');
    md.push(
      `- ${at(p.triggeredAt)} · #${p.number} ${mdText(p.title, 80)} · ${mdText(p.serviceName, 60)} (${flags}) · ${ack}, ${res}`,
    );
  }
  if (pages.length > 50) md.push(`- … and ${pages.length - 50} more`);
  md.push('');

  md.push('### The numbers');
  md.push(
    `- Pages: ${metrics.pages} (${metrics.pagesPerDay.toFixed(1)} per day), high urgency: ${metrics.highUrgency}`,
  );
  md.push(
    `- Time to acknowledge: median ${formatDuration(metrics.timeToAckMedianMs)}, p90 ${formatDuration(metrics.timeToAckP90Ms)}`,
  );
  md.push(`- Time to resolve: median ${formatDuration(metrics.timeToResolveMedianMs)}`);
  md.push(
    `- Off-hours interruptions: ${metrics.offHoursInterruptions}, weekend pages: ${metrics.weekendPages}`,
  );
  md.push(
    `- Acknowledged by me: ${metrics.ackedByMeShare === null ? '–' : `${Math.round(metrics.ackedByMeShare * 100)}%`}`,
  );
  if (metrics.noisiestServices.length)
    md.push(
      `- Noisiest services: ${metrics.noisiestServices.map((s) => `${mdText(s.serviceName, 60)} (${s.pages})`).join(', ')}`,
    );
  md.push('');

  if (input.checklists.length) {
    md.push('### Checklists');
    for (const c of input.checklists) {
      const total = c.done.length + c.pending.length;
      md.push(`- ${label(c.incidentId)} · ${mdText(c.serviceName, 60)}: ${c.done.length}/${total} done`);
      for (const d of c.done) md.push(`  - [x] ${mdText(d)}`);
      for (const p of c.pending) md.push(`  - [ ] ${mdText(p)}`);
    }
    md.push('');
  }

  if (notes.length) {
    md.push('### Notes');
    for (const n of notes) md.push(`- ${at(n.at)} · ${label(n.incidentId)}: ${mdText(n.content, 500)}`);
    md.push('');
  }

  return {
    generatedAt: input.now,
    range: { ...input.range },
    title,
    metrics,
    open: input.open,
    pages,
    checklists: input.checklists,
    notes,
    markdown: md.join('\n').trimEnd() + '\n',
  };
}

/** File name of a saved report: `reports/YYYY-MM-DD-HHmm.md` of the range end, local time. */
export function reportFileName(range: TimeRange, now: number, timeZone?: string): string {
  const t = Math.min(range.until, now);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  return `reports/${parts.year}-${parts.month}-${parts.day}-${parts.hour}${parts.minute}.md`;
}
