/**
 * All persisted settings of the desktop app: the core's settings plus the shell's (shortcuts, login
 * item, history, runbooks). One schema validates the store on load, every IPC update and the
 * renderer's form, so a field error reads the same everywhere.
 */
import { z } from 'zod';
import { coreSettingsSchema } from '../core/settings.js';
import { runbookSchema } from '../shared/runbook.js';
import { UNDO_MAX_S } from '../shared/limits.js';

export { runbookSchema, type Runbook } from '../shared/runbook.js';

/** Default global accelerators. */
export const DEFAULT_SHORTCUTS = {
  acknowledgeNewest: 'CommandOrControl+Alt+A',
  acknowledgeAllMine: 'CommandOrControl+Alt+Shift+A',
  showWindow: 'CommandOrControl+Alt+O',
} as const;

export type ShortcutAction = keyof typeof DEFAULT_SHORTCUTS;

const MOD_ALIASES = /^(cmdorctrl|commandorcontrol|ctrl|control|cmd|command)$/;

/**
 * The identity of an accelerator for clash checks: case, modifier order and the spellings of the
 * primary modifier (`Ctrl`, `CommandOrControl`, …) do not make two shortcuts different.
 */
export function shortcutKey(accelerator: string): string {
  const parts = accelerator
    .split('+')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '')
    .map((p) => (MOD_ALIASES.test(p) ? 'mod' : p));
  const key = parts.pop() ?? '';
  return [...new Set(parts)].sort().concat(key).join('+');
}

/** The bundled alert sounds (generated in node/alert-sounds.ts). */
export const ALERT_SOUNDS = ['chime', 'pulse', 'siren'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 22:00');

export const appSettingsSchema = coreSettingsSchema.extend({
  shortcuts: z
    .object({
      acknowledgeNewest: z.string().default(DEFAULT_SHORTCUTS.acknowledgeNewest),
      acknowledgeAllMine: z.string().default(DEFAULT_SHORTCUTS.acknowledgeAllMine),
      showWindow: z.string().default(DEFAULT_SHORTCUTS.showWindow),
    })
    .default({ ...DEFAULT_SHORTCUTS }),
  launchAtLogin: z.boolean().default(false),
  startHidden: z.boolean().default(false),
  /** Check for, and download, updates in the background (installed only on restart or at quit). */
  autoUpdate: z.boolean().default(true),
  /** Pages inside this window count as off-hours interruptions. */
  offHours: z
    .object({ start: hhmm.default('22:00'), end: hhmm.default('07:00') })
    .default({ start: '22:00', end: '07:00' }),
  /** Minutes before a shift ends to remind the user to hand off; 0 = never. */
  handoffReminderMinutes: z.number().int().min(0).max(240).default(30),
  /** Which bundled sound a page plays, and how loud (0-100; reminders play it louder, up to 100). */
  alertSound: z.enum(ALERT_SOUNDS).default('chime'),
  alertVolume: z.number().int().min(0).max(100).default(80),
  /** Seconds a resolve or an acknowledge-all waits, undoable, before it is sent; 0 = no undo. */
  undoSeconds: z.number().int().min(0).max(UNDO_MAX_S).default(5),
  /** Runbooks set in Settings, per service. */
  runbooks: z.array(runbookSchema).default([]),
  /** A shared runbook file: a local path or an https URL. */
  runbookSource: z.string().nullable().default(null),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

/** The defaults, as a fresh object. */
export function defaultAppSettings(): AppSettings {
  return appSettingsSchema.parse({});
}
