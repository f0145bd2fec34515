/**
 * Hooks for the Playwright `_electron` smoke test: with ONCALL_E2E=1 the main process exposes a few
 * read-and-act functions on `globalThis.__oncallTest`, so the test can see a page arrive and run the
 * global shortcut's handler without pressing keys at the OS level. Off in normal runs.
 */
import type { CompanionSnapshot } from '../core/companion-types.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TrayState } from './tray-state.js';

/** What the smoke test may call. */
export interface TestHooks {
  snapshot(): CompanionSnapshot | null;
  /** The acknowledge-newest shortcut's handler. */
  acknowledgeNewest(): Promise<void>;
  trayState(): TrayState | null;
  /** The tray menu's labels now. */
  trayMenu(): string[];
  /** Load node-notifier the way the app does and say where it came from (inside app.asar?). */
  probeNotifier(): { resolved: string; loaded: boolean; vendorDir: string; vendorExists: boolean };
}

/**
 * Resolve and load node-notifier from the app's own folder (app.asar when packaged), and find its
 * helper binaries, which must be real files outside the archive (app.asar.unpacked).
 */
export function probeNotifier(appPath: string): ReturnType<TestHooks['probeNotifier']> {
  const req = createRequire(join(appPath, 'package.json'));
  const resolved = req.resolve('node-notifier');
  const mod = req('node-notifier') as { notify?: unknown };
  const vendorDir = join(dirname(resolved), 'vendor').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return {
    resolved,
    loaded: typeof mod.notify === 'function',
    vendorDir,
    vendorExists: existsSync(vendorDir),
  };
}

/** Install the hooks when the environment asks for them; returns whether it did. */
export function installTestHooks(hooks: TestHooks, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ONCALL_E2E !== '1') return false;
  (globalThis as { __oncallTest?: TestHooks }).__oncallTest = hooks;
  return true;
}
