/**
 * An in-memory DeliveryJournal for tests: share one between two companions on the same store to play
 * a process that was killed and started again.
 */
import type { DeliveryJournal } from '../ports.js';

/** A DeliveryJournal in memory, with its ids visible to tests. */
export interface MemoryJournal extends DeliveryJournal {
  readonly ids: Set<string>;
}

/** Creates an empty in-memory journal. */
export function createMemoryJournal(): MemoryJournal {
  const ids = new Set<string>();
  return {
    ids,
    read: () => Promise.resolve([...ids]),
    add(id) {
      ids.add(id);
    },
    retain(keep) {
      for (const id of [...ids]) if (!keep.has(id)) ids.delete(id);
    },
  };
}
