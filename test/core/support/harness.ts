/**
 * A companion wired to the fake API, fake time and a memory store, recording every event.
 */
import { createCompanion, type CompanionOptions } from '../../../src-main/core/companion.js';
import type { Companion } from '../../../src-main/core/companion-types.js';
import type { CoreEvent, CoreEventType, EventOf } from '../../../src-main/core/events.js';
import { silentLogger, type DocumentStore } from '../../../src-main/core/ports.js';
import { defaultCoreSettings, type CoreSettings } from '../../../src-main/core/settings.js';
import { createMemoryStore, type MemoryStore } from '../../../src-main/core/storage/memory-store.js';
import { FakeApi } from './fake-api.js';
import { FakeTime } from './fake-time.js';

/** A running test rig. */
export interface Rig {
  time: FakeTime;
  api: FakeApi;
  store: MemoryStore;
  companion: Companion;
  events: CoreEvent[];
  of<T extends CoreEventType>(type: T): Array<EventOf<T>>;
}

/** Builds (not starts) a companion on fakes; pass `store`/`time`/`api` to share them. */
export function rig(
  o: Partial<Pick<Rig, 'time' | 'api' | 'store'>> & {
    settings?: Partial<CoreSettings>;
    extra?: Partial<CompanionOptions>;
    /** Another store for the companion (e.g. on files); `rig.store` then stays unused. */
    documents?: DocumentStore;
  } = {},
): Rig {
  const time = o.time ?? new FakeTime();
  const api = o.api ?? new FakeApi(time);
  const store = o.store ?? createMemoryStore();
  const settings = { ...defaultCoreSettings(), ...o.settings };
  const companion = createCompanion({
    api,
    settings,
    store: o.documents ?? store,
    clock: time,
    timers: time,
    logger: silentLogger,
    source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
    random: () => 0.5,
    minutesOfDay: () => 12 * 60,
    ...o.extra,
  });
  const events: CoreEvent[] = [];
  companion.subscribe((e) => events.push(e));
  const of = <T extends CoreEventType>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return { time, api, store, companion, events, of };
}
