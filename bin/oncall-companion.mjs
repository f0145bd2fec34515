#!/usr/bin/env node
// Launcher of the headless command. The CLI is bundled by `npm run build` (run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.mjs', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(
    'oncall-companion: not built yet. Run `npm run build` (or `npm install`) in the project folder.\n',
  );
  process.exit(1);
}
await import(pathToFileURL(entry).href);
