/** Do Not Disturb readers, per platform, against a scripted command runner. */
import { describe, expect, it } from 'vitest';
import { readSilenced, silencedWarning, type CommandRunner } from '../../src-main/node/dnd.js';

const runner =
  (answers: Record<string, string | null>): CommandRunner =>
  async (cmd, args) =>
    answers[[cmd, ...args].join(' ')] ?? null;

describe('Do Not Disturb', () => {
  it('reads GNOME show-banners and dunst paused on Linux', async () => {
    const gnomeOff = runner({ 'gsettings get org.gnome.desktop.notifications show-banners': 'false\n' });
    expect(await readSilenced('linux', gnomeOff)).toBe('GNOME Do Not Disturb is on');
    const dunst = runner({
      'gsettings get org.gnome.desktop.notifications show-banners': 'true\n',
      'dunstctl is-paused': 'true\n',
    });
    expect(await readSilenced('linux', dunst)).toBe('dunst is paused');
    expect(await readSilenced('linux', runner({ 'dunstctl is-paused': 'false\n' }))).toBeNull();
    expect(await readSilenced('linux', runner({}))).toBeNull();
  });

  it('reads macOS Do Not Disturb where readable; Windows is unknown', async () => {
    const mac = runner({ 'defaults -currentHost read com.apple.notificationcenterui doNotDisturb': '1\n' });
    expect(await readSilenced('darwin', mac)).toBe('macOS Do Not Disturb is on');
    expect(await readSilenced('darwin', runner({}))).toBeNull();
    expect(await readSilenced('win32', mac)).toBeNull();
  });

  it('warns only while on call', () => {
    expect(silencedWarning('dunst is paused', true)).toBe(
      'Notifications are silenced while you are on call (dunst is paused)',
    );
    expect(silencedWarning('dunst is paused', false)).toBeNull();
    expect(silencedWarning(null, true)).toBeNull();
  });
});
