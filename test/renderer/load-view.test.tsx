import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LoadBody } from '../../src-renderer/src/views/LoadView';
import { AckTrendChart } from '../../src-renderer/src/views/load-charts';
import { ChecklistBody, isHttpsUrl } from '../../src-renderer/src/views/RunbookChecklist';
import { fmtDuration, heatLevel, metricsArg, reportArg } from '../../src-renderer/src/views/load-format';
import type { LoadMetrics, RunbookView } from '../../src-main/core/history/types';

const metrics = (over: Partial<LoadMetrics> = {}): LoadMetrics => ({
  range: { since: 0, until: 86_400_000 },
  pages: 3,
  pagesPerDay: 3,
  highUrgency: 2,
  timeToAckMedianMs: 125_000,
  timeToAckP90Ms: 600_000,
  timeToResolveMedianMs: 3_600_000,
  offHoursInterruptions: 1,
  weekendPages: 0,
  ackedByMeShare: 0.5,
  noisiestServices: [
    { serviceId: 'S1', serviceName: '<img src=x onerror=alert(1)>', pages: 2 },
    { serviceId: 'S2', serviceName: 'Search', pages: 1 },
  ],
  heatmap: Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => (d === 1 && h === 3 ? 2 : 0)),
  ),
  ackTrend: [
    { day: '2026-11-29', medianMs: 60_000, pages: 1 },
    { day: '2026-11-30', medianMs: null, pages: 0 },
    { day: '2026-12-01', medianMs: 120_000, pages: 2 },
  ],
  ...over,
});

describe('Load view helpers', () => {
  it('maps ranges to metrics and report arguments', () => {
    expect(metricsArg('shift', 1000)).toBeNull();
    expect(metricsArg('7d', 10 * 86_400_000)).toEqual({ since: 3 * 86_400_000, until: 10 * 86_400_000 + 1 });
    expect(reportArg('shift', 5)).toEqual({ kind: 'current' });
    expect(reportArg('30d', 40 * 86_400_000)).toEqual({
      kind: 'range',
      since: 10 * 86_400_000,
      until: 40 * 86_400_000 + 1,
    });
  });
  it('formats and scales', () => {
    expect(fmtDuration(125_000)).toBe('2m 05s');
    expect(fmtDuration(null)).toBe('–');
    expect([0, 1, 5, 10].map((v) => heatLevel(v, 10))).toEqual([0, 1, 2, 4]);
  });
});

describe('Load view rendering', () => {
  it('renders tiles, the heat map, the chart and service bars, with names as text', () => {
    const html = renderToStaticMarkup(<LoadBody m={metrics()} />);
    expect(html).toContain('Time to acknowledge');
    expect(html).toContain('2m 05s');
    expect(html).toContain('p90 10m 00s');
    expect(html).toContain('50%');
    expect(html).toContain('aria-label="Pages by hour of day and day of week"');
    expect(html).toContain('title="Mon 03:00 – 2 pages"');
    expect(html).toContain('class="heat heat-4"');
    expect(html).toContain('role="img"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('Runbook checklist rendering', () => {
  const view: RunbookView = {
    incidentId: 'PA',
    serviceId: 'S1',
    url: 'https://wiki.example.com/rb',
    steps: [
      { text: 'Check <b>dash</b>', done: true },
      { text: 'Restart', done: false },
    ],
    candidates: ['https://x.example/a'],
    sourceError: 'runbooks.yaml line 7: steps must be a list of strings',
  };
  it('renders steps as labelled checkboxes, links as text, and the source error', () => {
    const html = renderToStaticMarkup(
      <ChecklistBody view={view} busyStep={null} onToggle={() => {}} onOpenExternal={() => {}} />,
    );
    expect(html).toContain('1 of 2 steps done');
    expect(html).toContain('<input id="rb-PA-0" type="checkbox" checked=""/>');
    expect(html).toContain('<input id="rb-PA-1" type="checkbox"/>');
    expect(html).toContain('<label for="rb-PA-0" dir="auto">Check &lt;b&gt;dash&lt;/b&gt;</label>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('runbooks.yaml line 7: steps must be a list of strings');
    expect(html).toContain('aria-label="Open the runbook in the browser"');
    expect(html).not.toContain('<a ');
  });
  it('offers no Open button without onOpenExternal or for non-https links', () => {
    const html = renderToStaticMarkup(
      <ChecklistBody
        view={{ ...view, url: 'javascript:alert(1)', candidates: [] }}
        busyStep={null}
        onToggle={() => {}}
        onOpenExternal={() => {}}
      />,
    );
    expect(html).not.toContain('Open the runbook');
    expect(
      renderToStaticMarkup(<ChecklistBody view={view} busyStep={null} onToggle={() => {}} />),
    ).not.toContain('>Open<');
    expect(isHttpsUrl('http://a.example')).toBe(false);
  });
});

describe('time-to-acknowledge chart', () => {
  const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  // The canvas is drawn in the browser (test/e2e/load.spec.ts counts its pixels); here: its label
  // and its text equivalent, the table of the days that had acknowledgements.
  const rows = (html: string) =>
    [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><td>(\d+)<\/td><\/tr>/g)].map(
      (m) => [m[1], m[2], Number(m[3])],
    );
  it('one point: a labelled chart and a one-row table with its value', () => {
    const html = renderToStaticMarkup(
      <AckTrendChart trend={[{ day: day(0), medianMs: 90_000, pages: 1 }]} />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain(
      `aria-label="Median time to acknowledge per day from ${day(0)} to ${day(0)}; highest 1m 30s."`,
    );
    expect(rows(html)).toEqual([[day(0), fmtDuration(90_000), 1]]);
  });
  it('with 500 days: the first, middle and last day labelled, a row per measured day, gaps left out', () => {
    const trend = Array.from({ length: 500 }, (_, i) => ({
      day: day(i),
      medianMs: i % 10 === 3 ? null : 1000 * (1 + (i % 7)),
      pages: i % 10 === 3 ? 0 : 1 + (i % 3),
    }));
    const html = renderToStaticMarkup(<AckTrendChart trend={trend} />);
    for (const d of [day(0), day(249), day(499)]) expect(html).toContain(`<span>${d}</span>`);
    const measured = trend.filter((d) => d.medianMs !== null);
    expect(measured).toHaveLength(450);
    expect(rows(html)).toEqual(measured.map((d) => [d.day, fmtDuration(d.medianMs), d.pages]));
  });
  it('no acknowledgements: says so', () => {
    const html = renderToStaticMarkup(<AckTrendChart trend={[{ day: day(0), medianMs: null, pages: 2 }]} />);
    expect(html).toContain('aria-label="No acknowledgements in this range."');
    expect(rows(html)).toEqual([]);
  });
});
