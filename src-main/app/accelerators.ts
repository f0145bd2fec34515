/**
 * Validation of Electron accelerator strings (e.g. `CommandOrControl+Alt+A`): known modifiers, one
 * key, no repeats, with a message that says what is wrong.
 */

/** Modifier spellings Electron accepts, each mapped to its canonical name (aliases count as one). */
const MODIFIERS = new Map<string, string>([
  ['command', 'Command'],
  ['cmd', 'Command'],
  ['control', 'Control'],
  ['ctrl', 'Control'],
  ['commandorcontrol', 'CommandOrControl'],
  ['cmdorctrl', 'CommandOrControl'],
  ['alt', 'Alt'],
  ['option', 'Alt'],
  ['altgr', 'AltGr'],
  ['shift', 'Shift'],
  ['super', 'Super'],
  ['meta', 'Super'],
]);

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Set(NAMED_KEYS.map((k) => k.toLowerCase()));
const PUNCTUATION = new Set([...')!@#$%^&*(:;<=>?_-~[{]}|\\`\',./"']);

/** Result of validating an accelerator. */
export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; message: string };

function isKey(part: string): boolean {
  if (/^[A-Za-z0-9]$/.test(part)) return true;
  if (/^F([1-9]|1\d|2[0-4])$/i.test(part)) return true;
  if (part.length === 1 && PUNCTUATION.has(part)) return true;
  return NAMED.has(part.toLowerCase());
}

/**
 * Check an accelerator. Global shortcuts need at least one modifier (a bare key would steal typing
 * from every app), exactly one key, and no modifier twice.
 */
export function validateAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'enter a shortcut such as CommandOrControl+Alt+A' };
  if (/\s/.test(text)) return { ok: false, message: 'remove the spaces: write keys joined by "+"' };
  // "+" is written "Plus"; a trailing "+" after "+" means the key "+".
  const parts = text.endsWith('++') ? [...text.slice(0, -2).split('+'), 'Plus'] : text.split('+');
  if (parts.some((p) => p === '')) return { ok: false, message: 'a "+" has nothing on one side' };
  const mods: string[] = [];
  const keys: string[] = [];
  for (const part of parts) {
    const mod = MODIFIERS.get(part.toLowerCase());
    if (mod) {
      if (mods.includes(mod)) {
        return { ok: false, message: `${mod} appears twice (${part} is another name for it)` };
      }
      mods.push(mod);
    } else if (isKey(part)) {
      keys.push(part);
    } else {
      return {
        ok: false,
        message: `"${part}" is not a key Electron knows (try a letter, a digit, F1-F24 or Space)`,
      };
    }
  }
  if (keys.length === 0) return { ok: false, message: 'add a key after the modifiers, e.g. +A' };
  if (keys.length > 1)
    return { ok: false, message: `only one key may follow the modifiers (found ${keys.join(', ')})` };
  if (mods.length === 0) {
    return {
      ok: false,
      message: 'a global shortcut needs a modifier (CommandOrControl, Alt, Shift or Super)',
    };
  }
  const last = parts[parts.length - 1];
  if (last === undefined || MODIFIERS.has(last.toLowerCase())) {
    return { ok: false, message: 'put the key last, after the modifiers' };
  }
  return { ok: true, accelerator: text };
}
