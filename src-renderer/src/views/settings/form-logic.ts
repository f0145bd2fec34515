/**
 * Pure helpers of the Settings form: read and write a dotted path in the draft, turn schema issues
 * into field errors, build an accelerator from a key press, and find shortcut conflicts.
 */
import type { FieldError } from '../../../../src-main/ipc/contract';
import type { ShortcutAction } from '../../../../src-main/ipc/app-settings';
import { appSettingsSchema, shortcutKey, type AppSettings } from '../../../../src-main/ipc/app-settings';

/** Read a dotted path (`notifications.quietHours.start`). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A copy of `obj` with the dotted path set to `value` (objects along the path are copied). */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const src = (obj ?? {}) as Record<string, unknown>;
  const copy: Record<string, unknown> = Array.isArray(src) ? ([...src] as never) : { ...src };
  copy[head!] = rest.length ? setPath(src[head!], rest.join('.'), value) : value;
  return copy as T;
}

/** Validate a draft; field errors keyed the same way the main process reports them. */
export function validateDraft(
  draft: unknown,
): { ok: true; value: AppSettings } | { ok: false; errors: FieldError[] } {
  const res = appSettingsSchema.safeParse(draft);
  if (res.success) return { ok: true, value: res.data };
  return {
    ok: false,
    errors: res.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** The errors for one field (exact path or below it). */
export function errorsFor(errors: FieldError[], path: string): string[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`)).map((e) => e.message);
}

/** Split a comma or whitespace separated list of ids. */
export function parseIdList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Enter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Tab: 'Tab',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  '+': 'Plus',
};

/** An Electron accelerator from a key press, or an error saying what is missing. */
export function acceleratorFrom(press: {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): { ok: true; accelerator: string } | { ok: false; message: string } | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS'].includes(press.key)) return null;
  let key: string | null = null;
  if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit\d$/.test(press.code)) key = press.code.slice(5);
  else if (/^F([1-9]|1\d|2[0-4])$/.test(press.key)) key = press.key;
  else if (KEY_NAMES[press.key]) key = KEY_NAMES[press.key]!;
  else if (press.key.length === 1 && /[!-~]/.test(press.key)) key = press.key.toUpperCase();
  if (!key) return { ok: false, message: `The key “${press.key}” cannot be used in a shortcut.` };
  const mods: string[] = [];
  if (press.ctrlKey || press.metaKey) mods.push('CommandOrControl');
  if (press.altKey) mods.push('Alt');
  if (press.shiftKey) mods.push('Shift');
  const isF = /^F\d+$/.test(key);
  if (!isF && !mods.some((m) => m !== 'Shift')) {
    return { ok: false, message: 'Use Ctrl (or Cmd) or Alt with the key, so typing elsewhere is not taken.' };
  }
  return { ok: true, accelerator: [...mods, key].join('+') };
}

/** Actions whose shortcut equals another's, with a message naming the other. */
export function shortcutConflicts(
  shortcuts: Record<ShortcutAction, string>,
  labels: Record<ShortcutAction, string>,
): Partial<Record<ShortcutAction, string>> {
  const out: Partial<Record<ShortcutAction, string>> = {};
  const actions = Object.keys(shortcuts) as ShortcutAction[];
  for (const a of actions) {
    for (const b of actions) {
      if (a !== b && shortcuts[a] && shortcutKey(shortcuts[a]) === shortcutKey(shortcuts[b])) {
        out[a] = `Same shortcut as “${labels[b]}”.`;
      }
    }
  }
  return out;
}
