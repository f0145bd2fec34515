/**
 * Packages the app for real with electron-builder's `--dir` target and a placeholder Electron
 * folder (the binary cannot be downloaded here), then checks what went into app.asar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';

const ROOT = process.cwd();
const BUILT = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];
let work: string;
let resources: string;
let files: string[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

beforeAll(() => {
  // `npm test` builds first; a lone run of this file builds when the output is missing.
  if (BUILT.some((f) => !existsSync(join(ROOT, f)))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  }
  work = mkdtempSync(join(tmpdir(), 'oncall-dry-run-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist, { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho placeholder electron\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), '45.5.0');
  execFileSync(
    join(ROOT, 'node_modules/.bin/electron-builder'),
    [
      '--dir',
      '--linux',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CI: '1' } },
  );
  resources = join(work, 'release', 'linux-unpacked', 'resources');
  files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged app (electron-builder --dir)', () => {
  it('holds the main bundle, the preload, the renderer and package.json', () => {
    for (const f of [
      '/package.json',
      '/dist/main/main.cjs',
      '/dist/preload/preload.cjs',
      '/dist/renderer/index.html',
    ]) {
      expect(files, f).toContain(f);
    }
    const pkg = JSON.parse(extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8'));
    expect(pkg.main).toBe('dist/main/main.cjs');
    expect(files.some((f) => f.startsWith('/dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
  });

  it('holds the modules the main bundle loads at run time (its externals), with their dependencies', () => {
    for (const f of [
      '/node_modules/node-notifier/index.js',
      '/node_modules/electron-updater/out/main.js',
      '/node_modules/builder-util-runtime/out/index.js',
      '/node_modules/semver/package.json',
      '/node_modules/js-yaml/package.json',
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it('holds the tray icons for every platform, the app icon and the alert sound', () => {
    for (const f of [
      '/assets/tray/tray-pages-9plus.png',
      '/assets/tray/tray-pages-9plus@2x.png',
      '/assets/tray/tray-on-callTemplate@2x.png',
      '/assets/tray/tray-degraded.ico',
      '/assets/app/png/512x512.png',
      '/assets/sounds/alert.wav',
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it("keeps node-notifier's helper binaries and the notification icon outside the asar", () => {
    const unpacked = walk(join(resources, 'app.asar.unpacked')).map((f) => f.slice(resources.length));
    expect(unpacked.some((f) => f.startsWith('/app.asar.unpacked/node_modules/node-notifier/vendor/'))).toBe(
      true,
    );
    expect(unpacked).toContain('/app.asar.unpacked/assets/app/png/256x256.png');
    expect(unpacked).toContain('/app.asar.unpacked/assets/sounds/alert.wav');
  });

  it('ships no sources, tests or source maps', () => {
    const ours = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(ours.filter((f) => /^\/(src-main|src-renderer|test|scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(ours.filter((f) => /\.(ts|tsx)$/.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\/(test|tests|__tests__)\//.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('/node_modules/react-dom/'))).toBe(false);
  });
});
