// `npm start`: run the built app in Electron, or, when the Electron binary is missing (its download
// from GitHub failed, as on networks that only reach the npm registry), say so in one line with the
// fix instead of Electron's two stack traces.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let binary = null;
try {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  else if (existsSync(pathFile)) binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (binary && !existsSync(binary)) binary = null;
} catch {
  binary = null;
}
if (!binary) {
  console.error(
    'npm start: the Electron binary is not installed (its download failed): set ELECTRON_MIRROR (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node node_modules/electron/install.js) and run npm start again, or try the app in a browser with npx oncall-companion preview',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
