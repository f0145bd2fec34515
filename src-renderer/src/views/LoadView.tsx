/**
 * The Load tab: the numbers of the current shift (or the last 7 / 30 days) as tiles, a heat map of
 * pages by hour and weekday, time to acknowledge over time, the noisiest services, and a button that
 * copies the handoff report's Markdown.
 */
import { useEffect, useState } from 'react';
import type { OncallApi } from '../../../src-main/ipc/contract';
import type { LoadMetrics } from '../../../src-main/shared/types';
import { AckTrendChart, Heatmap, LoadTiles, ServiceBars } from './load-charts';
import { LOAD_RANGES, metricsArg, reportArg, type LoadRange } from './load-format';
import { dateAndTime } from '../store/datetime';
import './load.css';

/** Props of the Load view. */
export interface LoadViewProps {
  api: Pick<OncallApi, 'getMetrics' | 'getReport'> & Partial<Pick<OncallApi, 'on'>>;
  /** Wall clock (tests pass a fixed one). */
  now?: () => number;
}

/** Copies text, falling back to a hidden textarea when the async clipboard is refused. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/** The content of the Load view once metrics are in: tiles and plots. */
export function LoadBody({ m }: { m: LoadMetrics }) {
  return (
    <>
      <LoadTiles m={m} />
      <div className="load-grid">
        <section className="load-card load-card-wide" aria-labelledby="load-heat-h">
          <h3 id="load-heat-h">Pages by hour and day</h3>
          <Heatmap heatmap={m.heatmap} />
        </section>
        <section className="load-card" aria-labelledby="load-trend-h">
          <h3 id="load-trend-h">Time to acknowledge over time</h3>
          <AckTrendChart trend={m.ackTrend} />
        </section>
        <section className="load-card" aria-labelledby="load-svc-h">
          <h3 id="load-svc-h">Noisiest services</h3>
          <ServiceBars services={m.noisiestServices} />
        </section>
      </div>
    </>
  );
}

/** The Load view. */
export function LoadView({ api, now = Date.now }: LoadViewProps) {
  const [range, setRange] = useState<LoadRange>('shift');
  const [metrics, setMetrics] = useState<LoadMetrics | null>(null);
  const [error, setError] = useState<{ message: string; unavailable: boolean } | null>(null);
  const [copyState, setCopyState] = useState<{ kind: 'idle' | 'busy' | 'done' | 'failed'; text?: string }>({
    kind: 'idle',
  });
  const [manual, setManual] = useState<string | null>(null);
  /** The last report copied, shown folded so one can check what went to the clipboard. */
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const fetchNow = () => {
      Promise.resolve()
        .then(() => api.getMetrics(metricsArg(range, now())))
        .then((res) => {
          if (!live) return;
          if (res.ok) {
            setMetrics(res.value);
            setError(null);
          } else setError({ message: res.error.message, unavailable: res.error.code === 'unavailable' });
        })
        .catch((e: unknown) => {
          if (live) setError({ message: e instanceof Error ? e.message : String(e), unavailable: false });
        });
    };
    fetchNow();
    const t = setInterval(fetchNow, 60_000);
    // New pages, acks and resolutions change the numbers: refresh shortly after them.
    let soon: ReturnType<typeof setTimeout> | null = null;
    const off = api.on?.('coreEvent', (e) => {
      if (!e.type.startsWith('incident.') || soon) return;
      soon = setTimeout(() => {
        soon = null;
        fetchNow();
      }, 1500);
    });
    return () => {
      live = false;
      clearInterval(t);
      if (soon) clearTimeout(soon);
      off?.();
    };
  }, [api, now, range]);

  const copyReport = async () => {
    setCopyState({ kind: 'busy' });
    setManual(null);
    try {
      const res = await api.getReport(reportArg(range, now()));
      if (!res.ok) {
        setCopyState({ kind: 'failed', text: res.error.message });
        return;
      }
      if (await copyText(res.value.markdown)) {
        setCopied(res.value.markdown);
        setCopyState({ kind: 'done', text: 'Handoff report copied as Markdown.' });
      } else {
        setCopied(null);
        setManual(res.value.markdown);
        setCopyState({ kind: 'failed', text: 'Copying was refused; select the report below and copy it.' });
      }
    } catch (e) {
      setCopyState({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const label = LOAD_RANGES.find((r) => r.id === range)?.label ?? '';
  return (
    <section className="load-view" aria-labelledby="load-title">
      <header className="load-head">
        <h2 id="load-title">Load</h2>
        <div className="load-range" role="group" aria-label="Range">
          {LOAD_RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              className={`btn btn-small${r.id === range ? ' is-on' : ''}`}
              aria-pressed={r.id === range}
              onClick={() => setRange(r.id)}
            >
              {r.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-primary load-copy"
          onClick={() => void copyReport()}
          disabled={copyState.kind === 'busy'}
        >
          Copy handoff report
        </button>
      </header>
      <p className="load-status" role="status" aria-live="polite">
        {copyState.kind === 'done' || copyState.kind === 'failed' ? copyState.text : ''}
      </p>
      {manual !== null ? (
        <textarea
          className="load-manual"
          aria-label="Handoff report (Markdown)"
          readOnly
          value={manual}
          rows={12}
        />
      ) : null}
      {copied !== null && manual === null ? (
        <details className="load-copied">
          <summary>Show the copied report</summary>
          <pre className="load-copied-text" dir="auto" aria-label="Copied handoff report (Markdown)">
            {copied}
          </pre>
        </details>
      ) : null}
      {error?.unavailable ? (
        // No history here (e.g. a preview without one): a plain note, not an alarm.
        <p className="muted load-note">{error.message}</p>
      ) : error ? (
        <p className="load-error" role="alert">
          Could not load the numbers: {error.message}
        </p>
      ) : null}
      {metrics ? (
        <>
          <p className="muted load-range-text">
            {range === 'shift' && metrics.range.until - metrics.range.since === 7 * 86_400_000 + 1
              ? 'Not on call now; the last 7 days'
              : label}
            : {dateAndTime(metrics.range.since)} – {dateAndTime(Math.min(metrics.range.until, now()))}
          </p>
          <LoadBody m={metrics} />
        </>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

export default LoadView;
