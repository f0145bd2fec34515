/**
 * The smoke test's hooks, as far as they run without Electron: they are installed only with
 * ONCALL_E2E=1, and the notifier probe resolves and loads node-notifier from an app folder and maps
 * its helpers to app.asar.unpacked (here from the repository, where nothing is packed).
 */
import { describe, expect, it } from 'vitest';
import { installTestHooks, probeNotifier } from '../../src-main/electron/test-hooks.js';

describe('smoke test hooks', () => {
  it('are installed only when asked', () => {
    const hooks = {} as never;
    expect(installTestHooks(hooks, {})).toBe(false);
    expect(installTestHooks(hooks, { ONCALL_E2E: '1' })).toBe(true);
    delete (globalThis as { __oncallTest?: unknown }).__oncallTest;
  });

  it('probeNotifier loads node-notifier from the app folder and finds its helpers', () => {
    const p = probeNotifier(process.cwd());
    expect(p.resolved).toMatch(/node_modules[\\/]node-notifier[\\/]index\.js$/);
    expect(p.loaded).toBe(true);
    expect(p.vendorExists).toBe(true);
    expect(p.vendorDir).not.toMatch(/asar/);
  });
});
