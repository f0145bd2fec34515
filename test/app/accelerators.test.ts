import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateAccelerator } from '../../src-main/app/accelerators.js';
import { DEFAULT_SHORTCUTS } from '../../src-main/ipc/app-settings.js';

describe('accelerators', () => {
  it('accepts the defaults and common forms', () => {
    for (const a of [
      ...Object.values(DEFAULT_SHORTCUTS),
      'Ctrl+Shift+F12',
      'Alt+Space',
      'Super+num5',
      'CmdOrCtrl+Plus',
      'Ctrl++',
    ]) {
      expect(validateAccelerator(a)).toMatchObject({ ok: true });
    }
  });

  it.each([
    ['', 'enter a shortcut'],
    ['Ctrl + A', 'remove the spaces'],
    ['Ctrl+', 'nothing on one side'],
    ['A', 'needs a modifier'],
    ['Ctrl+Alt', 'add a key'],
    ['Ctrl+A+B', 'only one key'],
    ['Ctrl+Ctrl+A', 'Control appears twice'],
    ['Ctrl+Hyper+A', '"Hyper" is not a key'],
    ['A+Ctrl', 'put the key last'],
    ['Ctrl+F25', '"F25" is not a key'],
  ])('rejects %j with a clear message', (input, message) => {
    const res = validateAccelerator(input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toContain(message);
  });

  it('never throws and always explains a rejection', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const res = validateAccelerator(s);
        if (!res.ok) expect(res.message.length).toBeGreaterThan(5);
      }),
    );
  });
});
