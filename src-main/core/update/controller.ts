/**
 * When to look for updates and what to do with the answers: a first check shortly after start, then
 * one every few hours; downloads run in the background (the updater's own), and installing waits
 * for the user or the quit. A check that fails, hangs or reads a broken feed ends as an `error`
 * status and is retried at the next interval: it never throws into the app, never blocks it, and
 * never touches the incident feed or its notifications. Electron-free: the updater is a port.
 */
import type { Clock, Logger, TimerHandle, Timers } from '../ports.js';
import { installDecision, nextStatus, type UpdateStatus, type UpdaterEvent } from './status.js';

/** The updater as the controller drives it (electron/updater.ts adapts electron-updater). */
export interface UpdaterPort {
  /** Ask the feed; progress comes back as events. Resolves or rejects when the check is over. */
  check(): Promise<void>;
  /** Quit the app and install the downloaded update now. */
  install(): void;
  /** Whether a downloaded update is installed when the app quits. */
  setInstallOnQuit(on: boolean): void;
}

export interface UpdateControllerOptions {
  updater: UpdaterPort;
  currentVersion: string;
  enabled: boolean;
  /** Why this build cannot update itself (a development build, no feed), or null. */
  unsupported: string | null;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  onChange(status: UpdateStatus): void;
  /** First check after start (default 30 s: the incident feed comes first). */
  startDelayMs?: number;
  /** Between checks (default 4 h). */
  intervalMs?: number;
  /** A check that takes longer is given up (default 2 min). */
  checkTimeoutMs?: number;
}

export interface UpdateController {
  status(): UpdateStatus;
  /** An event from the updater. */
  handle(event: UpdaterEvent): void;
  /** Check now (also what the timer does); resolves with the status after the check, never rejects. */
  checkNow(): Promise<UpdateStatus>;
  /** The Settings switch. */
  setEnabled(on: boolean): void;
  /** The user asked to restart into the update. */
  installNow(): { accepted: boolean; reason: string | null };
  stop(): void;
}

export const UPDATE_INTERVAL_MS = 4 * 3600_000;

export function createUpdateController(o: UpdateControllerOptions): UpdateController {
  const startDelay = o.startDelayMs ?? 30_000;
  const interval = o.intervalMs ?? UPDATE_INTERVAL_MS;
  const timeout = o.checkTimeoutMs ?? 120_000;
  const v = o.currentVersion;
  let status: UpdateStatus = o.unsupported
    ? { state: 'unsupported', currentVersion: v, reason: o.unsupported }
    : o.enabled
      ? { state: 'idle', currentVersion: v, checkedAt: null }
      : { state: 'disabled', currentVersion: v };
  let timer: TimerHandle | null = null;
  let inFlight: Promise<UpdateStatus> | null = null;
  let stopped = false;

  const set = (next: UpdateStatus): void => {
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    status = next;
    try {
      o.onChange(status);
    } catch (err) {
      o.logger.warn('update: a status listener failed', {
        error: err instanceof Error ? err.message : 'unknown',
      });
    }
  };
  const at = (): string => new Date(o.clock.now()).toISOString();
  const active = (): boolean => !stopped && status.state !== 'disabled' && status.state !== 'unsupported';

  const schedule = (ms: number): void => {
    if (timer !== null) o.timers.clearTimeout(timer);
    timer = active() ? o.timers.setTimeout(tick, ms) : null;
  };
  const tick = (): void => {
    timer = null;
    void checkNow().finally(() => schedule(interval));
  };

  const checkNow = (): Promise<UpdateStatus> => {
    if (!active()) return Promise.resolve(status);
    if (inFlight) return inFlight;
    inFlight = (async () => {
      let timeoutHandle: TimerHandle | null = null;
      try {
        await Promise.race([
          Promise.resolve().then(() => o.updater.check()),
          new Promise<never>((_, reject) => {
            timeoutHandle = o.timers.setTimeout(
              () =>
                reject(new Error(`the update feed did not answer within ${Math.round(timeout / 1000)} s`)),
              timeout,
            );
          }),
        ]);
        // An updater that answered without saying anything (inactive for this install) leaves no
        // check hanging in the interface.
        if (status.state === 'checking') set({ state: 'idle', currentVersion: v, checkedAt: at() });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        o.logger.warn('update: check failed; trying again later', { error: message.split('\n')[0] });
        handle({ type: 'error', message: `Could not check for updates: ${message}` });
      } finally {
        if (timeoutHandle !== null) o.timers.clearTimeout(timeoutHandle);
        inFlight = null;
      }
      return status;
    })();
    return inFlight;
  };

  const handle = (e: UpdaterEvent): void => {
    if (stopped) return;
    set(nextStatus(status, e, at()));
  };

  o.updater.setInstallOnQuit(active());
  schedule(startDelay);

  return {
    status: () => status,
    handle,
    checkNow,
    setEnabled(on) {
      if (status.state === 'unsupported' || stopped) return;
      if (!on) {
        set({ state: 'disabled', currentVersion: v });
        o.updater.setInstallOnQuit(false);
        schedule(0);
        return;
      }
      if (status.state !== 'disabled') return;
      set({ state: 'idle', currentVersion: v, checkedAt: null });
      o.updater.setInstallOnQuit(true);
      schedule(startDelay);
    },
    installNow() {
      const d = installDecision(status, 'user');
      if (!d.install) return { accepted: false, reason: d.reason };
      o.logger.info("update: restarting to install at the user's request", {
        version: status.state === 'ready' ? status.version : null,
      });
      o.updater.install();
      return { accepted: true, reason: null };
    },
    stop() {
      stopped = true;
      if (timer !== null) o.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
