/**
 * The app's settings, host-neutral: one merge of a partial update, one validation (the schema plus
 * the accelerators), one repair of a loaded document, the store port every host implements
 * (electron-store in the shell, memory in the preview) and the in-memory store itself.
 */
import type { z } from 'zod';
import {
  appSettingsSchema,
  defaultAppSettings,
  shortcutKey,
  type AppSettings,
  type ShortcutAction,
} from '../ipc/app-settings.js';
import type { FieldError } from '../ipc/contract.js';
import { validateAccelerator } from './accelerators.js';

type Doc = Record<string, unknown>;

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

/** The settings store port: where a host keeps the settings. */
export interface SettingsStore {
  get(): AppSettings;
  /** Merge, validate and save; nothing is saved when any field is wrong. */
  update(patch: Doc): { ok: true; settings: AppSettings } | { ok: false; errors: FieldError[] };
}

/**
 * A store whose only copy is `save` (or nothing): the shell's electron-store and the preview's
 * memory share the merge, the validation and the cloning here.
 */
export function createSettingsStore(
  initial: AppSettings,
  save: (settings: AppSettings) => void = () => {},
): SettingsStore {
  let current = initial;
  return {
    get: () => structuredClone(current),
    update(patch) {
      const res = validateSettings(mergeSettings(current as unknown as Doc, patch));
      if (!res.ok) return res;
      save(res.settings);
      current = res.settings;
      return { ok: true, settings: structuredClone(current) };
    },
  };
}

const SHORTCUT_NAMES: Record<ShortcutAction, string> = {
  acknowledgeNewest: 'Acknowledge the newest page',
  acknowledgeAllMine: 'Acknowledge all mine',
  showWindow: 'Show the window',
};

/** Shortcut problems a host that registers none can see: duplicates. */
export function shortcutClashes(settings: AppSettings): Record<ShortcutAction, string | null> {
  const out = { acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null } as Record<
    ShortcutAction,
    string | null
  >;
  const keys = Object.keys(out) as ShortcutAction[];
  for (const a of keys) {
    const other = keys.find(
      (b) =>
        b !== a &&
        settings.shortcuts[a] &&
        shortcutKey(settings.shortcuts[a]) === shortcutKey(settings.shortcuts[b]),
    );
    if (other) out[a] = `Conflicts with “${SHORTCUT_NAMES[other]}”; choose another.`;
  }
  return out;
}
