import { describe, expect, it } from 'vitest';
import { buildTrayMenu, type TrayMenuItem } from '../../src-main/electron/tray-menu.js';
import { incident, OTHER, snapshot } from './fixtures.js';

const opts = { now: 1_000, formatTime: () => '11:00' };

function labels(items: TrayMenuItem[]): string[] {
  return items.map((i) => (i.type === 'separator' ? '---' : i.label));
}

describe('tray menu', () => {
  it('offers "Escalate to level N+1" on a page whose policy and level are known, and only then', () => {
    const policy = { id: 'PEP1', summary: 'Platform' };
    const menu = buildTrayMenu(
      snapshot({
        incidents: [
          incident({ id: 'P1', title: 'Level one', escalationPolicy: policy, escalationLevel: 1 }),
          incident({
            id: 'P2',
            title: 'Acked at two',
            status: 'acknowledged',
            escalationPolicy: policy,
            escalationLevel: 2,
          }),
          incident({ id: 'P3', title: 'No policy', escalationPolicy: null, escalationLevel: 1 }),
          incident({ id: 'P4', title: 'Unknown level', escalationPolicy: policy, escalationLevel: null }),
          incident({ id: 'P5', title: 'Top level', escalationPolicy: policy, escalationLevel: 20 }),
        ],
      }),
      opts,
    );
    const sub = (title: string): TrayMenuItem[] => {
      const item = menu.items.find((i) => i.type === 'submenu' && i.label.includes(title));
      return item?.type === 'submenu' ? item.items : [];
    };
    const escalations = (title: string) =>
      sub(title).flatMap((i) => (i.type === 'normal' && i.label.startsWith('Escalate') ? [i] : []));
    expect(escalations('Level one')).toEqual([
      {
        type: 'normal',
        label: 'Escalate to level 2',
        enabled: true,
        action: { kind: 'escalate', incidentId: 'P1', level: 2 },
      },
    ]);
    expect(labels(sub('Level one'))).toEqual(['Acknowledge', 'Escalate to level 2', 'Show in window']);
    expect(escalations('Acked at two').map((i) => i.action)).toEqual([
      { kind: 'escalate', incidentId: 'P2', level: 3 },
    ]);
    expect(escalations('No policy')).toEqual([]);
    expect(escalations('Unknown level')).toEqual([]);
    expect(escalations('Top level')).toEqual([]);
  });

  it('puts "Signed out of <account>: sign in again" first, opening Settings', () => {
    const msg = 'Signed out of R&D (EU): sign in again';
    const menu = buildTrayMenu(snapshot({ incidents: [incident({ id: 'A' })] }), { ...opts, signedOut: msg });
    expect(menu.items[0]).toEqual({
      type: 'normal',
      label: '⚠ Signed out of R&&D (EU): sign in again',
      enabled: true,
      action: { kind: 'settings' },
    });
    const plain = buildTrayMenu(snapshot({ incidents: [incident({ id: 'A' })] }), opts);
    expect(labels(plain.items).some((l) => l.includes('Signed out'))).toBe(false);
    expect(plain.key).not.toBe(menu.key);
  });

  it("names each page's account when the window runs several", () => {
    const menu = buildTrayMenu(
      snapshot({
        incidents: [
          incident({ id: 'platform~P1', title: 'Disk full', account: { id: 'platform', name: 'platform' } }),
          incident({ id: 'P2', title: 'Checkout 5xx' }),
        ],
      }),
      opts,
    );
    const pages = labels(menu.items).filter((l) => /Disk full|Checkout 5xx/.test(l));
    expect(pages.find((l) => l.includes('Disk full'))).toContain('[platform] #');
    expect(pages.find((l) => l.includes('Checkout 5xx'))).not.toContain('[');
  });

  it('shows a snooze on the page item (anyone’s, from PagerDuty’s pending actions)', () => {
    const menu = buildTrayMenu(
      snapshot({
        incidents: [
          incident({ id: 'P9', status: 'acknowledged', snoozedUntil: new Date(5_000).toISOString() }),
        ],
      }),
      opts,
    );
    expect(labels(menu.items)[0]).toMatch(/· snoozed until 11:00$/);
    const over = buildTrayMenu(
      snapshot({
        incidents: [
          incident({ id: 'P9', status: 'acknowledged', snoozedUntil: new Date(500).toISOString() }),
        ],
      }),
      opts,
    );
    expect(labels(over.items)[0]).not.toMatch(/snoozed/);
  });

  it('lists open pages newest first, each with Acknowledge, then the commands', () => {
    const menu = buildTrayMenu(
      snapshot({
        incidents: [
          incident({ id: 'OLD', number: 1, title: 'Old', createdAt: '2026-01-01T09:00:00Z' }),
          incident({ id: 'NEW', number: 2, title: 'New', createdAt: '2026-01-01T10:00:00Z' }),
        ],
      }),
      opts,
    );
    const l = labels(menu.items);
    expect(l[0]).toContain('#2 New (Checkout API)');
    expect(l[1]).toContain('#1 Old');
    expect(l.slice(2)).toEqual([
      '---',
      'Acknowledge all mine (2)',
      'Open window',
      'Pause low-urgency notifications for 1 h',
      '---',
      'Settings…',
      'Quit On-Call Companion',
    ]);
    const first = menu.items[0];
    expect(first?.type).toBe('submenu');
    if (first?.type === 'submenu') {
      expect(first.items[0]).toMatchObject({
        label: 'Acknowledge',
        enabled: true,
        action: { kind: 'acknowledge', incidentId: 'NEW' },
      });
    }
  });

  it('caps the list and points to the window for the rest', () => {
    const many = Array.from({ length: 25 }, (_, i) => incident({ id: `I${i}`, number: i }));
    const menu = buildTrayMenu(snapshot({ incidents: many }), { ...opts, maxPages: 10 });
    expect(menu.items.filter((i) => i.type === 'submenu')).toHaveLength(10);
    expect(labels(menu.items)).toContain('…and 15 more (open the window)');
  });

  it('does not offer Acknowledge on an acknowledged page, and disables "all mine" when none are mine', () => {
    const menu = buildTrayMenu(
      snapshot({
        incidents: [incident({ id: 'A', status: 'acknowledged' }), incident({ id: 'B', assignees: [OTHER] })],
      }),
      opts,
    );
    const ackd = menu.items.find((i) => i.type === 'submenu' && i.label.includes('Incident A'));
    expect(ackd?.type === 'submenu' && ackd.items[0]).toMatchObject({ enabled: false, action: null });
    expect(
      menu.items.find((i) => i.type === 'normal' && i.label.startsWith('Acknowledge all mine')),
    ).toMatchObject({
      enabled: false,
    });
  });

  it('offers Resume while paused', () => {
    const menu = buildTrayMenu(snapshot({ lowUrgencyPausedUntil: 5_000 }), opts);
    expect(labels(menu.items)).toContain('Resume low-urgency notifications (paused until 11:00)');
  });

  it('shows "No open pages" when there are none', () => {
    expect(labels(buildTrayMenu(snapshot(), opts).items)[0]).toBe('No open pages');
  });

  it('escapes & so menu mnemonics do not eat it, and shortens long titles', () => {
    const menu = buildTrayMenu(
      snapshot({ incidents: [incident({ id: 'A', title: `R&D ${'x'.repeat(200)}` })] }),
      opts,
    );
    const label = labels(menu.items)[0] ?? '';
    expect(label).toContain('R&&D');
    expect(label.length).toBeLessThan(160);
  });

  it('has a key that changes exactly when the menu does', () => {
    const a = buildTrayMenu(snapshot({ incidents: [incident({ id: 'A' })] }), opts);
    const same = buildTrayMenu(snapshot({ incidents: [incident({ id: 'A' })], at: 'later' }), opts);
    const other = buildTrayMenu(
      snapshot({ incidents: [incident({ id: 'A', status: 'acknowledged' })] }),
      opts,
    );
    expect(same.key).toBe(a.key);
    expect(other.key).not.toBe(a.key);
  });
});
