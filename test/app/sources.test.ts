import { describe, expect, it, vi } from 'vitest';
import { createSourceManager, openSourceOptions, sourceIdentity } from '../../src-main/app/sources.js';
import { createCommands, newestTriggeredMine } from '../../src-main/electron/commands.js';
import { defaultAppSettings, type AppSettings } from '../../src-main/ipc/app-settings.js';
import { captureLogger, incident, OTHER, snapshot } from '../electron/fixtures.js';
import { fakeCompanion } from '../electron/fake-companion.js';

function pd(over: Partial<AppSettings> = {}): AppSettings {
  return { ...defaultAppSettings(), source: { kind: 'pagerduty', region: 'eu' }, ...over };
}

describe('source manager', () => {
  it('uses the demo without a token and PagerDuty with one', () => {
    const logger = captureLogger();
    expect(openSourceOptions({ token: null, settings: pd() }, '/data', logger)).toMatchObject({
      token: null,
      scenario: 'demo',
    });
    expect(openSourceOptions({ token: 'tok-12345678', settings: pd() }, '/data', logger)).toMatchObject({
      token: 'tok-12345678',
      apiUrl: 'https://api.eu.pagerduty.com',
    });
    expect(sourceIdentity({ token: 'tok-12345678', settings: pd() })).not.toContain('tok-12345678');
  });

  it('subscribes before starting, forwards events, and restarts only when the source changes', async () => {
    const events: string[] = [];
    const made: Array<ReturnType<typeof fakeCompanion>> = [];
    const closed: number[] = [];
    const m = createSourceManager({
      open: async () => {
        const f = fakeCompanion();
        f.companion.start.mockImplementation(async () => {
          expect(f.listenerCount()).toBe(1);
        });
        made.push(f);
        const i = made.length;
        return { companion: f.companion, close: async () => void closed.push(i) };
      },
      onEvent: (e) => events.push(e.type),
      logger: captureLogger(),
    });
    await m.apply({ token: null, settings: defaultAppSettings() });
    expect(made).toHaveLength(1);
    made[0]!.emit({ type: 'sync', at: 'x', status: { state: 'starting' } });
    expect(events).toEqual(['sync']);

    await m.apply({ token: null, settings: { ...defaultAppSettings(), pollIntervalSeconds: 30 } });
    expect(made).toHaveLength(1);
    expect(made[0]!.companion.updateSettings).toHaveBeenCalledTimes(1);

    await m.apply({ token: 'tok-12345678', settings: pd() });
    expect(made).toHaveLength(2);
    expect(closed).toEqual([1]);
    made[0]!.emit({ type: 'sync', at: 'x', status: { state: 'starting' } });
    expect(events).toEqual(['sync']);
    await m.stop();
    expect(closed).toEqual([1, 2]);
    expect(m.current()).toBeNull();
  });

  it('survives a source that fails to open', async () => {
    const logger = captureLogger();
    const onChange = vi.fn();
    const m = createSourceManager({
      open: async () => {
        throw new Error('PagerDuty rejected the token');
      },
      onEvent: () => {},
      onChange,
      logger,
    });
    await m.apply({ token: 'tok-12345678', settings: pd() });
    expect(m.current()).toBeNull();
    expect(onChange).toHaveBeenCalledWith(null, 'PagerDuty rejected the token');
    expect(m.problem()).toBe('PagerDuty rejected the token');
    expect(logger.lines.join('\n')).toContain('could not start');
  });

  it('closes a source whose start failed, and tries again on the next apply', async () => {
    let attempts = 0;
    let closed = 0;
    const m = createSourceManager({
      open: async () => {
        const f = fakeCompanion();
        if (++attempts === 1) f.companion.start.mockRejectedValue(new Error('the simulator port is taken'));
        return { companion: f.companion, close: async () => void closed++ };
      },
      onEvent: () => {},
      logger: captureLogger(),
    });
    await m.apply({ token: null, settings: defaultAppSettings() });
    expect(m.current()).toBeNull();
    expect(closed).toBe(1);
    await m.apply({ token: null, settings: defaultAppSettings() });
    expect(m.current()).not.toBeNull();
    expect(m.problem()).toBeNull();
  });
});

describe('commands', () => {
  it('the acknowledge shortcut acknowledges my newest triggered page only', async () => {
    const s = snapshot({
      incidents: [
        incident({ id: 'OLD', createdAt: '2026-01-01T08:00:00Z' }),
        incident({ id: 'NEWEST_NOT_MINE', createdAt: '2026-01-01T11:00:00Z', assignees: [OTHER] }),
        incident({ id: 'NEW', createdAt: '2026-01-01T10:00:00Z' }),
        incident({ id: 'ACKED', createdAt: '2026-01-01T12:00:00Z', status: 'acknowledged' }),
      ],
    });
    expect(newestTriggeredMine(s)?.id).toBe('NEW');
    const f = fakeCompanion(s);
    const c = createCommands({
      companion: () => f.companion,
      showWindow: () => {},
      openSettings: () => {},
      pauseLowUrgency: () => {},
      quit: () => {},
      logger: captureLogger(),
    });
    await c.acknowledgeNewest();
    expect(f.companion.acknowledge).toHaveBeenCalledWith(['NEW']);
    f.setSnapshot(snapshot());
    await c.acknowledgeNewest();
    expect(f.companion.acknowledge).toHaveBeenCalledTimes(1);
  });
});
