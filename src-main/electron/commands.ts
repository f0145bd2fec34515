/**
 * The app's user commands, shared by the tray menu and the global shortcuts: acknowledge my newest
 * page, acknowledge all mine, show the window (on an incident), pause low-urgency notifications,
 * settings and quit.
 */
import type { CompanionApi, CompanionSnapshot } from '../core/companion-types.js';
import type { Incident } from '../core/domain.js';
import type { Logger } from '../core/ports.js';
import type { TrayAction } from './tray-menu.js';

/** The newest triggered incident assigned to me, or null. */
export function newestTriggeredMine(snapshot: CompanionSnapshot): Incident | null {
  const me = snapshot.me?.id;
  if (!me) return null;
  const mine = snapshot.incidents.filter(
    (i) => i.status === 'triggered' && i.assignees.some((a) => a.id === me),
  );
  mine.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number);
  return mine[0] ?? null;
}

/** What the commands act on. */
export interface CommandTargets {
  companion: () => CompanionApi | null;
  /** Show the window; with an incident id, focus that incident. */
  showWindow: (incidentId: string | null) => void;
  openSettings: () => void;
  /** Pause (minutes) or resume (null) low-urgency notifications. */
  pauseLowUrgency: (minutes: number | null) => void;
  quit: () => void;
  /** Restart into the downloaded update (the user asked). */
  installUpdate?: () => void;
  logger: Logger;
}

/** The commands. */
export interface Commands {
  acknowledgeNewest(): Promise<void>;
  acknowledgeAllMine(): Promise<void>;
  showWindow(): void;
  /** Run a tray menu action. */
  run(action: TrayAction): Promise<void>;
}

/** Create the commands over their targets. */
export function createCommands(t: CommandTargets): Commands {
  const guard = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      t.logger.warn(`commands: ${what} failed`, { error: err instanceof Error ? err.message : 'unknown' });
    }
  };
  const acknowledgeNewest = (): Promise<void> =>
    guard('acknowledge newest', async () => {
      const c = t.companion();
      if (!c) return;
      const page = newestTriggeredMine(c.snapshot());
      if (!page) {
        t.logger.info('commands: no triggered page of mine to acknowledge');
        return;
      }
      await c.acknowledge([page.id]);
    });
  const acknowledgeAllMine = (): Promise<void> =>
    guard('acknowledge all mine', async () => {
      await t.companion()?.acknowledgeAllMine();
    });

  return {
    acknowledgeNewest,
    acknowledgeAllMine,
    showWindow: () => t.showWindow(null),
    async run(action) {
      switch (action.kind) {
        case 'acknowledge':
          return guard('acknowledge', async () => {
            await t.companion()?.acknowledge([action.incidentId]);
          });
        case 'escalate':
          return guard('escalate', async () => {
            await t.companion()?.escalate(action.incidentId, action.level);
          });
        case 'open_incident':
          return t.showWindow(action.incidentId);
        case 'acknowledge_all_mine':
          return acknowledgeAllMine();
        case 'open_window':
          return t.showWindow(null);
        case 'pause_low_urgency':
          return t.pauseLowUrgency(action.minutes);
        case 'resume_low_urgency':
          return t.pauseLowUrgency(null);
        case 'settings':
          return t.openSettings();
        case 'quit':
          return t.quit();
        case 'install_update':
          return t.installUpdate?.();
      }
    },
  };
}
