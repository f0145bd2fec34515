/**
 * Binds the keyboard map to the window: one keydown listener that turns key presses into store
 * actions, leaving text fields, menus and dialogs their own keys.
 */
import { useEffect } from 'react';
import type { AppStore } from '../store/store';
import { selectRows } from '../store/store';
import { commandFor, type Command } from './keymap';

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  }
  return (el as HTMLElement).isContentEditable === true;
}

function isControl(el: Element | null): boolean {
  return (
    !!el && (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.tagName === 'SUMMARY')
  );
}

/** Run a command against the store. Returns false when the command did not apply. */
export function runCommand(
  store: AppStore,
  cmd: Command,
  filterInput: () => HTMLInputElement | null,
): boolean {
  const s = store.getState();
  const inList = s.view === 'incidents';
  const current = s.view === 'detail' ? s.openId : s.selectedId;
  const row = current ? selectRows(s).find((r) => r.incident.id === current) : undefined;
  switch (cmd) {
    case 'back': {
      const input = filterInput();
      if (document.activeElement === input && input) {
        if (s.filter) s.setFilter('');
        input.blur();
        return true;
      }
      s.back();
      return true;
    }
    case 'help':
      s.setHelp(!s.helpOpen);
      return true;
    case 'settings':
      s.setView('settings');
      return true;
    case 'refresh':
      void s.syncNow();
      return true;
    case 'filter':
      if (s.view === 'services') {
        document.querySelector<HTMLInputElement>('input[data-services-search]')?.focus();
        return true;
      }
      if (!inList) s.setView('incidents');
      setTimeout(() => filterInput()?.focus(), 0);
      return true;
    case 'down':
    case 'up':
    case 'first':
    case 'last':
    case 'pageDown':
    case 'pageUp': {
      if (!inList) return false;
      if (document.activeElement === filterInput()) (document.activeElement as HTMLElement).blur();
      const delta =
        cmd === 'down' ? 1 : cmd === 'up' ? -1 : cmd === 'pageDown' ? 10 : cmd === 'pageUp' ? -10 : cmd;
      s.move(delta);
      return true;
    }
    case 'open':
      if (!inList || !s.selectedId) return false;
      s.open(s.selectedId);
      return true;
    case 'acknowledge':
      if (!row) return false;
      if (row.status !== 'triggered') {
        // Say so rather than swallow the key: at 3 a.m. a silent `a` reads as "it worked".
        s.toast('info', `“${row.incident.title}” is already ${row.status}.`);
        return true;
      }
      void s.acknowledge([row.incident.id]);
      return true;
    case 'resolve':
      if (!row) return false;
      void s.resolve([row.incident.id]);
      return true;
    case 'snooze':
      if (!row) return false;
      s.setSnoozeFor(row.incident.id);
      return true;
    case 'acknowledgeAllMine':
      void s.acknowledgeAllMine();
      return true;
    case 'undo':
      if (!s.undo) return false;
      void s.undoLast();
      return true;
    case 'note': {
      if (!current) return false;
      if (s.view !== 'detail') s.open(current);
      // The detail renders first; then the note field takes the focus.
      setTimeout(() => document.querySelector<HTMLTextAreaElement>('textarea[data-note-input]')?.focus(), 0);
      return true;
    }
    case 'reassign':
    case 'escalate':
    case 'responders':
    case 'priority':
    case 'statusUpdate':
    case 'merge':
      if (!current) return false;
      if (s.view !== 'detail') s.open(current);
      store.getState().setWorkDialog(cmd);
      return true;
    case 'joinBridge':
      if (!current) return false;
      if (s.view !== 'detail') s.open(current);
      // The detail's Join button knows the bridge (read with the alerts); it says when there is none.
      setTimeout(() => {
        const join = document.querySelector<HTMLButtonElement>('button[data-join-bridge]');
        if (join) join.click();
        else
          store.getState().toast('info', 'This incident has no conference bridge (or it is still loading).');
      }, 0);
      return true;
    case 'openInPagerDuty':
      if (!current) return false;
      void s.openInPagerDuty(current);
      return true;
    case 'viewIncidents':
      s.setView('incidents');
      return true;
    case 'viewLoad':
      s.setView('load');
      return true;
    case 'viewSettings':
      s.setView('settings');
      return true;
    case 'viewServices':
      s.setView('services');
      return true;
    case 'whoElse': {
      if (!current) return false;
      if (s.view !== 'detail') s.open(current);
      // The detail renders first; its "Who else is on call" panel opens and takes the focus.
      setTimeout(() => document.querySelector<HTMLButtonElement>('button[data-who-else]')?.click(), 0);
      return true;
    }
  }
}

/** Commands that work in every view (the others need the list or the detail). */
const EVERYWHERE: ReadonlySet<Command> = new Set([
  'back',
  'help',
  'filter',
  'refresh',
  'undo',
  'viewIncidents',
  'viewLoad',
  'viewSettings',
  'viewServices',
]);

/** Listen to the window's keys for the life of the component. */
export function useKeyboard(store: AppStore, filterInput: () => HTMLInputElement | null): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = store.getState();
      const active = document.activeElement;
      const cmd = commandFor(e, { inTextField: isTextField(active), onControl: isControl(active) });
      if (!cmd) return;
      // A dialog or menu open: only Esc (and ? to close help) reach the app.
      if ((s.helpOpen || s.snoozeFor || s.workDialog) && cmd !== 'back' && cmd !== 'help') return;
      // Action keys act on the list or the detail only: on any other tab (Settings, Load, Shifts, Team)
      // they would reach an incident the user cannot see.
      const elsewhere = s.view !== 'incidents' && s.view !== 'detail';
      if (elsewhere && !EVERYWHERE.has(cmd)) return;
      if (runCommand(store, cmd, filterInput)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, filterInput]);
}
