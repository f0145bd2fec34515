/**
 * The benchmark's sections: each measures some metrics and may declare checks against the issue's
 * thresholds. To add a bench (renderer, history...), write a `BenchSection` in its own file and add
 * it to `BENCH_SECTIONS` below; `npm run bench` prints its metrics and checks with the rest.
 */
import { detectionSection } from './detection.js';
import { historySection } from './history.js';
import { pollCostSection } from './poll-cost.js';
import { rendererSection } from './renderer.js';
import { requestBudgetSection } from './request-budget.js';
import { rendererHeapSection } from './renderer-heap.js';
import { steadyStateSection } from './steady-state.js';
import { teamSection } from './team.js';

/** Metrics by name (null when not measurable here). */
export type Metrics = Record<string, number | null>;

/** What a section gets. */
export interface BenchContext {
  /** A shorter run for development (`--quick`): fewer samples, same metrics. */
  quick: boolean;
  /** Progress to stderr (stdout is for the result). */
  log(message: string): void;
}

/** A threshold on one metric; `limit` may depend on other metrics (e.g. the poll interval). */
export interface BenchCheck {
  metric: string;
  /** Human form of the threshold, e.g. "<= 1.1 x poll_interval_ms + 300". */
  rule: string;
  limit(all: Metrics): number | null;
}

/** One part of the benchmark. */
export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<Metrics>;
  checks?: BenchCheck[];
}

/** Every section, in run order. Append new sections here. */
export const BENCH_SECTIONS: BenchSection[] = [
  steadyStateSection,
  requestBudgetSection,
  pollCostSection,
  detectionSection,
  historySection,
  rendererSection,
  rendererHeapSection,
  teamSection,
];
