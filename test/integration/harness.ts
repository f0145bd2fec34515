/**
 * End-to-end rig for integration tests: the real simulator (port 0), the real PagerDuty client over
 * Node's fetch, and a real companion on a file store in a temp folder, with real timers and a short
 * poll interval. A companion can be "killed": its timers stop, its fetches never answer and its
 * writes are dropped, as when the process dies, with nothing flushed beyond what was already on disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCompanion } from '../../src-main/core/companion.js';
import type { Companion } from '../../src-main/core/companion-types.js';
import type { CoreEvent, CoreEventType, EventOf } from '../../src-main/core/events.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/client.js';
import {
  systemClock,
  systemTimers,
  type DocumentStore,
  type FetchLike,
  type Logger,
  type TimerHandle,
  type Timers,
} from '../../src-main/core/ports.js';
import { defaultCoreSettings, type CoreSettings } from '../../src-main/core/settings.js';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { createFileStore } from '../../src-main/node/file-store.js';

/** The token the companions use; it must never show up in events or logs. */
export const TOKEN = 'u+it-SECRET-token-8c1f';

/** A simulator and a data folder. */
export interface World {
  sim: Simulator;
  dir: string;
  close(): Promise<void>;
}

/** Starts a simulator (no scenario) and makes an empty data folder. */
export async function startWorld(): Promise<World> {
  const sim = await startSimulator({ port: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'occ-it-'));
  return {
    sim,
    dir,
    async close() {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A companion under test with what it emitted and logged. */
export interface Running {
  companion: Companion;
  events: CoreEvent[];
  logs: string[];
  of<T extends CoreEventType>(type: T): Array<EventOf<T>>;
  /** Ids of `incident.triggered` events, in order. */
  triggeredIds(): string[];
  /** Simulates a kill -9: nothing more runs, answers or is written. */
  kill(): void;
}

/** Settings for fast tests: a 0.3 s poll, default notifications. */
export function fastSettings(over: Partial<CoreSettings> = {}): CoreSettings {
  return { ...defaultCoreSettings(), pollIntervalSeconds: 0.3, ...over };
}

/** Builds (not starts) a companion talking to `world.sim`, keeping its state in `world.dir`. */
export function companionFor(world: World, o: { settings?: CoreSettings } = {}): Running {
  let dead = false;
  const handles = new Set<TimerHandle>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      if (dead) return null;
      const h = systemTimers.setTimeout(() => {
        handles.delete(h);
        if (!dead) fn();
      }, ms);
      handles.add(h);
      return h;
    },
    clearTimeout(h) {
      handles.delete(h);
      systemTimers.clearTimeout(h);
    },
  };
  const fetchFn: FetchLike = (input, init) =>
    dead ? new Promise<Response>(() => undefined) : globalThis.fetch(input, init);
  const files = createFileStore(world.dir);
  const store: DocumentStore = {
    read: (key) => files.read(key),
    write: (key, value) => (dead ? Promise.resolve() : files.write(key, value)),
    delete: (key) => (dead ? Promise.resolve() : files.delete(key)),
  };
  const logs: string[] = [];
  const line =
    (level: string) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
    };
  const logger: Logger = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  const api = createPagerDutyClient({
    baseUrl: world.sim.url,
    token: TOKEN,
    fetch: fetchFn,
    logger,
    timeoutMs: 1000,
    timers,
  });
  const companion = createCompanion({
    api,
    settings: o.settings ?? fastSettings(),
    store,
    clock: systemClock,
    timers,
    logger,
    source: { kind: 'pagerduty', apiUrl: world.sim.url },
    work: api,
    callTimeoutMs: 1500,
    backoff: { baseMs: 150, capMs: 600, jitter: 0.2 },
  });
  const events: CoreEvent[] = [];
  companion.subscribe((e) => {
    if (!dead) events.push(e);
  });
  const of = <T extends CoreEventType>(type: T): Array<EventOf<T>> =>
    events.filter((e): e is EventOf<T> => e.type === type);
  return {
    companion,
    events,
    logs,
    of,
    triggeredIds: () => of('incident.triggered').map((e) => e.incident.id),
    kill() {
      dead = true;
      for (const h of handles) systemTimers.clearTimeout(h);
      handles.clear();
    },
  };
}

/** Waits (real time) until `cond` holds; fails with `what` after `timeoutMs`. */
export async function until(cond: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The last sync status emitted. */
export function lastSync(r: Running): EventOf<'sync'>['status'] | undefined {
  return r.of('sync').at(-1)?.status;
}

/** Counts of each value. */
export function counts(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
