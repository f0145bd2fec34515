/**
 * The preview's settings: kept in memory (there is no secret store or settings file in a browser
 * preview), merged from partial updates, validated whole with the app's schema, with field errors
 * and shortcut conflicts said the way the desktop app says them.
 */
import type { FieldError, SettingsView } from '../ipc/contract.js';
import {
  appSettingsSchema,
  defaultAppSettings,
  shortcutKey,
  type AppSettings,
  type ShortcutAction,
} from '../ipc/app-settings.js';
import type { SourceSettings } from '../core/settings.js';

/** Merge a partial update into settings: objects merge key by key, arrays and scalars replace. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = k in base ? deepMerge(base[k], v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a merged settings object. */
export function validateSettings(
  candidate: unknown,
): { ok: true; settings: AppSettings } | { ok: false; errors: FieldError[] } {
  const res = appSettingsSchema.safeParse(candidate);
  if (res.success) return { ok: true, settings: res.data };
  return {
    ok: false,
    errors: res.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

const SHORTCUT_NAMES: Record<ShortcutAction, string> = {
  acknowledgeNewest: 'Acknowledge the newest page',
  acknowledgeAllMine: 'Acknowledge all mine',
  showWindow: 'Show the window',
};

/** Shortcut problems the preview can see: duplicates. (Registration happens only in the desktop app.) */
export function shortcutErrorsOf(settings: AppSettings): Record<ShortcutAction, string | null> {
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

/** True when two sources differ in anything that needs a new connection. */
export function sourceChanged(a: SourceSettings, b: SourceSettings): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** The in-memory settings of one preview server. */
export class PreviewSettings {
  settings: AppSettings;
  /** The token set through the preview (never sent back out). */
  token: string | null = null;
  /** A token was given at start (the CLI's) and is in use. */
  startedWithToken: boolean;
  /** Why the shared runbook file could not be used (naming the line), as the history last said. */
  runbookSourceError: string | null = null;

  constructor(initial: AppSettings, startedWithToken: boolean) {
    this.settings = initial;
    this.startedWithToken = startedWithToken;
  }

  /** Initial settings for a companion whose source is known only by its snapshot. */
  static forSource(
    source: { kind: 'demo' | 'pagerduty'; apiUrl: string },
    base?: Partial<AppSettings>,
  ): PreviewSettings {
    const start = { ...defaultAppSettings(), ...(base ?? {}) };
    const src: SourceSettings =
      source.kind === 'demo'
        ? start.source.kind === 'demo'
          ? start.source
          : { kind: 'demo', scenario: 'demo' }
        : { kind: 'pagerduty', region: 'custom', apiUrl: source.apiUrl };
    const parsed = appSettingsSchema.safeParse({ ...start, source: src });
    return new PreviewSettings(
      parsed.success ? parsed.data : defaultAppSettings(),
      source.kind === 'pagerduty',
    );
  }

  /** What Settings shows. */
  view(): SettingsView {
    return {
      settings: this.settings,
      token: {
        set: this.token !== null || this.startedWithToken,
        storage: 'preview-memory',
        warning: 'The browser preview keeps the token in memory only, until it stops.',
      },
      shortcutErrors: shortcutErrorsOf(this.settings),
      runbookSourceError: this.runbookSourceError,
    };
  }
}
