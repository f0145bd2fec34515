/**
 * Hooks for the Playwright `_electron` smoke test: with ONCALL_E2E=1 the main process exposes a few
 * read-and-act functions on `globalThis.__oncallTest`, so the test can see a page arrive and run the
 * global shortcut's handler without pressing keys at the OS level. Off in normal runs.
 */
import type { CompanionSnapshot } from '../core/companion-types.js';
import type { TrayState } from './tray-state.js';

/** What the smoke test may call. */
export interface TestHooks {
  snapshot(): CompanionSnapshot | null;
  /** The acknowledge-newest shortcut's handler. */
  acknowledgeNewest(): Promise<void>;
  trayState(): TrayState | null;
}

/** Install the hooks when the environment asks for them; returns whether it did. */
export function installTestHooks(hooks: TestHooks, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ONCALL_E2E !== '1') return false;
  (globalThis as { __oncallTest?: TestHooks }).__oncallTest = hooks;
  return true;
}
