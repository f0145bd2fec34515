/**
 * Sleep and wake: on Electron's `powerMonitor` `resume` (the laptop woke) and `unlock-screen` the
 * engine polls at once, so pages that came in while the lid was closed show without waiting for the
 * next tick. The scheduler's clock-jump check stays as the fallback (those events are missed on some
 * Linux builds).
 */
import type { Logger } from '../core/ports.js';

/** The part of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

/** Poll now on wake and unlock; returns the function that stops listening. */
export function pollOnWake(
  power: PowerMonitorLike,
  syncNow: () => Promise<void> | undefined,
  logger: Logger,
): () => void {
  const on = (why: 'resume' | 'unlock-screen') => (): void => {
    logger.info('woke up; polling now', { why });
    void syncNow()?.catch((e: unknown) =>
      logger.warn('the poll after waking failed', { error: e instanceof Error ? e.message : String(e) }),
    );
  };
  const resume = on('resume');
  const unlock = on('unlock-screen');
  power.on('resume', resume);
  power.on('unlock-screen', unlock);
  return () => {
    power.removeListener('resume', resume);
    power.removeListener('unlock-screen', unlock);
  };
}
