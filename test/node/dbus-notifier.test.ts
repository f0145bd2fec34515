/**
 * The D-Bus notifier against a fake bus: actions only where the server has the `actions`
 * capability, one callback per notification, a failure reported as failed with its reason, and
 * the host notifier falling back to the plain one.
 */
import { describe, expect, it, vi } from 'vitest';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { actionsFor, createDbusNotifier, type DbusBus } from '../../src-main/node/dbus-notifier.js';
import { createHostNotifier } from '../../src-main/node/notification-actions.js';

const page = (over: Partial<NotificationRequest> = {}): NotificationRequest => ({
  key: 'k1',
  kind: 'page',
  title: 'Disk full',
  body: 'on <pg-main>',
  urgency: 'critical',
  incidentId: 'P1',
  incidentIds: ['P1'],
  sound: false,
  ...over,
});

function fakeBus(caps: string[], fail: string | null = null) {
  const calls: Array<{ member: string; body: unknown[] }> = [];
  let onMessage: (m: { type: number; member?: string; body?: unknown[] }) => void = () => {};
  const bus: DbusBus = {
    invoke(msg, cb) {
      calls.push({ member: msg.member, body: msg.body ?? [] });
      if (msg.member === 'GetCapabilities') return cb(undefined, caps);
      if (fail) return cb([fail]);
      cb(undefined, 7);
    },
    addMatch: (_r, cb) => cb(null),
    connection: {
      on: ((event: string, l: (m: never) => void) => {
        if (event === 'message') onMessage = l as typeof onMessage;
      }) as DbusBus['connection']['on'],
      end: () => {},
    },
  };
  return { bus, calls, signal: (member: string, body: unknown[]) => onMessage({ type: 4, member, body }) };
}

describe('D-Bus notifier', () => {
  it('sends Acknowledge, Resolve and Open, escapes markup, and calls back once', async () => {
    const f = fakeBus(['actions', 'body']);
    const n = createDbusNotifier({
      appName: 'OCC',
      logger: silentLogger,
      busAddress: 'x',
      connect: async () => f.bus,
    });
    const onAction = vi.fn();
    const onClick = vi.fn();
    expect(await n.show(page(), onClick, onAction)).toEqual({ status: 'shown' });
    const notify = f.calls.find((c) => c.member === 'Notify')!;
    expect(notify.body[4]).toBe('on &lt;pg-main&gt;');
    expect(notify.body[5]).toEqual([
      'default',
      'Open',
      'acknowledge',
      'Acknowledge',
      'resolve',
      'Resolve',
      'open',
      'Open',
    ]);
    expect(notify.body[7]).toBe(0);
    f.signal('ActionInvoked', [7, 'acknowledge']);
    f.signal('ActionInvoked', [7, 'acknowledge']);
    f.signal('ActionInvoked', [8, 'acknowledge']);
    expect(onAction).toHaveBeenCalledTimes(1);
    expect(onAction).toHaveBeenCalledWith('acknowledge');
    expect(onClick).not.toHaveBeenCalled();
  });

  it('sends a plain notification where the server has no actions', async () => {
    const f = fakeBus(['body']);
    const n = createDbusNotifier({
      appName: 'OCC',
      logger: silentLogger,
      busAddress: 'x',
      connect: async () => f.bus,
    });
    expect(await n.supportsActions()).toBe(false);
    await n.show(
      page(),
      () => {},
      () => {},
    );
    expect(f.calls.find((c) => c.member === 'Notify')!.body[5]).toEqual([]);
  });

  it('a storm summary gets no Resolve; an info notification no Acknowledge', () => {
    expect(actionsFor(page({ kind: 'storm', incidentIds: ['P1', 'P2'] }))).not.toContain('resolve');
    expect(actionsFor(page({ kind: 'storm', incidentIds: ['P1', 'P2'] }))).toContain('acknowledge');
    expect(actionsFor(page({ kind: 'info', incidentIds: [] }))).toEqual(['default', 'Open']);
  });

  it('reports a refused notification as failed with the reason', async () => {
    const f = fakeBus(['actions'], 'org.freedesktop.DBus.Error.ServiceUnknown');
    const n = createDbusNotifier({
      appName: 'OCC',
      logger: silentLogger,
      busAddress: 'x',
      connect: async () => f.bus,
    });
    const r = await n.show(page());
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/ServiceUnknown/);
  });

  it('without a bus, fails with a reason; the host notifier then uses the plain notifier', async () => {
    const n = createDbusNotifier({ appName: 'OCC', logger: silentLogger, busAddress: '' });
    expect((await n.show(page())).reason).toMatch(/no D-Bus session/);
    const plain = { show: vi.fn(async () => ({ status: 'shown' as const })) };
    const host = createHostNotifier({
      appName: 'OCC',
      logger: silentLogger,
      plain,
      platform: 'linux',
      dbus: n,
    });
    expect(await host.show(page())).toEqual({ status: 'shown' });
    expect(plain.show).toHaveBeenCalledTimes(1);
    const failing = {
      show: vi.fn(async () => ({ status: 'failed' as const, reason: 'notify-send missing' })),
    };
    const both = createHostNotifier({
      appName: 'OCC',
      logger: silentLogger,
      plain: failing,
      platform: 'linux',
      dbus: n,
    });
    const r = await both.show(page());
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/no D-Bus session.*notify-send missing/);
  });
});
