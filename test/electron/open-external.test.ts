/**
 * The `openExternal` channel: runbook and alert links leave the app only when https, on PagerDuty's
 * or the API's host, on a runbook host the user configured, or exactly as main offered them in a
 * runbook view; http, javascript, file and made-up links are refused before the browser is asked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWindow, resetElectronMock } from './electron-mock.js';
import { captureLogger, fakeSettingsService, incident, snapshot } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';
import { invokeChannels } from '../../src-main/ipc/contract.js';
import { defaultAppSettings, type AppSettings } from '../../src-main/ipc/app-settings.js';
import type { RunbookView } from '../../src-main/core/history/types.js';
import { checkRunbookUrl } from '../../src-main/app/external-url.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { registerIpc } = await import('../../src-main/electron/ipc.js');
const { createHandlers, runbookHosts } = await import('../../src-main/app/handlers.js');

const RENDERER = '/app/dist/renderer/index.html';

function setup(over: Partial<AppSettings> = {}) {
  const win = new FakeWindow({});
  win.webContents.mainFrame.url = `file://${RENDERER}`;
  const fc = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1' })] }));
  const opened = vi.fn(async (_url: string) => {});
  const settings: AppSettings = {
    ...defaultAppSettings(),
    runbooks: [{ serviceId: 'S1', url: 'https://wiki.example.com/rb/checkout', steps: ['Look'] }],
    ...over,
  };
  const view: RunbookView = {
    incidentId: 'P1',
    serviceId: 'S1',
    url: 'https://team-file.example.org/runbooks/checkout',
    steps: [{ text: 'Look', done: false }],
    candidates: ['https://grafana.example.net/d/abc?from=now-1h'],
    sourceError: null,
  };
  const history = {
    getMetrics: vi.fn(),
    getReport: vi.fn(),
    getRunbook: vi.fn(async () => view),
    setChecklistStep: vi.fn(async () => view),
  };
  registerIpc({
    handlers: createHandlers({
      companion: () => fc.companion,
      settings: fakeSettingsService(settings),
      history: () => history as never,
      links: { open: opened },
      now: () => 0,
    }),
    mainWindow: () => win as never,
    rendererUrl: `file://${RENDERER}`,
    logger: captureLogger(),
  });
  const call = (name: keyof typeof invokeChannels, args: unknown[]) =>
    fake.handlers.get(invokeChannels[name].channel)!(
      { senderFrame: win.webContents.mainFrame, sender: win.webContents },
      ...args,
    ) as Promise<{
      ok: boolean;
      value?: { opened: boolean; reason: string | null };
      error?: { code: string };
    }>;
  return { call, opened };
}

describe('openExternal', () => {
  beforeEach(() => resetElectronMock());

  it('opens an https link on a runbook host the user configured, and PagerDuty links', async () => {
    const { call, opened } = setup();
    await expect(call('openExternal', ['https://wiki.example.com/rb/other-page'])).resolves.toEqual({
      ok: true,
      value: { opened: true, reason: null },
    });
    await expect(call('openExternal', ['https://acme.pagerduty.com/incidents/P1'])).resolves.toMatchObject({
      value: { opened: true },
    });
    expect(opened.mock.calls.map((c) => c[0])).toEqual([
      'https://wiki.example.com/rb/other-page',
      'https://acme.pagerduty.com/incidents/P1',
    ]);
  });

  it('opens links of a runbook view exactly as offered, and nothing else on their hosts', async () => {
    const { call, opened } = setup();
    const fileLink = 'https://team-file.example.org/runbooks/checkout';
    const alertLink = 'https://grafana.example.net/d/abc?from=now-1h';
    // Before main offered them, they are unknown links.
    await expect(call('openExternal', [alertLink])).resolves.toMatchObject({ value: { opened: false } });
    await call('getRunbook', ['P1']);
    await expect(call('openExternal', [fileLink])).resolves.toMatchObject({ value: { opened: true } });
    await expect(call('openExternal', [alertLink])).resolves.toMatchObject({ value: { opened: true } });
    await expect(call('openExternal', ['https://grafana.example.net/d/other'])).resolves.toMatchObject({
      value: { opened: false },
    });
    expect(opened.mock.calls.map((c) => c[0])).toEqual([fileLink, alertLink]);
  });

  it.each([
    ['http://wiki.example.com/rb/checkout'],
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://user:pw@wiki.example.com/rb'],
    ['https://evil.example/x'],
    ['https://wiki.example.com.evil.io/rb'],
    [`https://wiki.example.com/${'a'.repeat(2100)}`],
    [''],
  ])('refuses %j without asking the browser', async (url) => {
    const { call, opened } = setup({ runbookSource: 'https://files.example.com/runbooks.yaml' });
    await call('getRunbook', ['P1']);
    const res = await call('openExternal', [url]);
    // The contract refuses non-https and over-long links; the handler refuses the rest.
    if (res.ok) expect(res.value).toMatchObject({ opened: false });
    else expect(res.error?.code).toBe('bad_arguments');
    expect(opened).not.toHaveBeenCalled();
  });

  it('accepts the host of an https shared runbook file, not of a local path', () => {
    expect(
      runbookHosts({ runbooks: [], runbookSource: 'https://Files.Example.com/team/runbooks.yaml' }),
    ).toEqual(['files.example.com']);
    expect(runbookHosts({ runbooks: [], runbookSource: '/home/me/runbooks.yaml' })).toEqual([]);
    expect(
      runbookHosts({
        runbooks: [{ serviceId: 'S', url: 'https://a.example/x', steps: [] }],
        runbookSource: 'http://b.example/rb.yaml',
      }),
    ).toEqual(['a.example']);
  });

  it('checkRunbookUrl keeps every rule of checkExternalUrl', () => {
    const trust = { hosts: ['wiki.example.com'], urls: ['https://x.example/a'] };
    expect(checkRunbookUrl('https://x.example/a', null, trust)).toEqual({
      ok: true,
      url: 'https://x.example/a',
    });
    expect(checkRunbookUrl('http://x.example/a', null, trust)).toMatchObject({ ok: false });
    expect(checkRunbookUrl('javascript:alert(1)', null, trust)).toMatchObject({ ok: false });
    expect(checkRunbookUrl('file:///etc/passwd', null, trust)).toMatchObject({ ok: false });
    expect(checkRunbookUrl('https://a:b@wiki.example.com/', null, trust)).toMatchObject({ ok: false });
    expect(checkRunbookUrl('https://x.example/b', null, trust)).toMatchObject({
      ok: false,
      reason: 'x.example is not a PagerDuty or runbook host',
    });
  });
});
