/**
 * `preview --simulate-update VERSION`: the browser preview has no updater, so to see (and test) how
 * the window shows a downloaded update it can be given one, marked `simulated` so nothing pretends
 * it is real (installing it answers that it is simulated).
 */
import type { ShownUpdateStatus } from '../core/update/status.js';

export function simulatedUpdate(version: string | null, currentVersion: string): ShownUpdateStatus | null {
  if (version === null) return null;
  return {
    state: 'ready',
    currentVersion,
    version,
    simulated: true,
  };
}
