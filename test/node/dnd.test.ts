/** Do Not Disturb readers, per platform, against a scripted command runner. */
import { describe, expect, it } from 'vitest';
import {
  readSilenced,
  silencedWarning,
  WIN_QUNS_SCRIPT,
  type CommandRunner,
} from '../../src-main/node/dnd.js';

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

  it('reads macOS Do Not Disturb where readable', async () => {
    const mac = runner({ 'defaults -currentHost read com.apple.notificationcenterui doNotDisturb': '1\n' });
    expect(await readSilenced('darwin', mac)).toBe('macOS Do Not Disturb is on');
    expect(await readSilenced('darwin', runner({}))).toBeNull();
    expect(await readSilenced('win32', mac)).toBeNull();
  });

  // Scripted only: there is no Windows machine here, so the real `reg`/PowerShell answers are not run.
  it('reads Windows: notifications off in Settings, and the shell holding them back', async () => {
    const noc =
      'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Notifications\\Settings /v NOC_GLOBAL_SETTING_TOASTS_ENABLED';
    const toast =
      'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\PushNotifications /v ToastEnabled';
    const quns = `powershell.exe -NoProfile -NonInteractive -Command ${WIN_QUNS_SCRIPT}`;
    const regOut = (name: string, v: string) =>
      `\r\nHKEY_CURRENT_USER\\...\r\n    ${name}    REG_DWORD    0x${v}\r\n\r\n`;
    expect(
      await readSilenced('win32', runner({ [noc]: regOut('NOC_GLOBAL_SETTING_TOASTS_ENABLED', '0') })),
    ).toBe('Windows notifications are turned off in Settings');
    expect(await readSilenced('win32', runner({ [toast]: regOut('ToastEnabled', '0') }))).toBe(
      'Windows notifications are turned off in Settings',
    );
    expect(
      await readSilenced('win32', runner({ [toast]: regOut('ToastEnabled', '1'), [quns]: '4\r\n' })),
    ).toBe('Windows presentation mode is on');
    expect(await readSilenced('win32', runner({ [quns]: '6\r\n' }))).toBe('Windows quiet time is on');
    // Accepts notifications (5), an unreadable answer, or nothing at all: not silenced.
    expect(await readSilenced('win32', runner({ [quns]: '5\r\n' }))).toBeNull();
    expect(await readSilenced('win32', runner({ [quns]: 'Add-Type failed' }))).toBeNull();
    expect(await readSilenced('win32', runner({}))).toBeNull();
    // The shell's state costs a PowerShell start: one runner asks it once per 5 minutes.
    const calls: string[] = [];
    const counting: CommandRunner = async (cmd) => {
      calls.push(cmd);
      return cmd === 'powershell.exe' ? '4\r\n' : null;
    };
    expect(await readSilenced('win32', counting)).toBe('Windows presentation mode is on');
    expect(await readSilenced('win32', counting)).toBe('Windows presentation mode is on');
    expect(calls.filter((c) => c === 'powershell.exe')).toHaveLength(1);
    expect(calls.filter((c) => c === 'reg')).toHaveLength(4);
  });

  it('warns only while on call', () => {
    expect(silencedWarning('dunst is paused', true)).toBe(
      'Notifications are silenced while you are on call (dunst is paused)',
    );
    expect(silencedWarning('dunst is paused', false)).toBeNull();
    expect(silencedWarning(null, true)).toBeNull();
  });
});
