/**
 * The app's charts: one React wrapper over uPlot (canvas, ~50 kB; see ARCHITECTURE.md for the
 * choice) that follows its container's width and the page's colours (light or dark), and the text
 * equivalent every chart carries: a table of the same numbers under a disclosure, since a canvas
 * says nothing to a screen reader beyond its label.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The colours a chart draws its axes with, from the page (so dark mode reads). */
function ink(el: HTMLElement): { text: string; grid: string } {
  const css = getComputedStyle(el);
  return {
    text: css.getPropertyValue('--muted').trim() || css.color || '#59626e',
    grid: css.getPropertyValue('--border').trim() || '#d9dde3',
  };
}

/** A uPlot chart that follows its container's width; `label` names it for assistive technology. */
export function UPlotChart(props: {
  label: string;
  opts: Omit<Options, 'width' | 'height'>;
  data: AlignedData;
  height?: number;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { opts, data, height = 220, label } = props;
  // Redrawn when the OS switches light/dark: the canvas's colours are read when it is drawn.
  const [scheme, setScheme] = useState(0);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const flip = () => setScheme((n) => n + 1);
    mq.addEventListener('change', flip);
    return () => mq.removeEventListener('change', flip);
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { text, grid } = ink(el);
    const axes = (opts.axes ?? [{}, {}]).map((a) => ({
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      ...a,
    }));
    // Never wider than the box: at side-panel width (420 px) the chart shrinks with the card.
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const plot = new uPlot({ ...opts, axes, width: width(), height }, data, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [opts, data, height, scheme]);
  return <div className={props.className ?? 'team-chart'} ref={box} role="img" aria-label={label} />;
}

/** The numbers of a chart as a table, folded under a disclosure below it. */
export function ChartTable(props: { caption: string; head: string[]; rows: Array<Array<ReactNode>> }) {
  return (
    <details className="chart-data">
      <summary>{props.caption}: the numbers</summary>
      <table className="team-table">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
