/**
 * Start at login on Linux: the Settings switch writes and removes an XDG autostart entry in a
 * temporary XDG config folder, through the shell's own `applyLoginItem` (mocked Electron, Linux),
 * with `--hidden` when "start hidden in the tray" is on. The Exec line is quoted per the Desktop
 * Entry Specification and read back by an independent parser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogger } from '../electron/fixtures.js';
import {
  applyAutostart,
  autostartFile,
  desktopEntry,
  execArg,
  linuxProgram,
} from '../../src-main/node/autostart.js';

vi.mock('electron', async () => (await import('../electron/electron-mock.js')).electronModule());
const { applyLoginItem, HIDDEN_FLAG } = await import('../../src-main/electron/lifecycle.js');

/** Split an Exec value as the specification says (double quotes, backslash escapes, %% for %). */
function parseExec(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === '\\') cur += value[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ' ') {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (cur || any) out.push(cur);
  return out.map((a) => a.replace(/%%/g, '%'));
}

function execOf(file: string): string[] {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Exec='))!;
  return parseExec(line.slice('Exec='.length));
}

let xdg: string;
beforeEach(() => {
  xdg = mkdtempSync(join(tmpdir(), 'occ-xdg-'));
});
afterEach(() => rmSync(xdg, { recursive: true, force: true }));

describe('Linux autostart', () => {
  it('the setting writes the entry (hidden when asked) and removes it again', async () => {
    const env = { XDG_CONFIG_HOME: xdg, APPIMAGE: '/home/me/Apps/On-Call Companion.AppImage' };
    const file = join(xdg, 'autostart', 'oncall-companion.desktop');
    expect(autostartFile(env)).toBe(file);
    await applyLoginItem(true, true, captureLogger(), 'linux', env);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=On-Call Companion\n/);
    expect(text).toContain('X-GNOME-Autostart-enabled=true');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(execOf(file)).toEqual(['/home/me/Apps/On-Call Companion.AppImage', HIDDEN_FLAG]);

    await applyLoginItem(true, false, captureLogger(), 'linux', env);
    expect(execOf(file)).toEqual(['/home/me/Apps/On-Call Companion.AppImage']);

    await applyLoginItem(false, false, captureLogger(), 'linux', env);
    expect(existsSync(file)).toBe(false);
    // Removing what is not there is fine (the setting was already off).
    await applyLoginItem(false, false, captureLogger(), 'linux', env);
    expect(existsSync(join(xdg, 'autostart'))).toBe(true);
  });

  it('an unwritable folder is logged, not thrown', async () => {
    const logger = captureLogger();
    // A file where the folder should be (root ignores permissions, so not a read-only folder).
    writeFileSync(join(xdg, 'blocker'), '');
    await applyLoginItem(true, false, logger, 'linux', { XDG_CONFIG_HOME: join(xdg, 'blocker') });
    expect(logger.lines.join('\n')).toMatch(/could not change the autostart entry/);
  });

  it('Exec arguments survive quoting, whatever the path (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\r\n]/.test(s)),
          { minLength: 1, maxLength: 4 },
        ),
        (args) => {
          const text = desktopEntry({ name: 'x', exec: args });
          const line = text.split('\n').find((l) => l.startsWith('Exec='))!;
          expect(parseExec(line.slice(5))).toEqual(args);
        },
      ),
    );
    expect(execArg('/usr/bin/oncall-companion')).toBe('/usr/bin/oncall-companion');
    expect(execArg('/opt/On-Call Companion/x')).toBe('"/opt/On-Call Companion/x"');
    expect(execArg('100%')).toBe('100%%');
  });

  it('starts the AppImage itself when run from one, else the executable', async () => {
    expect(linuxProgram({ APPIMAGE: '/a/b.AppImage' }, '/tmp/.mount_x/oncall')).toBe('/a/b.AppImage');
    expect(linuxProgram({}, '/opt/On-Call Companion/oncall-companion')).toBe(
      '/opt/On-Call Companion/oncall-companion',
    );
    const file = await applyAutostart({
      enabled: true,
      program: '/x',
      args: [],
      name: 'N',
      env: { XDG_CONFIG_HOME: xdg },
    });
    expect(file.startsWith(xdg)).toBe(true);
  });
});
