/**
 * The Team view's plots, drawn with uPlot (canvas; ~50 kB; see ARCHITECTURE.md for the choice):
 * weekly trend lines with the budget as a dashed line, pages per week stacked by service with the
 * per-service budget, and the heat map of pages by hour and weekday (the Load view's HTML table, so
 * screen readers can read it).
 */
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TeamLoad } from '../../../src-main/shared/types';
import { Heatmap } from './load-charts';

const PALETTE = ['#1f4fbf', '#b42318', '#1c6e37', '#8a4b00', '#6b3fa0', '#0f766e', '#9d174d', '#4b5563'];
const BUDGET = '#a3231a';

/** A uPlot chart that follows its container's width. */
export function UPlotChart(props: {
  label: string;
  opts: Omit<Options, 'width' | 'height'>;
  data: AlignedData;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { opts, data, height = 220, label } = props;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(240, Math.floor(el.clientWidth));
    const plot = new uPlot({ ...opts, width: width(), height }, data, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [opts, data, height]);
  return <div className="team-chart" ref={box} role="img" aria-label={label} />;
}

const weekAxis = (labels: string[]): uPlot.Axis => ({
  values: (_u, splits) => splits.map((i) => labels[Math.round(i)]?.slice(5) ?? ''),
  splits: () => labels.map((_, i) => i),
});

/** One key number per week as a line, with its budget as a dashed line. */
export function TrendChart(props: {
  load: TeamLoad;
  title: string;
  value: (w: TeamLoad['weeks'][number]) => number | null;
  budget: number | null;
  unit: string;
}) {
  const { load, value, budget, unit, title } = props;
  const labels = load.weeks.map((w) => w.week);
  const xs = labels.map((_, i) => i);
  const ys = load.weeks.map((w) => value(w));
  const series: uPlot.Series[] = [
    { label: 'Week', value: (_u, v) => labels[v] ?? '' },
    { label: title, stroke: PALETTE[0], width: 2, points: { show: true, size: 6 } },
  ];
  const data: Array<Array<number | null>> = [xs, ys];
  if (budget !== null) {
    series.push({
      label: 'Budget',
      stroke: BUDGET,
      width: 2,
      dash: [6, 4],
      points: { show: false },
      class: 'budget-line',
    } as uPlot.Series);
    data.push(xs.map(() => budget));
  }
  const opts: Omit<Options, 'width' | 'height'> = {
    scales: {
      x: { time: false },
      y: { range: (_u, _min, max) => [0, Math.max(1, max, budget ?? 0) * 1.15] },
    },
    axes: [weekAxis(labels), { label: unit, size: 50 }],
    series,
    legend: { show: true },
  };
  return (
    <UPlotChart
      label={`${title} per week${budget !== null ? `, budget ${budget}` : ''}`}
      opts={opts}
      data={data as AlignedData}
    />
  );
}

/** Pages per week stacked by service, with the per-service budget as a dashed line. */
export function ServiceStackChart({ load, budget }: { load: TeamLoad; budget: number | null }) {
  const labels = load.weeks.map((w) => w.week);
  const xs = labels.map((_, i) => i);
  const names = [...new Set(load.weeks.flatMap((w) => w.services.map((s) => s.serviceName)))].sort();
  // Cumulative sums, drawn tallest first so each service shows as its band of the stack.
  const cum = names.map((_, k) =>
    load.weeks.map((w) =>
      names
        .slice(0, k + 1)
        .reduce((a, n) => a + (w.services.find((s) => s.serviceName === n)?.pages ?? 0), 0),
    ),
  );
  const bars = uPlot.paths.bars!({ size: [0.6, 60] });
  const series: uPlot.Series[] = [{ label: 'Week', value: (_u, v) => labels[v] ?? '' }];
  const data: Array<Array<number | null>> = [xs];
  for (let k = names.length - 1; k >= 0; k--) {
    series.push({
      label: names[k]!,
      fill: PALETTE[k % PALETTE.length]!,
      stroke: PALETTE[k % PALETTE.length]!,
      paths: bars,
      points: { show: false },
    });
    data.push(cum[k]!);
  }
  if (budget !== null) {
    series.push({
      label: 'Budget per service',
      stroke: BUDGET,
      width: 2,
      dash: [6, 4],
      points: { show: false },
    });
    data.push(xs.map(() => budget));
  }
  const opts: Omit<Options, 'width' | 'height'> = {
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    axes: [weekAxis(labels), { label: 'pages', size: 50 }],
    series,
  };
  return (
    <UPlotChart
      label="Pages per week stacked by service"
      opts={opts}
      data={data as AlignedData}
      height={240}
    />
  );
}

/** Pages by hour (columns) and weekday (rows, Monday first) over the range, team time. */
export function TeamHeatmap({ load }: { load: TeamLoad }) {
  // The load's heat maps are Monday first; the shared heat map takes Sunday first.
  const sundayFirst = [6, 0, 1, 2, 3, 4, 5].map((d) =>
    Array.from({ length: 24 }, (_, h) => load.weeks.reduce((a, w) => a + (w.heatmap[d]?.[h] ?? 0), 0)),
  );
  return <Heatmap heatmap={sundayFirst} mondayFirst />;
}
