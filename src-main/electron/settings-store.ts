/**
 * The app's settings on disk (electron-store): defaults from the settings schema, a migrations map
 * for files written by older versions, and validation on load and on every update with field errors
 * that read the same as the renderer's form.
 */
import Store from 'electron-store';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { appSettingsSchema, defaultAppSettings, type AppSettings } from '../ipc/app-settings.js';
import type { FieldError } from '../ipc/contract.js';
import type { Logger } from '../core/ports.js';
import { validateAccelerator } from './accelerators.js';

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

function isPlainObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merge a partial update into settings: objects merge, everything else replaces. */
export function mergeSettings(base: Doc, patch: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeSettings(out[k] as Doc, v) : v;
  }
  return out;
}

function issuesToErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Validate a whole settings document: the schema plus the accelerators (empty = no shortcut). */
export function validateSettings(
  doc: unknown,
): { ok: true; settings: AppSettings } | { ok: false; errors: FieldError[] } {
  const res = appSettingsSchema.safeParse(doc);
  if (!res.success) return { ok: false, errors: issuesToErrors(res.error.issues) };
  const errors: FieldError[] = [];
  for (const [action, accel] of Object.entries(res.data.shortcuts)) {
    if (accel === '') continue;
    const check = validateAccelerator(accel);
    if (!check.ok) errors.push({ path: `shortcuts.${action}`, message: check.message });
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: res.data };
}

/**
 * Repair a loaded document: every invalid top-level field falls back to its default. Returns the
 * settings and what was reset (paths and messages, never values).
 */
export function repairSettings(doc: unknown): { settings: AppSettings; errors: FieldError[] } {
  const first = validateSettings(doc);
  if (first.ok) return { settings: first.settings, errors: [] };
  const defaults = defaultAppSettings() as unknown as Doc;
  const fixed: Doc = isPlainObject(doc) ? { ...doc } : {};
  for (const e of first.errors) {
    const top = e.path.split('.')[0];
    if (top) fixed[top] = defaults[top];
  }
  const second = validateSettings(fixed);
  return { settings: second.ok ? second.settings : defaultAppSettings(), errors: first.errors };
}

/** The settings store as the rest of the shell uses it. */
export interface SettingsStore {
  get(): AppSettings;
  /** Merge, validate and save; nothing is saved when any field is wrong. */
  update(patch: Doc): { ok: true; settings: AppSettings } | { ok: false; errors: FieldError[] };
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
export function openSettingsStore(opts: SettingsStoreOptions): SettingsStore {
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
  let current = settings;
  const loadErrors = unreadable
    ? [
        { path: '', message: 'the settings file could not be read and was reset (a copy was kept)' },
        ...errors,
      ]
    : errors;

  return {
    path: store.path,
    loadErrors,
    get: () => structuredClone(current),
    update(patch) {
      const merged = mergeSettings(current as unknown as Doc, patch);
      const res = validateSettings(merged);
      if (!res.ok) return res;
      for (const [key, value] of Object.entries(res.settings)) store.set(key, value);
      current = res.settings;
      return { ok: true, settings: structuredClone(current) };
    },
  };
}
