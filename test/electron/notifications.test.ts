import { describe, expect, it, vi } from 'vitest';
import { createNotifications, type NotifierLike } from '../../src-main/electron/notifications.js';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { captureLogger } from './fixtures.js';

const request: NotificationRequest = {
  key: 'page:P1',
  kind: 'page',
  title: 'Checkout API: Disk full',
  body: 'High urgency',
  urgency: 'critical',
  incidentId: 'P1',
  incidentIds: ['P1'],
  sound: true,
};

function setup(opts: { status?: string; reject?: boolean } = {}) {
  const clicks: Array<() => void> = [];
  const shown: NotificationRequest[] = [];
  const notifier: NotifierLike = {
    show: vi.fn(async (n: NotificationRequest, onClick?: () => void) => {
      shown.push(n);
      if (onClick) clicks.push(onClick);
      if (opts.reject) throw new Error('notify-send missing');
      return { status: opts.status ?? 'shown' };
    }),
  };
  const opened: Array<string | null> = [];
  const logger = captureLogger();
  const n = createNotifications({
    notifier,
    openIncident: (id) => opened.push(id),
    logger,
  });
  return { n, clicks, shown, opened, logger };
}

describe('notifications adapter', () => {
  it('shows what the policy asked for, and a click focuses that incident', async () => {
    const { n, clicks, shown, opened } = setup();
    n.handle({ type: 'notification', at: 'now', notification: request });
    await n.idle();
    expect(shown).toEqual([request]);
    clicks[0]!();
    expect(opened).toEqual(['P1']);
  });

  it('ignores other events: the policy alone decides', async () => {
    const { n, shown } = setup();
    n.handle({ type: 'sync', at: 'now', status: { state: 'starting' } });
    await n.idle();
    expect(shown).toEqual([]);
  });

  it('plays exactly the sound the policy decided (it alone reads the sound setting)', async () => {
    const { n, shown } = setup();
    n.handle({ type: 'notification', at: 'now', notification: { ...request, sound: false } });
    n.handle({ type: 'notification', at: 'now', notification: { ...request, key: 'page:P2', sound: true } });
    await n.idle();
    expect(shown.map((r) => r.sound)).toEqual([false, true]);
  });

  it('returns the hand-off, settled only once the notifier answered (the outbox waits for it)', async () => {
    let answer: (r: { status: string }) => void = () => {};
    const notifier: NotifierLike = {
      show: vi.fn(() => new Promise<{ status: string }>((r) => (answer = r))),
    };
    const n = createNotifications({
      notifier,
      openIncident: () => {},
      logger: captureLogger(),
    });
    expect(n.handle({ type: 'sync', at: 'now', status: { state: 'starting' } })).toBeUndefined();
    const handed = n.handle({ type: 'notification', at: 'now', notification: request });
    let settled = false;
    void handed?.then(() => (settled = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(handed).toBeInstanceOf(Promise);
    expect(settled).toBe(false);
    answer({ status: 'shown' });
    await handed;
    expect(settled).toBe(true);
  });

  it('logs a notifier failure instead of throwing', async () => {
    const { n, logger } = setup({ reject: true });
    n.handle({ type: 'notification', at: 'now', notification: request });
    await n.idle();
    expect(logger.lines.join('\n')).toContain('the notifier failed');
  });
});

describe('notification actions in the shell', () => {
  it('passes a button to onAction with its notification, and reports each delivery', async () => {
    const actions: Array<{ id: string | null; key: string }> = [];
    const deliveries: Array<{ delivered: boolean; reason: string | null }> = [];
    let press: ((key: 'acknowledge' | 'resolve' | 'open') => void) | undefined;
    let status = 'shown';
    const notifier: NotifierLike = {
      show: vi.fn(async (_n, _onClick, onAction) => {
        press = onAction;
        return status === 'shown' ? { status } : { status, reason: 'no server' };
      }),
    };
    const n = createNotifications({
      notifier,
      openIncident: () => {},
      onAction: (req, key) => actions.push({ id: req.incidentId, key }),
      onDelivery: (_req, delivered, reason) => deliveries.push({ delivered, reason }),
      logger: captureLogger(),
    });
    n.handle({ type: 'notification', at: '', notification: request });
    await n.idle();
    press?.('acknowledge');
    expect(actions).toEqual([{ id: 'P1', key: 'acknowledge' }]);
    status = 'failed';
    n.handle({ type: 'notification', at: '', notification: { ...request, key: 'page:P2' } });
    await n.idle();
    expect(deliveries).toEqual([
      { delivered: true, reason: null },
      { delivered: false, reason: 'no server' },
    ]);
  });
});
