/** The roster's "Waiting to be sent" list: queued trades shown at once, their text as text. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PendingTrades } from '../../src-renderer/src/views/ShiftsView';
import type { PendingTrade } from '../../src-main/shared/types';

const trade = (over: Partial<PendingTrade> = {}): PendingTrade => ({
  actionId: 'act-1',
  trade: 'cover',
  schedule: { id: 'PS1', summary: 'Platform Primary' },
  user: { id: 'PAL', summary: 'Alex Kim' },
  start: '2026-03-02T17:00:00.000Z',
  end: '2026-03-02T21:00:00.000Z',
  attempts: 0,
  lastError: null,
  ...over,
});

describe('pending trades', () => {
  it('shows nothing when no trade waits', () => {
    expect(renderToStaticMarkup(<PendingTrades trades={[]} zone="Europe/Berlin" />)).toBe('');
  });

  it('lists each waiting trade with who, where and when, and why it is still waiting', () => {
    const html = renderToStaticMarkup(
      <PendingTrades
        trades={[
          trade(),
          trade({
            actionId: 'act-2',
            attempts: 3,
            lastError: 'PagerDuty answered 503',
            user: { id: 'PME', summary: 'Morgan Lee' },
          }),
        ]}
        zone="Europe/Berlin"
      />,
    );
    expect(html.match(/data-pending-trade=/g)).toHaveLength(2);
    expect(html).toContain('Waiting to be sent');
    expect(html).toContain('Alex Kim');
    expect(html).toContain('Platform Primary');
    expect(html).toContain('tried 3 times');
    expect(html).toContain('PagerDuty answered 503');
    // 17:00 UTC is 18:00 in Berlin on 2 March (the zone given, not the machine's).
    expect(html).toMatch(/Mon 2 Mar (18:00|6:00 PM)/);
  });

  it('renders a hostile name as text', () => {
    const html = renderToStaticMarkup(
      <PendingTrades
        trades={[trade({ user: { id: 'PX', summary: '<img src=x onerror=alert(1)>' } })]}
        zone="UTC"
      />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
