// Builds the Node and Electron entry points with esbuild (the renderer is built by Vite).
// Usage: node scripts/build.mjs [cli|main|preload ...]  (default: all that exist)
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const targets = {
  cli: {
    entryPoints: ['src-main/cli/main.ts'],
    outfile: 'dist/cli/main.mjs',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages with native helpers or dynamic requires stay outside the bundle.
    external: ['node-notifier', '@napi-rs/keyring'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  },
  main: {
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['electron', 'node-notifier', 'electron-updater', '@napi-rs/keyring'],
    // Keep `import('node-notifier')` a plain require so it resolves inside app.asar like any CJS module.
    supported: { 'dynamic-import': false },
  },
  preload: {
    entryPoints: ['src-main/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['electron'],
  },
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(targets);
for (const name of names) {
  const t = targets[name];
  if (!t) {
    console.error(`build: unknown target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  if (!existsSync(t.entryPoints[0])) {
    console.error(`build: skipping ${name}: ${t.entryPoints[0]} does not exist yet`);
    continue;
  }
  await build({ bundle: true, sourcemap: false, logLevel: 'warning', legalComments: 'none', ...t });
}
