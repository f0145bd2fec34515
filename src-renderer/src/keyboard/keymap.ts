/**
 * The keyboard map: which key does what, as a pure function from a key press and where focus is to
 * a command, plus the list the help overlay shows. DOM-free so it is unit-tested directly.
 */

/** What a key press asks for. */
export type Command =
  | 'down'
  | 'up'
  | 'first'
  | 'last'
  | 'pageDown'
  | 'pageUp'
  | 'acknowledge'
  | 'resolve'
  | 'snooze'
  | 'open'
  | 'back'
  | 'acknowledgeAllMine'
  | 'filter'
  | 'help'
  | 'refresh'
  | 'settings'
  | 'undo'
  | 'note'
  | 'openInPagerDuty'
  | 'reassign'
  | 'escalate'
  | 'responders'
  | 'priority'
  | 'statusUpdate'
  | 'merge'
  | 'joinBridge'
  | 'viewIncidents'
  | 'viewLoad'
  | 'viewSettings'
  | 'viewServices'
  | 'whoElse';

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where the key was pressed. */
export interface KeyContext {
  /** Focus is in a text field (the filter box, a settings field). */
  inTextField: boolean;
  /** Focus is on a button or link, where Enter/Space already mean "press". */
  onControl: boolean;
}

/** The command for a key press, or null to let the browser have it. */
export function commandFor(press: KeyPress, ctx: KeyContext): Command | null {
  if (press.key === 'Escape') return 'back';
  // Ctrl+Z / Cmd+Z undoes the last resolve while its window lasts (a text field keeps its own undo).
  if ((press.ctrlKey || press.metaKey) && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'z')
    return ctx.inTextField ? null : 'undo';
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (ctx.inTextField) return press.key === 'ArrowDown' ? 'down' : null;
  switch (press.key) {
    case 'j':
    case 'ArrowDown':
      return 'down';
    case 'k':
    case 'ArrowUp':
      return 'up';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'PageDown':
      return 'pageDown';
    case 'PageUp':
      return 'pageUp';
    case 'Enter':
      return ctx.onControl ? null : 'open';
    case '/':
      return 'filter';
    case '?':
      return 'help';
    case '1':
      return 'viewIncidents';
    case '2':
      return 'viewLoad';
    case '3':
      return 'viewSettings';
    case '4':
      return 'viewServices';
  }
  const lower = press.key.toLowerCase();
  if (lower === 'a') return press.shiftKey ? 'acknowledgeAllMine' : 'acknowledge';
  if (press.shiftKey) return null;
  if (lower === 'r') return 'resolve';
  if (lower === 's') return 'snooze';
  if (lower === 'u') return 'undo';
  if (lower === 'n') return 'note';
  if (lower === 'o') return 'openInPagerDuty';
  if (lower === 'g') return 'refresh';
  if (lower === 't') return 'reassign';
  if (lower === 'e') return 'escalate';
  if (lower === 'h') return 'responders';
  if (lower === 'p') return 'priority';
  if (lower === 'w') return 'statusUpdate';
  if (lower === 'm') return 'merge';
  if (lower === 'b') return 'joinBridge';
  if (lower === 'c') return 'whoElse';
  if (lower === ',') return 'settings';
  return null;
}

/** Every shortcut, as the help overlay lists it. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['j', '↓'], what: 'Next incident' },
  { keys: ['k', '↑'], what: 'Previous incident' },
  { keys: ['Home', 'End'], what: 'First / last incident' },
  { keys: ['a'], what: 'Acknowledge the selected incident' },
  { keys: ['r'], what: 'Resolve the selected incident' },
  { keys: ['s'], what: 'Snooze the selected incident (then 1–5 to pick how long)' },
  { keys: ['Shift', 'A'], what: 'Acknowledge all incidents assigned to me' },
  { keys: ['u', 'Ctrl+Z'], what: 'Undo the last resolve or acknowledge-all (while its undo bar shows)' },
  { keys: ['Enter'], what: 'Open the selected incident (or double-click it)' },
  { keys: ['n'], what: 'Add a note to the open incident' },
  { keys: ['o'], what: 'Open the incident in PagerDuty' },
  { keys: ['t'], what: 'Reassign the incident (type part of a name)' },
  { keys: ['e'], what: 'Escalate to a level of its escalation policy' },
  { keys: ['h'], what: 'Ask for help: add responders with a message' },
  { keys: ['p'], what: 'Priority and urgency' },
  { keys: ['w'], what: 'Write a status update' },
  { keys: ['m'], what: 'Merge other incidents into this one' },
  { keys: ['b'], what: 'Join the conference bridge' },
  { keys: ['c'], what: 'Who else is on call for the incident (its service and policy)' },
  { keys: ['1', '2', '3', '4'], what: 'Incidents / Load / Settings / Services' },
  { keys: ['Esc'], what: 'Back to the list, close a menu or this help' },
  { keys: ['/'], what: 'Filter the list (in Services: search by name; typing a letter searches too)' },
  { keys: ['↑', '↓'], what: 'In Services: move between the services; Enter opens its incidents' },
  { keys: ['g'], what: 'Sync now' },
  { keys: [','], what: 'Settings' },
  { keys: ['?'], what: 'Show this help' },
];
