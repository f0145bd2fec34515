import { describe, expect, it, vi } from 'vitest';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { silentLogger } from '../../src-main/core/ports.js';
import {
  createNodeNotifier,
  escapeMarkup,
  plainText,
  toNotifierOptions,
  type NotifierImpl,
} from '../../src-main/node/notifier.js';
import type { SoundPlayer } from '../../src-main/node/sound.js';

const page: NotificationRequest = {
  key: 'page:P1',
  kind: 'page',
  title: 'checkout-api: 5xx above 2%',
  body: 'High urgency · checkout-api',
  urgency: 'critical',
  incidentId: 'P1',
  incidentIds: ['P1'],
  sound: true,
};

type Call = { options: Record<string, unknown> };
function fakeImpl(
  answer: (cb: (err: Error | string | null, r?: unknown, m?: Record<string, unknown>) => void) => void,
) {
  const calls: Call[] = [];
  const impl: NotifierImpl = {
    notify(options, cb) {
      calls.push({ options });
      if (cb) answer(cb);
      return impl;
    },
  };
  return { impl, calls };
}

const linuxSound = (): SoundPlayer & { plays: number } => {
  const s = { playsItself: true, plays: 0, play: async () => void (s.plays += 1) };
  return s;
};

describe('createNodeNotifier', () => {
  it('maps a request to notify-send options on Linux and plays the sound itself', async () => {
    const { impl, calls } = fakeImpl((cb) => cb(null, ''));
    const sound = linuxSound();
    const n = createNodeNotifier({
      appName: 'On-Call Companion',
      logger: silentLogger,
      impl,
      platform: 'linux',
      sound,
      iconPath: '/i.png',
    });
    expect(await n.show(page)).toEqual({ status: 'shown' });
    expect(calls[0]?.options).toEqual({
      title: page.title,
      message: 'High urgency · checkout-api',
      urgency: 'critical',
      'app-name': 'On-Call Companion',
      timeout: 0,
      icon: '/i.png',
    });
    expect(sound.plays).toBe(1);
  });

  it('maps normal and low urgency, expiring after 10 s, and plays nothing when sound is off', async () => {
    const { impl, calls } = fakeImpl((cb) => cb(null, ''));
    const sound = linuxSound();
    const n = createNodeNotifier({ appName: 'A', logger: silentLogger, impl, platform: 'linux', sound });
    await n.show({ ...page, urgency: 'low', sound: false });
    await n.show({ ...page, urgency: 'normal', sound: false });
    expect(calls.map((c) => [c.options.urgency, c.options.timeout])).toEqual([
      ['low', 10],
      ['normal', 10],
    ]);
    expect(sound.plays).toBe(0);
  });

  it('asks to wait only when a click handler is given, and calls it on a click', async () => {
    const { impl, calls } = fakeImpl((cb) => cb(null, 'activate', { activationType: 'contentsClicked' }));
    const n = createNodeNotifier({ appName: 'A', logger: silentLogger, impl, platform: 'darwin' });
    const onClick = vi.fn();
    expect((await n.show(page, onClick)).status).toBe('shown');
    expect(onClick).toHaveBeenCalledTimes(1);
    await n.show(page);
    expect(calls[0]?.options.wait).toBe(true);
    expect(calls[1]?.options.wait).toBe(false);
    // macOS plays the notifier's own sound.
    expect(calls[0]?.options.sound).toBe('Glass');
  });

  it('reports failed with the reason when notify-send fails, and never throws', async () => {
    const { impl } = fakeImpl((cb) => cb(new Error('Command failed: notify-send\nno server')));
    const warn = vi.fn();
    const n = createNodeNotifier({
      appName: 'A',
      logger: { ...silentLogger, warn },
      impl,
      platform: 'linux',
    });
    expect(await n.show(page)).toEqual({ status: 'failed', reason: 'Command failed: notify-send' });
    expect(await n.show(page)).toEqual({ status: 'failed', reason: 'Command failed: notify-send' });
    // The same failure is a warning once, not once per page.
    expect(warn).toHaveBeenCalledOnce();

    const throwing: NotifierImpl = {
      notify() {
        throw new Error('boom');
      },
    };
    const n2 = createNodeNotifier({ appName: 'A', logger: silentLogger, impl: throwing, platform: 'linux' });
    expect(await n2.show(page)).toEqual({ status: 'failed', reason: 'boom' });
  });

  it('treats stderr output with a zero exit as shown', async () => {
    const { impl } = fakeImpl((cb) => cb('some warning', ''));
    const n = createNodeNotifier({ appName: 'A', logger: silentLogger, impl, platform: 'linux' });
    expect(await n.show(page)).toEqual({ status: 'shown' });
  });

  it('reports shown after the grace period when the platform only answers on click', async () => {
    const { impl } = fakeImpl(() => {});
    const n = createNodeNotifier({
      appName: 'A',
      logger: silentLogger,
      impl,
      platform: 'win32',
      waitGraceMs: 5,
    });
    expect(await n.show(page, () => {})).toEqual({ status: 'shown' });
  });
});

describe('untrusted text', () => {
  it('keeps notify-send from reading text as options or markup', () => {
    const o = toNotifierOptions(
      { ...page, title: '--help', body: '<a href="x">click</a> & more\n\u001b[31mred' },
      { appName: 'A', platform: 'linux', wait: false, notifierSound: false },
    );
    expect(o.title).toBe(' --help');
    expect(o.message).toBe('&lt;a href="x"&gt;click&lt;/a&gt; &amp; more [31mred');
  });

  it('caps and flattens text', () => {
    expect(plainText('a\nb\tc', 10)).toBe('a b c');
    expect(plainText('x'.repeat(500), 100)).toHaveLength(100);
    expect(escapeMarkup('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('falls back to the app name for an empty title', () => {
    const o = toNotifierOptions(
      { ...page, title: '  ' },
      { appName: 'App', platform: 'win32', wait: false, notifierSound: true },
    );
    expect(o).toMatchObject({ title: 'App', sound: true, appID: 'App' });
  });
});
