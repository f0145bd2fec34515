/**
 * The app runtime every host carries: one handler per contract channel (a missing one fails tsc),
 * the history following the source (one kept, or one per source with the old one closed), the
 * handoff reminder as a core event, settings changes announced, and the clock injected.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, type HistoryHandle, type RuntimeEvent } from '../../src-main/app/runtime.js';
import type { Handlers } from '../../src-main/app/handlers.js';
import { createMemorySecretStore } from '../../src-main/app/secrets.js';
import { createSettingsStore } from '../../src-main/app/settings.js';
import type { OpenedSource, SourceRequest } from '../../src-main/app/sources.js';
import { silentLogger } from '../../src-main/core/ports.js';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import { invokeChannels } from '../../src-main/ipc/contract.js';
import { fakeCompanion } from '../electron/fake-companion.js';

const NOW = Date.parse('2026-12-03T10:00:00.000Z');

function fakeHistory(name: string, log: string[]) {
  let notify: ((n: NotificationRequest) => void) | null = null;
  const handle: HistoryHandle = {
    service: {
      attach: () => {
        log.push(`attach ${name}`);
        return () => log.push(`detach ${name}`);
      },
      updateOptions: () => {},
      setRunbooks: async () => ({ sourceError: null }),
    } as never,
    close: async () => void log.push(`close ${name}`),
  };
  return {
    handle,
    notify: (n: NotificationRequest) => notify?.(n),
    hook: (h: typeof notify) => (notify = h),
  };
}

function build(historyFor: (s: OpenedSource | null) => HistoryHandle | null, hooked?: (h: never) => void) {
  const opened: SourceRequest[] = [];
  const runtime = createRuntime({
    settingsStore: createSettingsStore({
      ...defaultAppSettings(),
      source: { kind: 'pagerduty', region: 'us' },
    }),
    secrets: createMemorySecretStore(null, 'memory'),
    openSource: async (req) => {
      opened.push(req);
      return { companion: fakeCompanion().companion, close: async () => {}, dataDir: `/d/${opened.length}` };
    },
    history: {
      open: async (s, hooks) => {
        hooked?.(hooks.onNotification as never);
        return historyFor(s);
      },
    },
    links: { refuse: (url) => `not here: ${url}` },
    shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
    clock: { now: () => NOW },
    logger: silentLogger,
  });
  const events: RuntimeEvent[] = [];
  runtime.subscribe((e) => events.push(e));
  return { runtime, opened, events };
}

describe('app runtime', () => {
  it('has one handler per contract channel', () => {
    const { runtime } = build(() => null);
    expect(Object.keys(runtime.handlers).sort()).toEqual(Object.keys(invokeChannels).sort());
    // A host offering fewer channels does not compile.
    // @ts-expect-error getSnapshot (and every other channel) is missing
    const partial: Handlers = { syncNow: async () => null };
    expect(partial).toBeDefined();
  });

  it('keeps one history across sources when the port returns the same one', async () => {
    const log: string[] = [];
    const one = fakeHistory('shell', log);
    const { runtime, opened } = build(() => one.handle);
    await runtime.start();
    expect(log).toEqual(['attach shell']);
    runtime.handlers.setToken('u+token-0123456789');
    await expect.poll(() => opened.length).toBe(2);
    await expect.poll(() => log).toEqual(['attach shell', 'detach shell', 'attach shell']);
    await runtime.close();
    expect(log.at(-1)).toBe('close shell');
  });

  it('moves to the history of a new source and closes the old one', async () => {
    const log: string[] = [];
    const byDir = new Map<string, ReturnType<typeof fakeHistory>>();
    const { runtime, opened } = build((s) => {
      if (!s?.dataDir) return null;
      if (!byDir.has(s.dataDir)) byDir.set(s.dataDir, fakeHistory(s.dataDir, log));
      return byDir.get(s.dataDir)!.handle;
    });
    await runtime.start();
    expect(log).toEqual(['attach /d/1']);
    runtime.handlers.setToken('u+token-0123456789');
    await expect.poll(() => opened.length).toBe(2);
    await expect.poll(() => log).toEqual(['attach /d/1', 'detach /d/1', 'close /d/1', 'attach /d/2']);
    await runtime.close();
    expect(log.at(-1)).toBe('close /d/2');
  });

  it('sends the handoff reminder through the core event stream, stamped by the injected clock', async () => {
    let notify: ((n: NotificationRequest) => void) | null = null;
    const { runtime, events } = build(
      () => fakeHistory('h', []).handle,
      (h) => (notify = h),
    );
    await runtime.start();
    const reminder: NotificationRequest = {
      key: 'handoff:1',
      kind: 'handoff',
      title: 'Your shift ends in 30 minutes',
      body: 'Write the handoff',
      urgency: 'normal',
      incidentId: null,
      incidentIds: [],
      sound: false,
    } as never;
    notify!(reminder);
    expect(events.filter((e) => e.name === 'coreEvent').map((e) => e.payload)).toContainEqual({
      type: 'notification',
      at: new Date(NOW).toISOString(),
      notification: reminder,
    });
    await runtime.close();
  });

  it('pauses low urgency from the injected clock and announces the settings change', async () => {
    const { runtime, events } = build(() => null);
    await runtime.start();
    const res = await runtime.handlers.pauseLowUrgency(60);
    expect(res.until).toBe(NOW + 3_600_000);
    expect(runtime.settings.get().notifications.lowUrgencyPausedUntil).toBe(NOW + 3_600_000);
    expect(events.some((e) => e.name === 'settingsChanged')).toBe(true);
    await runtime.close();
  });

  it('says links are not opened when the host opens none', async () => {
    const { runtime } = build(() => null);
    await expect(runtime.handlers.openExternal('https://wiki.example.com/x')).resolves.toEqual({
      opened: false,
      reason: 'not here: https://wiki.example.com/x',
    });
  });
});
