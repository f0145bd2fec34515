/**
 * An in-memory DocumentStore for tests and the browser preview: values are kept as JSON text, so a
 * reader never shares objects with a writer, exactly as with files.
 */
import type { DocumentStore } from '../ports.js';

/** A DocumentStore in memory, with its raw contents visible to tests. */
export interface MemoryStore extends DocumentStore {
  /** Raw JSON per key. */
  readonly data: Map<string, string>;
  /** Number of writes per key. */
  readonly writes: Map<string, number>;
}

/** Creates an empty (or pre-filled) in-memory store. */
export function createMemoryStore(initial?: Record<string, unknown>): MemoryStore {
  const data = new Map<string, string>();
  const writes = new Map<string, number>();
  for (const [k, v] of Object.entries(initial ?? {})) data.set(k, JSON.stringify(v));
  return {
    data,
    writes,
    read<T>(key: string): Promise<T | undefined> {
      const raw = data.get(key);
      return Promise.resolve(raw === undefined ? undefined : (JSON.parse(raw) as T));
    },
    write<T>(key: string, value: T): Promise<void> {
      data.set(key, JSON.stringify(value));
      writes.set(key, (writes.get(key) ?? 0) + 1);
      return Promise.resolve();
    },
    delete(key: string): Promise<void> {
      data.delete(key);
      return Promise.resolve();
    },
  };
}
