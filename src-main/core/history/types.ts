/**
 * Shift history and load metrics: the records kept per page and the numbers computed from them.
 */
import type { Urgency } from '../domain.js';

/** One page (incident) as the history keeps it. Times are epoch ms. */
export interface PageRecord {
  incidentId: string;
  number: number;
  title: string;
  serviceId: string;
  serviceName: string;
  urgency: Urgency;
  triggeredAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedByMe: boolean | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** Triggered inside the off-hours window (local time). */
  offHours: boolean;
  weekend: boolean;
}

/** A time range, epoch ms, end exclusive. */
export interface TimeRange {
  since: number;
  until: number;
}

/** Load numbers over a range. Durations in ms; null when there is nothing to measure. */
export interface LoadMetrics {
  range: TimeRange;
  pages: number;
  pagesPerDay: number;
  highUrgency: number;
  timeToAckMedianMs: number | null;
  timeToAckP90Ms: number | null;
  timeToResolveMedianMs: number | null;
  offHoursInterruptions: number;
  weekendPages: number;
  /** Share (0..1) of acknowledged pages acknowledged by me. */
  ackedByMeShare: number | null;
  noisiestServices: Array<{ serviceId: string; serviceName: string; pages: number }>;
  /** Pages by [day of week 0=Sunday][hour 0..23], local time. */
  heatmap: number[][];
  /** Time to acknowledge per day: ISO date and median ms. */
  ackTrend: Array<{ day: string; medianMs: number | null; pages: number }>;
}

/** Which period a report covers. */
export type ReportPeriod =
  { kind: 'current' } | { kind: 'last' } | { kind: 'range'; since: number; until: number };

/** A handoff report. */
export interface HandoffReport {
  generatedAt: number;
  range: TimeRange;
  title: string;
  metrics: LoadMetrics;
  open: Array<{ incidentId: string; title: string; serviceName: string; urgency: Urgency; status: string }>;
  pages: PageRecord[];
  checklists: Array<{ incidentId: string; serviceName: string; done: string[]; pending: string[] }>;
  notes: Array<{ incidentId: string; content: string; at: number }>;
  markdown: string;
}

/** The runbook of an incident's service with this incident's ticked steps. */
export interface RunbookView {
  incidentId: string;
  serviceId: string;
  url: string | null;
  steps: Array<{ text: string; done: boolean }>;
  /** https links found in the incident's first alert, offered as runbook candidates. */
  candidates: string[];
  /** Why the shared runbook file could not be used, naming the line; null when fine. */
  sourceError: string | null;
}
