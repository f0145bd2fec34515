/**
 * The Electron smoke test: what mocks cannot show, with the real Electron binary.
 *  1. `electron .` (the development run): starts on the demo source, the window shows the demo's
 *     incidents, the tray exists with its menu, the global shortcuts are registered, safeStorage
 *     encrypts and decrypts a token, the acknowledge shortcut's handler acknowledges my newest page,
 *     and quitting leaves no process of the app behind.
 *  2. The packaged app (`electron-builder --dir`, in release/): node-notifier loads from inside
 *     app.asar with its helper binaries unpacked next to it, and quitting leaves no process.
 *
 * The binary is downloaded from GitHub releases on first use. Where it is missing (this build
 * machine cannot reach GitHub) the run prints NOT RUN with the reason and skips; with
 * ONCALL_REQUIRE_ELECTRON=1 (the GitHub workflow on ubuntu, macOS and Windows) a missing binary or
 * a missing packaged app is a failure instead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication } from 'playwright-core';
import type { CompanionSnapshot } from '../../src-main/core/companion-types.js';

const ROOT = process.cwd();
const REQUIRED = process.env.ONCALL_REQUIRE_ELECTRON === '1';

/** The Electron executable, found without triggering electron's download-on-require. */
function findElectronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, rel) : existsSync(pathFile) ? join(pkg, 'dist', rel) : null;
  return candidate &&
    existsSync(candidate) &&
    !readFileSync(candidate).subarray(0, 64).toString().includes('placeholder')
    ? candidate
    : null;
}

/** The packaged app's executable in release/ (electron-builder --dir), or null. */
function findPackagedApp(): string | null {
  const release = join(ROOT, 'release');
  if (!existsSync(release)) return null;
  for (const dir of readdirSync(release)) {
    const candidates = [
      join(release, dir, 'oncall-companion'),
      join(release, dir, 'On-Call Companion.exe'),
      join(release, dir, 'On-Call Companion.app', 'Contents', 'MacOS', 'On-Call Companion'),
    ];
    const found = candidates.find((c) => /unpacked|^mac/.test(dir) && existsSync(c));
    if (found) return found;
  }
  return null;
}

const binary = findElectronBinary();
const packaged = findPackagedApp();
const built =
  existsSync(join(ROOT, 'dist/main/main.cjs')) && existsSync(join(ROOT, 'dist/renderer/index.html'));
const notRun = !binary
  ? 'the Electron binary is not installed (node_modules/electron has no dist/; it is downloaded from GitHub releases, which this machine cannot reach)'
  : !built
    ? 'the app is not built (run `npm run build` first)'
    : null;
const packagedNotRun =
  notRun ??
  (packaged ? null : 'no packaged app in release/ (run `npx electron-builder --dir --publish never` first)');
