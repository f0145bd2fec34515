/**
 * The shared runbook file's error in the shell's Settings view: the history's load (which names the
 * line) reaches the view returned by `updateSettings` and the `settingsChanged` view, at start-up
 * too, and clears once the file is fixed and saved again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetElectronMock } from './electron-mock.js';
import { captureLogger } from './fixtures.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import type { SettingsView } from '../../src-main/ipc/contract.js';
import {
  FIXED_RUNBOOKS as FIXED,
  MALFORMED_RUNBOOKS as MALFORMED,
  RUNBOOKS_LINE_6 as LINE_6,
} from '../support/runbook-files.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { openSettingsStore } = await import('../../src-main/electron/settings-store.js');
const { createSettingsService } = await import('../../src-main/app/settings-service.js');
const { shellHistoryPort } = await import('../../src-main/electron/history.js');
const { createRuntime } = await import('../../src-main/app/runtime.js');
const { fakeCompanion } = await import('./fake-companion.js');

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'h12-rb-error-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function settingsService() {
  return createSettingsService({
    store: openSettingsStore({ cwd: dir, logger: captureLogger() }),
    secrets: secrets(),
    shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
  });
}

const secrets = () => ({
  status: () => ({ set: false, storage: 'keyring' as const, warning: null }),
  getToken: () => null,
  setToken: vi.fn(),
  clearToken: vi.fn(),
});

/** The shell's runtime as main.ts builds it, with the window's events recorded. */
async function shell(initial = defaultAppSettings()) {
  const store = openSettingsStore({ cwd: dir, logger: captureLogger() });
  store.update(initial as unknown as Record<string, unknown>);
  const runtime = createRuntime({
    settingsStore: store,
    secrets: secrets(),
    openSource: async () => ({ companion: fakeCompanion().companion, close: async () => {} }),
    history: shellHistoryPort(dir, captureLogger()),
    links: { open: async () => {} },
    shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
    clock: { now: () => 0 },
    logger: captureLogger(),
  });
  const sent: SettingsView[] = [];
  runtime.subscribe((e) => {
    if (e.name === 'settingsChanged') sent.push(e.payload);
  });
  await runtime.start();
  const history = { service: runtime.history()!, close: () => runtime.close() };
  return { settings: runtime.settings, history, handlers: runtime.handlers, sent };
}

async function save(h: Awaited<ReturnType<typeof shell>>, patch: Record<string, unknown>) {
  const res = await h.handlers.updateSettings(patch);
  if (!res.ok) throw new Error(res.errors.map((e) => e.message).join('; '));
  return res.view;
}

describe('the shared runbook file error in Settings (shell)', () => {
  it('a saved malformed file: the returned view and the last settingsChanged name the line', async () => {
    const file = join(dir, 'team-runbooks.yaml');
    writeFileSync(file, MALFORMED);
    const h = await shell();
    expect(h.settings.view().runbookSourceError).toBeNull();

    const view = await save(h, { runbookSource: file });
    expect(view.settings.runbookSource).toBe(file);
    expect(view.runbookSourceError).toContain(LINE_6);
    expect(h.sent.at(-1)?.runbookSourceError).toContain(LINE_6);
    // The incident checklist says the same.
    expect((await h.history.service.setRunbooks([], file)).sourceError).toContain(LINE_6);

    // Fixed and saved again unchanged: the file is re-read and the error goes away.
    writeFileSync(file, FIXED);
    const again = await save(h, {});
    expect(again.runbookSourceError).toBeNull();
    expect(h.sent.at(-1)?.runbookSourceError).toBeNull();

    // Broken again, then the source cleared: no error for a file no longer used.
    writeFileSync(file, MALFORMED);
    expect((await save(h, {})).runbookSourceError).toContain(LINE_6);
    expect((await save(h, { runbookSource: null })).runbookSourceError).toBeNull();
    await h.history.close();
  });

  it('a malformed file in the stored settings shows from start-up', async () => {
    const file = join(dir, 'team-runbooks.yaml');
    writeFileSync(file, MALFORMED);
    const h = await shell({ ...defaultAppSettings(), runbookSource: file });
    await h.settings.settled();
    expect(h.settings.view().runbookSourceError).toContain(LINE_6);
    const got = await h.handlers.getSettings();
    expect(got.runbookSourceError).toContain(LINE_6);
    await h.history.close();
  });

  it('an older load that finishes late does not overwrite the newer answer', async () => {
    const settings = settingsService();
    const views: Array<string | null> = [];
    settings.subscribe(() => views.push(settings.view().runbookSourceError));
    let finishOld!: (e: string | null) => void;
    settings.trackRunbookSource(new Promise((r) => (finishOld = r)));
    settings.trackRunbookSource(Promise.resolve('new.yaml line 2: bad'));
    finishOld('old.yaml line 9: stale');
    await settings.settled();
    expect(settings.view().runbookSourceError).toBe('new.yaml line 2: bad');
    // Listeners heard of the change once, with the newer error.
    expect(views).toEqual(['new.yaml line 2: bad']);
    // A failed load (rejected) is said, not thrown.
    settings.trackRunbookSource(Promise.reject(new Error('disk on fire')));
    await settings.settled();
    expect(settings.view().runbookSourceError).toBe('disk on fire');
  });
});
