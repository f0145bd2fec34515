/**
 * The app's settings on disk (electron-store): defaults from the settings schema, a migrations map
 * for files written by older versions, and validation on load and on every update with field errors
 * that read the same as the renderer's form.
 */
import Store from 'electron-store';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAppSettings } from '../ipc/app-settings.js';
import type { FieldError } from '../ipc/contract.js';
import type { Logger } from '../core/ports.js';
import { createSettingsStore, repairSettings, type SettingsStore } from '../app/settings.js';

type Doc = Record<string, unknown>;

/** Migrations of the raw settings document, keyed by the app version that introduced them. */
export const settingsMigrations: Record<string, (doc: Doc) => Doc> = {
  '0.1.0': (doc) => {
    const next: Doc = { ...doc };
    // Pre-release builds kept the poll interval in milliseconds (it wins over the merged-in default).
    if (typeof next.pollInterval === 'number') {
      next.pollIntervalSeconds = Math.round(next.pollInterval / 1000);
    }
    delete next.pollInterval;
    // ...and the source as a bare word.
    if (next.source === 'demo') next.source = { kind: 'demo', scenario: 'demo' };
    if (next.source === 'pagerduty') next.source = { kind: 'pagerduty', region: 'us' };
    // A token never lives in the settings file.
    delete next.token;
    delete next.apiToken;
    return next;
  },
};

/** The settings store as the shell uses it: the runtime's port plus where it came from. */
export interface ShellSettingsStore extends SettingsStore {
  /** Fields that were invalid on load and reset to defaults. */
  loadErrors: FieldError[];
  /** Where the file is. */
  path: string;
}

/** Options of the store. */
export interface SettingsStoreOptions {
  /** Folder of the settings file (default: Electron's userData). */
  cwd?: string;
  logger: Logger;
  /** File name without extension. */
  name?: string;
}

function open(opts: SettingsStoreOptions): Store<Doc> {
  const migrations = Object.fromEntries(
    Object.entries(settingsMigrations).map(([version, fn]) => [
      version,
      (store: Store<Doc>) => {
        const { __internal__: internal, ...doc } = store.store;
        const next = fn(doc);
        for (const key of Object.keys(doc)) if (!(key in next)) store.delete(key);
        for (const [key, value] of Object.entries(next)) store.set(key, value);
        void internal;
      },
    ]),
  );
  return new Store<Doc>({
    name: opts.name ?? 'settings',
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    defaults: defaultAppSettings() as unknown as Doc,
    migrations: migrations as never,
  });
}

/** Open (or create) the settings file, migrate it and validate it. */
export function openSettingsStore(opts: SettingsStoreOptions): ShellSettingsStore {
  let store: Store<Doc>;
  let unreadable = false;
  try {
    store = open(opts);
  } catch (err) {
    // A file that is not JSON (or fails a migration) is set aside, not silently lost.
    const file = join(opts.cwd ?? '', `${opts.name ?? 'settings'}.json`);
    if (opts.cwd && existsSync(file)) renameSync(file, `${file}.broken-${Date.now()}`);
    opts.logger.warn('settings: the settings file could not be read; starting from defaults', {
      error: err instanceof Error ? err.name : 'unknown',
    });
    unreadable = true;
    store = open(opts);
  }
  const { __internal__: _internal, ...raw } = store.store;
  const { settings, errors } = repairSettings(raw);
  if (errors.length) {
    opts.logger.warn('settings: invalid fields were reset to defaults', { paths: errors.map((e) => e.path) });
    for (const [key, value] of Object.entries(settings)) store.set(key, value);
  }
  const loadErrors = unreadable
    ? [
        { path: '', message: 'the settings file could not be read and was reset (a copy was kept)' },
        ...errors,
      ]
    : errors;

  return {
    ...createSettingsStore(settings, (next) => {
      for (const [key, value] of Object.entries(next)) store.set(key, value);
    }),
    path: store.path,
    loadErrors,
  };
}