for (const [what, why] of [
  ['development run', notRun],
  ['packaged app', packagedNotRun],
] as const) {
  if (why)
    console.log(
      `[electron smoke: ${what}] ${REQUIRED ? 'REQUIRED BUT CANNOT RUN' : 'NOT RUN'}: ${why}.` +
        (REQUIRED
          ? ''
          : ' The tray, notification, shortcut, IPC and window adapters are covered by the mocked-electron tests in test/electron instead.'),
    );
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Hooks = {
  snapshot(): CompanionSnapshot | null;
  acknowledgeNewest(): Promise<void>;
  trayState(): { mode: string } | null;
  trayMenu(): string[];
  probeNotifier(): { resolved: string; loaded: boolean; vendorDir: string; vendorExists: boolean };
};

async function launch(executablePath: string, args: string[]): Promise<ElectronApplication> {
  const { _electron } = await import('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'oncall-smoke-'));
  dirs.push(dataDir);
  return _electron.launch({
    executablePath,
    args: [...args, '--no-sandbox'],
    env: {
      ...process.env,
      ONCALL_E2E: '1',
      ONCALL_COMPANION_USER_DATA: dataDir,
      // Any autostart file goes to the temporary profile, never the runner's own.
      XDG_CONFIG_HOME: join(dataDir, 'config'),
    },
    timeout: 60_000,
  });
}

/** Quit, and check that every process of the app (main, renderer, GPU, utility) is gone. */
async function quitLeavesNothing(app: ElectronApplication): Promise<void> {
  const pids = await app.evaluate(({ app: a }) => a.getAppMetrics().map((m) => m.pid));
  expect(pids.length).toBeGreaterThan(1);
  await app.close();
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  await expect.poll(() => pids.filter(alive), { timeout: 15_000, interval: 250 }).toEqual([]);
}

const hooks = <T>(app: ElectronApplication, fn: (h: Hooks) => T | Promise<T>): Promise<T> =>
  app.evaluate((_e, src) => {
    const h = (globalThis as unknown as { __oncallTest: Hooks }).__oncallTest;
    return (new Function('h', `return (${src})(h)`) as (h: Hooks) => T)(h);
  }, fn.toString());

describe('Electron smoke', () => {
  it.skipIf(notRun !== null && !REQUIRED)(
    'the development run: demo incidents in the window, tray and menu, shortcuts, safeStorage, acknowledge, clean quit',
    async () => {
      if (notRun) throw new Error(`ONCALL_REQUIRE_ELECTRON=1, but ${notRun}`);
      const app = await launch(binary!, [ROOT]);
      let closed = false;
      try {
        const win = await app.firstWindow();
        expect(win.url()).toMatch(/^file:.*dist\/renderer\/index\.html/);

        // The demo source runs, and its incidents are in the window.
        await expect
          .poll(() => hooks(app, (h) => h.snapshot()?.incidents.length ?? 0), { timeout: 60_000 })
          .toBeGreaterThan(0);
        const snap = (await hooks(app, (h) => h.snapshot()))!;
        expect(snap.source.kind).toBe('demo');
        const title = snap.incidents[0]!.title;
        await expect
          .poll(() => win.getByText(title, { exact: false }).count(), { timeout: 30_000 })
          .toBeGreaterThan(0);

        // The tray exists, drawn from the snapshot, with its menu.
        expect(await hooks(app, (h) => h.trayState())).not.toBeNull();
        const menu = await hooks(app, (h) => h.trayMenu());
        expect(menu).toEqual(expect.arrayContaining(['Open window', 'Settings…', 'Quit On-Call Companion']));

        // The default global shortcuts are registered with the OS.
        const registered = await app.evaluate(({ globalShortcut }) =>
          ['CommandOrControl+Alt+A', 'CommandOrControl+Alt+Shift+A', 'CommandOrControl+Alt+O'].map((a) =>
            globalShortcut.isRegistered(a),
          ),
        );
        expect(registered).toEqual([true, true, true]);

        // safeStorage encrypts and decrypts a token (the token store's primitive).
        const sealed = await app.evaluate(({ safeStorage }) => {
          const token = 'pd-smoke-token-7Qm2';
          const available = safeStorage.isEncryptionAvailable();
          const enc = safeStorage.encryptString(token);
          return {
            available,
            back: safeStorage.decryptString(enc),
            plainInside: enc.toString('latin1').includes(token),
            backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os',
          };
        });
        console.log(`[electron smoke] safeStorage backend: ${sealed.backend}`);
        expect(sealed).toMatchObject({ available: true, back: 'pd-smoke-token-7Qm2', plainInside: false });

        // The acknowledge shortcut's handler acknowledges my newest triggered page.
        const mine = () =>
          hooks(app, (h) => {
            const s = h.snapshot();
            const me = s?.me?.id;
            return (s?.incidents ?? [])
              .filter((i) => i.status === 'triggered' && i.assignees.some((a) => a.id === me))
              .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
              .map((i) => i.id);
          });
        await expect
          .poll(async () => (await mine()).length, { timeout: 60_000, interval: 500 })
          .toBeGreaterThan(0);
        const newest = (await mine())[0]!;
        await hooks(app, (h) => h.acknowledgeNewest());
        await expect
          .poll(async () => (await mine()).includes(newest), { timeout: 30_000, interval: 500 })
          .toBe(false);

        await quitLeavesNothing(app);
        closed = true;
      } finally {
        if (!closed) await app.close().catch(() => {});
      }
    },
    180_000,
  );

  it.skipIf(packagedNotRun !== null && !REQUIRED)(
    'the packaged app: node-notifier loads from inside app.asar, helpers unpacked; clean quit',
    async () => {
      if (packagedNotRun) throw new Error(`ONCALL_REQUIRE_ELECTRON=1, but ${packagedNotRun}`);
      const app = await launch(packaged!, []);
      let closed = false;
      try {
        await app.firstWindow();
        const probe = await hooks(app, (h) => h.probeNotifier());
        expect(probe.resolved).toMatch(/app\.asar[\\/]node_modules[\\/]node-notifier[\\/]/);
        expect(probe.loaded).toBe(true);
        expect(probe.vendorDir).toMatch(/app\.asar\.unpacked/);
        expect(probe.vendorExists).toBe(true);
        await quitLeavesNothing(app);
        closed = true;
      } finally {
        if (!closed) await app.close().catch(() => {});
      }
    },
    120_000,
  );
});
