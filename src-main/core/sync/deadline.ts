/**
 * A guard on calls to the API: a hung call is abandoned after a deadline (and its signal aborted), so
 * a poll or an action can never block the engine forever, whatever the client's own timeout does.
 */
import type { Timers } from '../ports.js';
import { CoreError } from './errors.js';

/** Runs `call` with an AbortSignal; rejects with a `timeout` CoreError after `ms`, or when `outer` aborts. */
export function withDeadline<T>(
  timers: Timers,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(handle);
      outer?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      controller.abort();
      finish(() => reject(new CoreError('Stopped before PagerDuty answered.', 'unknown')));
    };
    const handle = timers.setTimeout(() => {
      controller.abort();
      finish(() =>
        reject(
          new CoreError(
            `PagerDuty did not answer within ${Math.round(ms / 1000)} s; the app will retry.`,
            'timeout',
          ),
        ),
      );
    }, ms);
    if (outer?.aborted) return onAbort();
    outer?.addEventListener('abort', onAbort);
    let p: Promise<T>;
    try {
      p = call(controller.signal);
    } catch (e) {
      return finish(() => reject(e));
    }
    p.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e)),
    );
  });
}
