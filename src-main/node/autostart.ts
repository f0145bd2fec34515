/**
 * Start at login on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<id>.desktop`
 * (default `~/.config/autostart`), which GNOME, KDE, Xfce and most session managers run at login.
 * Electron's `setLoginItemSettings` covers macOS and Windows only. Written atomically (temp file +
 * rename); removed when the setting is off. No library writes these files, and the format is a few
 * lines of the Desktop Entry Specification, so it is written here.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const AUTOSTART_ID = 'oncall-companion';

/** The autostart folder for an environment. */
export function autostartDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/')
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  return join(base, 'autostart');
}

export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(autostartDir(env), `${AUTOSTART_ID}.desktop`);
}

/**
 * One argument of an `Exec=` line: quoted when it holds a reserved character, with `"`, `` ` ``,
 * `$` and `\` escaped inside the quotes, and `%` doubled (field codes), per the specification.
 */
export function execArg(arg: string): string {
  const field = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(field) && field !== '') return field;
  return `"${field.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The desktop entry text. `exec` is the program and its arguments. */
export function desktopEntry(o: { name: string; exec: readonly string[]; comment?: string }): string {
  const line = (s: string): string => s.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${line(o.name)}`,
    ...(o.comment ? [`Comment=${line(o.comment)}`] : []),
    `Exec=${o.exec.map(execArg).join(' ')}`,
    `Icon=${AUTOSTART_ID}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface AutostartOptions {
  enabled: boolean;
  /** The program to start: the AppImage file for an AppImage, else the executable. */
  program: string;
  /** Arguments (e.g. `--hidden` to start in the tray). */
  args: readonly string[];
  name: string;
  env?: NodeJS.ProcessEnv;
}

/** Write or remove the autostart entry; resolves with the file's path. */
export async function applyAutostart(o: AutostartOptions): Promise<string> {
  const file = autostartFile(o.env);
  if (!o.enabled) {
    await rm(file, { force: true });
    return file;
  }
  await mkdir(autostartDir(o.env), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(
    tmp,
    desktopEntry({
      name: o.name,
      exec: [o.program, ...o.args],
      comment: 'Hear a page at once, act in one keystroke',
    }),
    { mode: 0o644 },
  );
  await rename(tmp, file);
  return file;
}

/** What to start at login on Linux: the AppImage itself (its mount path changes each run), else the executable. */
export function linuxProgram(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && env.APPIMAGE.startsWith('/') ? env.APPIMAGE : execPath;
}
