import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWindow, resetElectronMock } from './electron-mock.js';
import { captureLogger, fakeSettingsService, incident, snapshot } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';
import { invokeChannels, type InvokeName } from '../../src-main/ipc/contract.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { registerIpc } = await import('../../src-main/electron/ipc.js');
const { createHandlers, HandlerError } = await import('../../src-main/app/handlers.js');

const RENDERER = '/app/dist/renderer/index.html';

function setup() {
  const win = new FakeWindow({});
  win.webContents.mainFrame.url = `file://${RENDERER}#/incidents`;
  const fc = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1' })] }));
  const openExternal = vi.fn(async () => {});
  const logger = captureLogger();
  const handlers = createHandlers({
    companion: () => fc.companion,
    settings: fakeSettingsService({ source: { kind: 'demo', scenario: 'demo' } } as never, {
      update: () => ({ ok: false, errors: [{ path: 'x', message: 'bad' }] }),
      setToken: () => {
        throw new Error('keyring said no for pd-secret-token-123');
      },
    }),
    history: () => null,
    links: { open: openExternal },
    now: () => 0,
  });
  registerIpc({
    handlers,
    mainWindow: () => win as never,
    rendererUrl: `file://${RENDERER}`,
    logger,
    redact: (t) => t.split('pd-secret-token-123').join('[redacted]'),
  });
  const call = (name: InvokeName, args: unknown[], sender: { frame?: unknown; contents?: unknown } = {}) => {
    const handler = fake.handlers.get(invokeChannels[name].channel)!;
    const event = {
      senderFrame: 'frame' in sender ? sender.frame : win.webContents.mainFrame,
      sender: sender.contents ?? win.webContents,
    };
    return handler(event, ...args) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    }>;
  };
  return { win, fc, call, openExternal, logger };
}

describe('IPC gate', () => {
  beforeEach(() => resetElectronMock());

  it('registers exactly one handler per contract channel', () => {
    setup();
    expect([...fake.handlers.keys()].sort()).toEqual(
      Object.values(invokeChannels)
        .map((c) => c.channel)
        .sort(),
    );
  });

  it('answers the app window with an ok envelope', async () => {
    const { call, fc } = setup();
    await expect(call('acknowledge', [['P1']])).resolves.toEqual({
      ok: true,
      value: { actionId: 'act-P1', incidentIds: ['P1'] },
    });
    expect(fc.companion.acknowledge).toHaveBeenCalledWith(['P1']);
  });

  it('refuses a call from an unknown frame', async () => {
    const { call, fc } = setup();
    const foreign = { url: 'https://evil.example/', processId: 9, routingId: 9, parent: null };
    const res = await call('acknowledge', [['P1']], { frame: foreign });
    expect(res).toMatchObject({ ok: false, error: { code: 'bad_sender' } });
    expect(fc.companion.acknowledge).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame, another page of the app window, another web contents and a missing frame', async () => {
    const { call, win } = setup();
    const top = win.webContents.mainFrame;
    const cases = [
      { frame: { ...top, routingId: 2, parent: top } },
      { frame: { ...top, url: 'file:///etc/other.html' } },
      { contents: {} },
      { frame: null },
    ];
    for (const c of cases) {
      await expect(call('getSnapshot', [], c)).resolves.toMatchObject({
        ok: false,
        error: { code: 'bad_sender' },
      });
    }
  });

  it('answers a bad argument with a typed error, never a crash', async () => {
    const { call, fc } = setup();
    const res = await call('snooze', ['P1', 5]);
    expect(res).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    expect(res.error?.message).toContain('snooze');
    await expect(call('acknowledge', [['../../etc']])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_arguments' },
    });
    await expect(call('acknowledge', [])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_arguments' },
    });
    expect(fc.companion.acknowledge).not.toHaveBeenCalled();
  });

  it('turns a thrown error into a failed envelope with secrets removed', async () => {
    const { call, logger } = setup();
    const res = await call('setToken', ['pd-secret-token-123']);
    expect(res).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(JSON.stringify(res)).not.toContain('pd-secret-token-123');
    expect(logger.lines.join('\n')).not.toContain('pd-secret-token-123');
  });

  it('says why the feed is unavailable when its source failed', async () => {
    resetElectronMock();
    const win = new FakeWindow({});
    win.webContents.mainFrame.url = `file://${RENDERER}`;
    registerIpc({
      handlers: createHandlers({
        companion: () => null,
        sourceProblem: () => 'PagerDuty rejected the token; enter a new one in Settings',
        settings: {} as never,
        history: () => null,
        links: { open: async () => {} },
        now: () => 0,
      }),
      mainWindow: () => win as never,
      rendererUrl: `file://${RENDERER}`,
      logger: captureLogger(),
    });
    const res = await fake.handlers.get(invokeChannels.getSnapshot.channel)!({
      senderFrame: win.webContents.mainFrame,
      sender: win.webContents,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect((res as { error: { message: string } }).error.message).toContain('PagerDuty rejected the token');
  });

  it('reports a missing service as unavailable', async () => {
    const { call } = setup();
    await expect(call('getMetrics', [null])).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(new HandlerError('failed', 'x').code).toBe('failed');
  });

  it('opens an incident only on a provider https link', async () => {
    const { call, openExternal, fc } = setup();
    await expect(call('openIncidentInBrowser', ['P1'])).resolves.toEqual({
      ok: true,
      value: { opened: true, reason: null },
    });
    expect(openExternal).toHaveBeenCalledWith('https://acme.pagerduty.com/incidents/P1');
    fc.setSnapshot(snapshot({ incidents: [incident({ id: 'P2', htmlUrl: 'https://evil.example/x' })] }));
    const res = await call('openIncidentInBrowser', ['P2']);
    expect(res).toMatchObject({ ok: true, value: { opened: false } });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('passes field errors of a settings update through as a value', async () => {
    const { call } = setup();
    await expect(call('updateSettings', [{ pollIntervalSeconds: 0 }])).resolves.toEqual({
      ok: true,
      value: { ok: false, errors: [{ path: 'x', message: 'bad' }] },
    });
  });
});
