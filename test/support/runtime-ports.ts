/** The runtime ports a test rarely cares about: links refused, no shortcut errors, a fixed clock. */
import type { RuntimePorts } from '../../src-main/app/runtime.js';
import { silentLogger } from '../../src-main/core/ports.js';

export function quietPorts(now: number): Pick<RuntimePorts, 'links' | 'shortcutErrors' | 'clock' | 'logger'> {
  return {
    links: { refuse: (url) => `not here: ${url}` },
    shortcutErrors: () => ({ acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null }),
    clock: { now: () => now },
    logger: silentLogger,
  };
}
