/**
 * The keyboard map: every documented key maps to its command, text fields keep their keys, and
 * browser shortcuts (Ctrl/Cmd/Alt) are left alone.
 */
import { describe, expect, it } from 'vitest';
import { commandFor, SHORTCUTS, type KeyPress } from '../../src-renderer/src/keyboard/keymap.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const list = { inTextField: false, onControl: false };

describe('keymap', () => {
  it('maps the documented keys', () => {
    expect(commandFor(press('j'), list)).toBe('down');
    expect(commandFor(press('ArrowDown'), list)).toBe('down');
    expect(commandFor(press('k'), list)).toBe('up');
    expect(commandFor(press('ArrowUp'), list)).toBe('up');
    expect(commandFor(press('a'), list)).toBe('acknowledge');
    expect(commandFor(press('r'), list)).toBe('resolve');
    expect(commandFor(press('s'), list)).toBe('snooze');
    expect(commandFor(press('Enter'), list)).toBe('open');
    expect(commandFor(press('Escape'), list)).toBe('back');
    expect(commandFor(press('A', { shiftKey: true }), list)).toBe('acknowledgeAllMine');
    expect(commandFor(press('/'), list)).toBe('filter');
    expect(commandFor(press('?', { shiftKey: true }), list)).toBe('help');
    expect(commandFor(press('4'), list)).toBe('viewServices');
    expect(commandFor(press('c'), list)).toBe('whoElse');
  });

  it('leaves browser and OS shortcuts alone', () => {
    expect(commandFor(press('a', { ctrlKey: true }), list)).toBeNull();
    expect(commandFor(press('r', { metaKey: true }), list)).toBeNull();
    expect(commandFor(press('j', { altKey: true }), list)).toBeNull();
    expect(commandFor(press('R', { shiftKey: true }), list)).toBeNull();
  });

  it('lets text fields keep their keys, except Esc and arrow down', () => {
    const field = { inTextField: true, onControl: false };
    for (const k of ['a', 'r', 's', 'j', 'k', '/', '?', 'Enter'])
      expect(commandFor(press(k), field)).toBeNull();
    expect(commandFor(press('Escape'), field)).toBe('back');
    expect(commandFor(press('ArrowDown'), field)).toBe('down');
  });

  it('lets Enter press a focused button instead of opening', () => {
    expect(commandFor(press('Enter'), { inTextField: false, onControl: true })).toBeNull();
  });

  it('lists every core shortcut in the help', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ['j', 'k', 'a', 'r', 's', 'Enter', 'Esc', 'A', '/', '?', '4', 'c'])
      expect(keys).toContain(k);
  });
});
