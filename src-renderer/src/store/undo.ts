/**
 * The undo bar's model: which held action it offers to take back, what it says ("Resolved #12"),
 * and the reducer that takes an undone action's rows back to their real state. Pure, DOM-free.
 * The hold itself lives in the core (`core/actions/undo.ts`): nothing is sent during the window.
 */
import type { ActionHeld } from '../../../src-main/shared/types';
import type { DataState } from './model';

/** Default undo window when the settings are not loaded yet (the setting's default). */
export const DEFAULT_UNDO_SECONDS = 5;

/** The action the undo bar offers to take back. */
export interface PendingUndo {
  /** Null while the hold is on its way to the core (the bar already offers Undo). */
  actionId: string | null;
  kind: ActionHeld['kind'];
  incidentIds: string[];
  /** What the bar says before "Undo", e.g. "Resolved #12". */
  label: string;
  /** Epoch ms (renderer clock) the window ends. */
  until: number;
  /** The selection before the action, restored on undo. */
  selectedBefore: string | null;
}

/** "Resolved #12", "Resolved 3 incidents", "Acknowledged 4 incidents". */
export function undoLabel(kind: ActionHeld['kind'], ids: string[], data: DataState): string {
  const verb = kind === 'resolve' ? 'Resolved' : 'Acknowledged';
  if (ids.length === 1) {
    const inc = data.incidents[ids[0]!];
    return inc ? `${verb} #${inc.number}` : `${verb} 1 incident`;
  }
  return `${verb} ${ids.length} incidents`;
}

/** Drop the "sending" marks of the given incidents (the action was taken back, not failed). */
export function dropSending(data: DataState, ids: string[]): DataState {
  const sending = { ...data.sending };
  let changed = false;
  for (const id of ids) {
    if (id in sending) {
      delete sending[id];
      changed = true;
    }
  }
  return changed ? { ...data, sending } : data;
}

/** Seconds left in the window, rounded up (what the bar counts down). */
export function secondsLeft(u: PendingUndo, now: number): number {
  return Math.max(0, Math.ceil((u.until - now) / 1000));
}
