/**
 * The Load view's pictures: number tiles, the hour x weekday heat map (a table, readable by screen
 * readers), the time-to-acknowledge line chart (inline SVG) and the noisiest services as bars.
 */
import type { LoadMetrics } from '../../../src-main/shared/types';
import { DAY_NAMES, fmtDuration, fmtShare, heatLevel, heatMax, trendSegments } from './load-format';

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

/** Median time to acknowledge per day as a line. */
export function AckTrendChart({ trend }: { trend: LoadMetrics['ackTrend'] }) {
  const W = 560;
  const H = 120;
  const { segments, maxMs } = trendSegments(trend, W, H);
  const first = trend[0]?.day ?? '';
  const last = trend[trend.length - 1]?.day ?? '';
  const mid = trend.length > 2 ? (trend[Math.floor((trend.length - 1) / 2)]?.day ?? '') : '';
  const measured = trend.filter((d) => d.medianMs !== null);
  const label = measured.length
    ? `Median time to acknowledge per day from ${first} to ${last}; highest ${fmtDuration(maxMs)}.`
    : 'No acknowledgements in this range.';
  // Dots while they can be told apart; past that the line alone reads better (500 days).
  const dots = measured.length <= 60;
  return (
    <figure className="trend">
      <div className="trend-plot">
        <div className="trend-y muted" aria-hidden="true">
          <span>{fmtDuration(maxMs || null)}</span>
          <span>{maxMs ? fmtDuration(Math.round(maxMs / 2)) : ''}</span>
          <span>0</span>
        </div>
        <svg viewBox={`-4 -6 ${W + 8} ${H + 12}`} role="img" aria-label={label} preserveAspectRatio="none">
          <line x1={0} y1={0} x2={W} y2={0} className="trend-grid" />
          <line x1={0} y1={H / 2} x2={W} y2={H / 2} className="trend-grid" />
          <line x1={0} y1={0} x2={0} y2={H} className="trend-axis" />
          <line x1={0} y1={H} x2={W} y2={H} className="trend-axis" />
          {segments.map((seg, i) =>
            seg.length === 1 ? null : (
              <polyline key={i} points={seg.map((p) => `${p.x},${p.y}`).join(' ')} className="trend-line" />
            ),
          )}
          {segments.flatMap((seg, i) =>
            seg.length === 1 || dots
              ? // A zero-length round-capped line stays a round dot however the plot is stretched.
                seg.map((p, j) => (
                  <line key={`${i}-${j}`} x1={p.x} y1={p.y} x2={p.x} y2={p.y} className="trend-dot" />
                ))
              : [],
          )}
        </svg>
      </div>
      <figcaption className="trend-x muted">
        <span>{first}</span>
        {mid ? <span>{mid}</span> : null}
        <span>{last}</span>
      </figcaption>
      <p className="sr-only">
        Vertical axis: median time to acknowledge per day, from 0 up. Horizontal axis: day.
      </p>
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
