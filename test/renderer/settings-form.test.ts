/**
 * The Settings form's pure helpers: dotted paths, field errors from the shared schema, accelerator
 * capture and shortcut conflicts.
 */
import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import {
  acceleratorFrom,
  errorsFor,
  getPath,
  parseIdList,
  setPath,
  shortcutConflicts,
  validateDraft,
} from '../../src-renderer/src/views/settings/form-logic.js';

const key = (
  k: string,
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('settings form', () => {
  it('reads and writes dotted paths without touching the original', () => {
    const s = defaultAppSettings();
    const next = setPath(s, 'notifications.quietHours.start', '23:00');
    expect(getPath(next, 'notifications.quietHours.start')).toBe('23:00');
    expect(s.notifications.quietHours.start).toBe('22:00');
    expect(next.notifications.sound).toBe(true);
  });

  it('names each invalid field', () => {
    const bad = setPath(
      setPath(defaultAppSettings(), 'pollIntervalSeconds', 1),
      'notifications.quietHours.end',
      '7am',
    );
    const res = validateDraft(bad);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(errorsFor(res.errors, 'pollIntervalSeconds')).toEqual(['poll at most every 2 s']);
    expect(errorsFor(res.errors, 'notifications.quietHours.end')).toEqual(['use 24-hour HH:MM, e.g. 22:00']);
    expect(errorsFor(res.errors, 'notifications')).toHaveLength(1);
    expect(validateDraft(defaultAppSettings()).ok).toBe(true);
  });

  it('turns a key press into an accelerator, and refuses bare keys', () => {
    expect(acceleratorFrom(key('a', 'KeyA', { ctrlKey: true, altKey: true }))).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Alt+A',
    });
    expect(acceleratorFrom(key('A', 'KeyA', { metaKey: true, shiftKey: true }))).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Shift+A',
    });
    expect(acceleratorFrom(key('F8', 'F8'))).toEqual({ ok: true, accelerator: 'F8' });
    expect(acceleratorFrom(key('a', 'KeyA'))).toMatchObject({ ok: false });
    expect(acceleratorFrom(key('A', 'KeyA', { shiftKey: true }))).toMatchObject({ ok: false });
    expect(acceleratorFrom(key('Control', 'ControlLeft', { ctrlKey: true }))).toBeNull();
  });

  it('finds shortcut conflicts, whatever the spelling of Ctrl', () => {
    const labels = { acknowledgeNewest: 'Ack newest', acknowledgeAllMine: 'Ack mine', showWindow: 'Show' };
    const c = shortcutConflicts(
      {
        acknowledgeNewest: 'CmdOrCtrl+Alt+A',
        acknowledgeAllMine: 'CommandOrControl+Alt+A',
        showWindow: 'Alt+O',
      },
      labels,
    );
    expect(c.acknowledgeNewest).toMatch(/Ack mine/);
    expect(c.acknowledgeAllMine).toMatch(/Ack newest/);
    expect(c.showWindow).toBeUndefined();
  });

  it('splits id lists', () => {
    expect(parseIdList(' PA1, PB2 \n PC3,,')).toEqual(['PA1', 'PB2', 'PC3']);
  });
});
