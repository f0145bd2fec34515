/**
 * The undo window: a resolve (one or many) or an acknowledge-all is held for a few seconds before it
 * goes into the action queue, so the user can take it back. The hold is honest: nothing is queued or
 * sent while it lasts. It is also durable: the held action is written to the store first, so a quit
 * (`flush`, called by `stop`) or a crash during the window still delivers it (`load` releases what a
 * previous run left, at once when its window is over).
 *
 * A held action is released into the queue under the id the caller was given, so the outcome events
 * (`action.done` / `action.failed`) name the same action. A crash between the queue's write and the
 * removal of the hold could release it twice; both kinds are idempotent in PagerDuty ("already
 * resolved/acknowledged" counts as done), so at worst the second send is a no-op.
 */
import { z } from 'zod';
import type { PendingAction } from '../events.js';
import type { Clock, DocumentStore, Logger, TimerHandle, Timers } from '../ports.js';
import type { ActionInput } from './queue.js';

/** Store key of the held actions. */
export const HELD_KEY = 'held-actions';

/** The kinds that get an undo window. */
export type HoldableKind = 'resolve' | 'acknowledge_all_mine';

/** An action waiting out its undo window. */
export interface HeldAction {
  /** The id the action keeps once queued. */
  id: string;
  kind: HoldableKind;
  incidentIds: string[];
  createdAt: string;
  /** ISO time the window ends and the action is queued. */
  releaseAt: string;
}

const heldSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['resolve', 'acknowledge_all_mine']),
  incidentIds: z.array(z.string().min(1)).min(1),
  createdAt: z.string(),
  releaseAt: z.string(),
});

/** What the undo window needs. */
export interface UndoWindowOptions {
  store: DocumentStore;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Queue the action (durably) under the given id. */
  release: (input: ActionInput & { id: string }) => Promise<unknown>;
  newId: () => string;
}

/** The undo window as the companion drives it. */
export interface UndoWindow {
  /** Read holds left by a previous run and schedule them (overdue ones are released at once). */
  load(): Promise<void>;
  /** Hold an action for `ms`; written to the store before this resolves. */
  hold(kind: HoldableKind, incidentIds: string[], ms: number): Promise<HeldAction>;
  /** Take a held action back. False when it is unknown or already released. */
  undo(id: string): Promise<boolean>;
  /** The actions being held, oldest first. */
  held(): HeldAction[];
  /** Release every held action now (a quit): the window ends early, nothing is lost. */
  flush(): Promise<void>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The held actions as pending ones, for the optimistic overlay. */
export function heldAsPending(held: readonly HeldAction[]): PendingAction[] {
  return held.map((h) => ({
    id: h.id,
    kind: h.kind,
    incidentIds: [...h.incidentIds],
    createdAt: h.createdAt,
    attempts: 0,
    nextAttemptAt: h.releaseAt,
    lastError: null,
  }));
}

/** Create an undo window. */
export function createUndoWindow(opts: UndoWindowOptions): UndoWindow {
  const { store, clock, timers, logger } = opts;
  let items: HeldAction[] = [];
  const timersById = new Map<string, TimerHandle>();
  let writes: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    const copy = items.map((h) => ({ ...h, incidentIds: [...h.incidentIds] }));
    writes = writes.then(() => store.write(HELD_KEY, copy));
    return writes;
  };

  const schedule = (h: HeldAction): void => {
    const wait = Math.max(0, Date.parse(h.releaseAt) - clock.now());
    timersById.set(
      h.id,
      timers.setTimeout(() => {
        timersById.delete(h.id);
        void release(h.id).catch((e: unknown) =>
          logger.error('could not queue an action after its undo window', {
            actionId: h.id,
            error: e instanceof Error ? e.message : String(e),
          }),
        );
      }, wait),
    );
  };

  const clear = (id: string): void => {
    const t = timersById.get(id);
    if (t !== undefined) timers.clearTimeout(t);
    timersById.delete(id);
  };

  async function release(id: string): Promise<void> {
    const h = items.find((x) => x.id === id);
    if (!h) return;
    clear(id);
    // Queue first (durable), then forget the hold: a crash in between re-sends an idempotent action.
    await opts.release({ id: h.id, kind: h.kind, incidentIds: [...h.incidentIds] });
    items = items.filter((x) => x.id !== id);
    await persist();
  }

  return {
    async load() {
      let raw: unknown;
      try {
        raw = await store.read<unknown>(HELD_KEY);
      } catch (e) {
        logger.error('could not read the held actions', {
          error: e instanceof Error ? e.message : String(e),
        });
      }
      const list = Array.isArray(raw) ? raw : [];
      for (const item of list) {
        const r = heldSchema.safeParse(item);
        if (!r.success) {
          logger.warn('dropping an unreadable held action', {
            issue: r.error.issues[0]?.message ?? 'invalid',
          });
          continue;
        }
        if (items.some((x) => x.id === r.data.id)) continue;
        items.push(r.data);
        schedule(r.data);
      }
    },
    async hold(kind, incidentIds, ms) {
      const now = clock.now();
      const h: HeldAction = {
        id: opts.newId(),
        kind,
        incidentIds: [...incidentIds],
        createdAt: iso(now),
        releaseAt: iso(now + ms),
      };
      items.push(h);
      await persist();
      schedule(h);
      return { ...h, incidentIds: [...h.incidentIds] };
    },
    async undo(id) {
      if (!items.some((x) => x.id === id)) return false;
      clear(id);
      items = items.filter((x) => x.id !== id);
      await persist();
      return true;
    },
    held: () => items.map((h) => ({ ...h, incidentIds: [...h.incidentIds] })),
    async flush() {
      for (const h of [...items]) await release(h.id);
      await writes;
    },
  };
}
