/**
 * macOS / Windows notifications with buttons through Electron's Notification (mocked here): the
 * buttons per platform, one callback per notification, failures reported with the reason.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { createElectronNotifier, nativeActions } from '../../src-main/electron/native-notifier.js';
import { captureLogger } from './fixtures.js';

const page: NotificationRequest = {
  key: 'page:P1',
  kind: 'page',
  title: 'Disk full',
  body: 'pg-main-2',
  urgency: 'critical',
  incidentId: 'P1',
  incidentIds: ['P1'],
  sound: true,
};

function fakeClass(behaviour: 'show' | 'fail' | 'silent' = 'show', supported = true) {
  const made: Array<EventEmitter & { options: Record<string, unknown> }> = [];
  class FakeNotification extends EventEmitter {
    options: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      made.push(this as never);
    }
    show() {
      if (behaviour === 'show') setTimeout(() => this.emit('show', {}), 0);
      if (behaviour === 'fail') setTimeout(() => this.emit('failed', {}, 'Notification Center refused'), 0);
    }
    static isSupported() {
      return supported;
    }
  }
  return { FakeNotification, made };
}

describe('Electron notifier (macOS, Windows)', () => {
  it('offers Acknowledge and Open on macOS, plus Resolve on Windows; none on an info notification', () => {
    expect(nativeActions(page, 'darwin')).toEqual(['acknowledge', 'open']);
    expect(nativeActions(page, 'win32')).toEqual(['acknowledge', 'resolve', 'open']);
    expect(nativeActions({ ...page, kind: 'info', incidentIds: [] }, 'win32')).toEqual([]);
  });

  it('shows with buttons and calls the action once', async () => {
    const { FakeNotification, made } = fakeClass('show');
    const n = createElectronNotifier({
      Notification: FakeNotification as never,
      platform: 'win32',
      appName: 'OCC',
      logger: captureLogger(),
    });
    const onAction = vi.fn();
    expect(await n.show(page, () => {}, onAction)).toEqual({ status: 'shown' });
    const notif = made[0]!;
    expect(notif.options.actions).toEqual([
      { type: 'button', text: 'Acknowledge' },
      { type: 'button', text: 'Resolve' },
      { type: 'button', text: 'Open' },
    ]);
    expect(notif.options.timeoutType).toBe('never');
    notif.emit('action', { actionIndex: 0 });
    notif.emit('action', { actionIndex: 1 });
    expect(onAction).toHaveBeenCalledTimes(1);
    expect(onAction).toHaveBeenCalledWith('acknowledge');
  });

  it('reports a failed notification, and an unsupported system, with the reason', async () => {
    const fail = fakeClass('fail');
    const n = createElectronNotifier({
      Notification: fail.FakeNotification as never,
      platform: 'darwin',
      appName: 'OCC',
      logger: captureLogger(),
    });
    expect(await n.show(page)).toEqual({ status: 'failed', reason: 'Notification Center refused' });
    const none = fakeClass('show', false);
    const m = createElectronNotifier({
      Notification: none.FakeNotification as never,
      platform: 'darwin',
      appName: 'OCC',
      logger: captureLogger(),
    });
    expect((await m.show(page)).status).toBe('failed');
  });
});
