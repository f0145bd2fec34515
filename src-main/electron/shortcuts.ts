/**
 * Global shortcuts: registers the configured accelerators, reports per action why one could not be
 * registered (invalid, a duplicate, or taken by another app), and unregisters all on quit.
 */
import { app, globalShortcut } from 'electron';
import { shortcutKey, type AppSettings, type ShortcutAction } from '../ipc/app-settings.js';
import type { Logger } from '../core/ports.js';
import { validateAccelerator } from '../app/accelerators.js';
import type { ShortcutErrors } from '../app/settings-service.js';

export type { ShortcutErrors };

/** What the shortcuts controller offers. */
export interface ShortcutsController {
  /** Replace all registrations with these accelerators; returns the errors per action. */
  apply(shortcuts: AppSettings['shortcuts']): ShortcutErrors;
  errors(): ShortcutErrors;
  unregisterAll(): void;
}

const ACTIONS: ShortcutAction[] = ['acknowledgeNewest', 'acknowledgeAllMine', 'showWindow'];

/** Set up global shortcuts with a handler per action. */
export function setupShortcuts(
  handlers: Record<ShortcutAction, () => void>,
  logger: Logger,
): ShortcutsController {
  let errors: ShortcutErrors = { acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null };
  app.on('will-quit', () => globalShortcut.unregisterAll());

  return {
    apply(shortcuts) {
      globalShortcut.unregisterAll();
      const next: ShortcutErrors = { acknowledgeNewest: null, acknowledgeAllMine: null, showWindow: null };
      const seen = new Map<string, ShortcutAction>();
      for (const action of ACTIONS) {
        const accel = shortcuts[action].trim();
        if (accel === '') continue;
        const check = validateAccelerator(accel);
        if (!check.ok) {
          next[action] = `not registered: ${check.message}`;
          continue;
        }
        const norm = shortcutKey(accel);
        const other = seen.get(norm);
        if (other) {
          next[action] = `not registered: ${accel} is already used for ${other}`;
          continue;
        }
        let ok = false;
        try {
          ok = globalShortcut.register(accel, handlers[action]);
        } catch (err) {
          next[action] =
            `not registered: Electron rejected ${accel} (${err instanceof Error ? err.message : 'unknown'})`;
          continue;
        }
        if (!ok) {
          next[action] = `not registered: ${accel} is taken by another application or the system`;
          continue;
        }
        seen.set(norm, action);
      }
      errors = next;
      for (const action of ACTIONS) {
        if (errors[action]) logger.warn('shortcuts: registration failed', { action, reason: errors[action] });
      }
      return { ...errors };
    },
    errors: () => ({ ...errors }),
    unregisterAll: () => globalShortcut.unregisterAll(),
  };
}
