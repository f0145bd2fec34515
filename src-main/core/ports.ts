/**
 * The core's ports: everything it needs from the outside world is passed in, so that tests run it
 * with a fake clock and an in-memory store, the CLI with Node's, and Electron with its own.
 */

/** Wall-clock time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Opaque timer handle. */
export type TimerHandle = unknown;

/** Timers, so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The subset of WHATWG fetch the client uses. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger. Never pass the token in a message or a field. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Durable key/value storage of JSON documents (the data folder). `write` must be atomic:
 * after a crash a key holds either the old or the new value, never a torn one.
 */
export interface DocumentStore {
  read<T>(key: string): Promise<T | undefined>;
  write<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Documents found damaged and moved aside since the store was opened (file stores), for the status. */
  damaged?(): ReadonlyArray<{ key: string; movedTo: string }>;
}

/** System clock and timers. */
export const systemClock: Clock = { now: () => Date.now() };
export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The ids of outbox entries the host has shown (see the engine's outbox). `add` must be durable when
 * it returns, so a kill right after it keeps the mark: file journals append synchronously.
 */
export interface DeliveryJournal {
  /** Ids recorded so far. */
  read(): Promise<string[]>;
  /** Records one shown entry, durably, before returning. */
  add(id: string): void;
  /** Forgets every id not in `keep` (they are no longer in the saved outbox). */
  retain(keep: ReadonlySet<string>): void;
}
