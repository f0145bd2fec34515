/** The Services view's list: each service with its team, policy, on-call levels, runbook and open incidents; its text as text. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { agoText, ServiceList } from '../../src-renderer/src/views/ServicesView';
import type { ServicesView } from '../../src-main/ipc/contract';

const NOW = Date.parse('2026-03-02T12:00:00Z');
type Svc = ServicesView['services'][number];

const svc = (over: Partial<Svc> = {}, name = 'checkout-api'): Svc => ({
  service: {
    id: 'PSV1',
    name,
    description: null,
    htmlUrl: null,
    teams: [{ id: 'PT1', summary: 'Platform' }],
    escalationPolicy: { id: 'PEP1', summary: 'Platform Escalation' },
  },
  levels: [
    { level: 1, users: [{ id: 'PU1', summary: 'Morgan Lee' }] },
    {
      level: 2,
      users: [
        { id: 'PU2', summary: 'Priya Natarajan' },
        { id: 'PU3', summary: 'Sam Okafor' },
      ],
    },
  ],
  openIncidents: 2,
  runbook: { url: 'https://runbooks.example/checkout', steps: 4, origin: 'settings' },
  ...over,
});

const render = (services: Svc[], o: Partial<Omit<ServicesView, 'services'>> = {}, query = ''): string =>
  renderToStaticMarkup(
    <ServiceList
      answer={{ services, fetchedAt: new Date(NOW - 3 * 60_000).toISOString(), stale: null, ...o }}
      query={query}
      now={NOW}
      onOpenIncidents={() => {}}
      onOpenRunbook={() => {}}
    />,
  );

describe('ServiceList', () => {
  it('shows the team, policy, who is at each level, the runbook and the open incidents', () => {
    const html = render([svc()]);
    expect(html).toContain('1 service · read from PagerDuty 3 min ago');
    expect(html).toContain('data-teams="true">Platform</dd>');
    expect(html).toContain('Platform Escalation');
    expect(html).toMatch(/data-level="1".*Morgan Lee/);
    expect(html).toMatch(/data-level="2".*Priya Natarajan, Sam Okafor/);
    expect(html).toContain('4 step checklist');
    expect(html).toContain('Open runbook');
    expect(html).toContain('data-open-incidents="2"');
    expect(html).toContain('2 open');
    expect(html).not.toContain('account-badge');
  });

  it('says when nobody is on call, no runbook, no open incident, and labels accounts', () => {
    const html = render([
      svc({ levels: [], runbook: null, openIncidents: 0, account: { id: 'eu', name: 'EU' } }),
    ]);
    expect(html).toContain('Nobody on call now');
    expect(html).toContain('none (add one in Settings → Runbooks)');
    expect(html).toMatch(/data-open-incidents="0"[^>]*disabled/);
    expect(html).toContain('class="account-badge" dir="auto">EU</span>');
  });

  it('renders hostile names as text', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const html = render([
      svc(
        {
          levels: [{ level: 1, users: [{ id: 'PU9', summary: '<b>Mallory</b>' }] }],
        },
        evil,
      ),
    ]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Mallory');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
  });

  it('says why the list may be old, and when nothing matches', () => {
    const stale = 'Could not read the services again (HTTP 500); this is what PagerDuty said 12 min ago.';
    const html = render([], { stale }, 'zzz');
    expect(html).toContain('0 services matching “zzz”');
    expect(html).toContain('No service has that in its name.');
    expect(html).toContain('role="alert"');
    expect(html).toContain('12 min ago');
  });

  it('says ages plainly', () => {
    expect(agoText(null, NOW)).toBe('never');
    expect(agoText(new Date(NOW - 10_000).toISOString(), NOW)).toBe('just now');
    expect(agoText(new Date(NOW - 2 * 3600_000).toISOString(), NOW)).toBe('2 h ago');
  });
});
