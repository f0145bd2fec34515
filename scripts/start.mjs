// `npm start`: run the built app in Electron. Electron 45 downloads its binary on first use, not at
// `npm install`; this script does that download itself (one progress line), and where it fails (as on
// networks that only reach the npm registry) says so in one line with the fix instead of Electron's
// stack traces.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The installed binary's path, or null when it is not there (yet). */
function installedBinary(dir) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron's own installer, output captured: resolves with its first error line, or null. */
function download(dir) {
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const from = process.env.ELECTRON_MIRROR ? `from ${process.env.ELECTRON_MIRROR}` : 'from GitHub releases';
  console.error(`npm start: downloading Electron ${version} ${from} (first run only)…`);
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const first = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => l.trim() !== '');
  return first?.trim().slice(0, 200) ?? `exit code ${r.status}`;
}

const dir = electronDir();
let binary = dir ? installedBinary(dir) : null;
let reason = dir ? null : 'the electron package is not installed (run npm install)';
if (dir && !binary) {
  reason = download(dir);
  binary = reason ? null : installedBinary(dir);
  if (!binary && !reason) reason = 'the download finished but no binary is there';
}
if (!binary) {
  console.error(
    `npm start: the Electron binary could not be installed (${reason}): set ELECTRON_MIRROR (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start), or try the app in a browser with npx oncall-companion preview`,
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
