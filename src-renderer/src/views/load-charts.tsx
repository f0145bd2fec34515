/**
 * The Load view's pictures: number tiles, the hour x weekday heat map (a table, readable by screen
 * readers), the time-to-acknowledge line chart (uPlot, like the Team view's, with its days as a
 * table) and the noisiest services as bars (HTML, their numbers as text).
 */
import { useMemo } from 'react';
import type { AlignedData, Options } from 'uplot';
import type { LoadMetrics } from '../../../src-main/shared/types';
import { DAY_NAMES, fmtDuration, fmtShare, heatLevel, heatMax } from './load-format';
import { ChartTable, UPlotChart } from './uplot-chart';

/** The headline numbers as tiles. */
export function LoadTiles({ m }: { m: LoadMetrics }) {
  const tiles: Array<[string, string, string?]> = [
    ['Pages', String(m.pages), `${m.highUrgency} high urgency`],
    ['Pages per day', m.pagesPerDay.toFixed(1)],
    ['Time to acknowledge', fmtDuration(m.timeToAckMedianMs), `p90 ${fmtDuration(m.timeToAckP90Ms)}`],
    ['Time to resolve', fmtDuration(m.timeToResolveMedianMs), 'median'],
    ['Off-hours interruptions', String(m.offHoursInterruptions)],
    ['Weekend pages', String(m.weekendPages)],
    ['Acknowledged by me', fmtShare(m.ackedByMeShare)],
  ];
  return (
    <ul className="load-tiles" aria-label="Numbers">
      {tiles.map(([label, value, sub]) => (
        <li key={label} className="load-tile">
          <span className="load-tile-label">{label}</span>
          <span className="load-tile-value">{value}</span>
          {sub ? <span className="load-tile-sub muted">{sub}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Rows of the heat map: Sunday first, or Monday first (ISO weeks, the Team view). */
const SUNDAY_FIRST = [0, 1, 2, 3, 4, 5, 6];
const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

/** Pages by hour of day (columns) and day of week (rows); `heatmap[0]` is Sunday. */
export function Heatmap({ heatmap, mondayFirst = false }: { heatmap: number[][]; mondayFirst?: boolean }) {
  const max = heatMax(heatmap);
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" aria-label="Pages by hour of day and day of week">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Day</span>
            </th>
            {hours.map((h) => (
              <th scope="col" key={h} className="heatmap-hour">
                {h % 3 === 0 ? (
                  String(h).padStart(2, '0')
                ) : (
                  <span className="sr-only">{String(h).padStart(2, '0')}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(mondayFirst ? MONDAY_FIRST : SUNDAY_FIRST).map((d) => {
            const day = DAY_NAMES[d] as string;
            return (
              <tr key={day}>
                <th scope="row">{day}</th>
                {hours.map((h) => {
                  const v = heatmap[d]?.[h] ?? 0;
                  return (
                    <td
                      key={h}
                      className={`heat heat-${heatLevel(v, max)}`}
                      title={`${day} ${String(h).padStart(2, '0')}:00 – ${v} page${v === 1 ? '' : 's'}`}
                    >
                      <span className={v ? 'heat-n' : 'sr-only'}>{v}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="heatmap-legend muted" aria-hidden="true">
        fewer <span className="heat heat-1" /> <span className="heat heat-2" />{' '}
        <span className="heat heat-3" /> <span className="heat heat-4" /> more
      </p>
    </div>
  );
}

/** Label steps of the time axis, in seconds. */
const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400];

/** Median time to acknowledge per day as a line (uPlot), with the days as a table. */
export function AckTrendChart({ trend }: { trend: LoadMetrics['ackTrend'] }) {
  const first = trend[0]?.day ?? '';
  const last = trend[trend.length - 1]?.day ?? '';
  const mid = trend.length > 2 ? (trend[Math.floor((trend.length - 1) / 2)]?.day ?? '') : '';
  const measured = trend.filter((d) => d.medianMs !== null);
  const maxMs = measured.reduce((m, d) => Math.max(m, d.medianMs ?? 0), 0);
  const label = measured.length
    ? `Median time to acknowledge per day from ${first} to ${last}; highest ${fmtDuration(maxMs)}.`
    : 'No acknowledgements in this range.';
  const { opts, data } = useMemo(() => {
    const top = trend.reduce((m, d) => Math.max(m, d.medianMs ?? 0), 0);
    // Dots while they can be told apart; past that the line alone reads better (500 days).
    const withDots = trend.filter((d) => d.medianMs !== null).length <= 60;
    const seconds = (ms: number) => ms / 1000;
    // The step of the labels: the first that needs at most 4 of them up to the highest day.
    const step = STEPS_S.find((sec) => (Math.max(top, 1000) * 1.05) / 1000 / sec <= 4) ?? 86_400;
    const data: AlignedData = [
      trend.map((_, i) => i),
      trend.map((d) => (d.medianMs === null ? null : seconds(d.medianMs))),
    ];
    const opts: Omit<Options, 'width' | 'height'> = {
      scales: {
        // Half a day of margin each side: one day's dot sits in the middle, not on the frame.
        x: { time: false, range: () => [-0.5, trend.length - 0.5] },
        // Up to a whole step above the highest day, so the top line is labelled.
        y: { range: () => [0, Math.ceil((Math.max(top, 1000) * 1.05) / 1000 / step) * step] },
      },
      axes: [
        {
          // Labels on whole days only, at most about six of them.
          splits: () => {
            const step = Math.max(1, Math.ceil(trend.length / 6));
            return trend.map((_, i) => i).filter((i) => i % step === 0);
          },
          values: (_u, splits) => splits.map((i) => trend[Math.round(i)]?.day.slice(5) ?? ''),
        },
        {
          size: 56,
          // Steps of whole seconds, minutes and hours, so no two labels read the same.
          incrs: STEPS_S,
          values: (_u, splits) => splits.map((v) => fmtDuration(v * 1000)),
        },
      ],
      series: [
        { label: 'Day', value: (_u, v) => trend[v]?.day ?? '' },
        {
          label: 'Median time to acknowledge',
          stroke: '#1f4fbf',
          width: 2,
          spanGaps: false,
          points: { show: withDots, size: 6 },
          value: (_u, v) => (v === null ? '–' : fmtDuration(v * 1000)),
        },
      ],
      legend: { show: false },
    };
    return { opts, data };
  }, [trend]);
  return (
    <figure className="trend">
      <UPlotChart className="trend-chart" label={label} opts={opts} data={data} height={160} />
      <figcaption className="trend-x muted">
        <span>{first}</span>
        {mid ? <span>{mid}</span> : null}
        <span>{last}</span>
      </figcaption>
      <ChartTable
        caption="Median time to acknowledge per day"
        head={['Day', 'Median time to acknowledge', 'Pages']}
        rows={measured.map((d) => [d.day, fmtDuration(d.medianMs), d.pages])}
      />
    </figure>
  );
}

/** The noisiest services as horizontal bars. */
export function ServiceBars({ services }: { services: LoadMetrics['noisiestServices'] }) {
  if (!services.length) return <p className="muted">No pages in this range.</p>;
  const max = Math.max(...services.map((s) => s.pages));
  return (
    <ol className="service-bars">
      {services.map((s) => (
        <li key={s.serviceId}>
          <span className="service-bar-name" dir="auto">
            {s.serviceName}
          </span>
          <span className="service-bar-track" aria-hidden="true">
            <span className="service-bar" style={{ width: `${Math.max(2, (s.pages / max) * 100)}%` }} />
          </span>
          <span className="service-bar-n">
            {s.pages} <span className="sr-only">pages</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
