/**
 * The update path for real, short of Electron: electron-updater's own AppImageUpdater (with its
 * Electron HTTP executor) checks and downloads from a local HTTP feed serving `latest-linux.yml`,
 * through the app's adapter (electron/updater.ts) and the core's controller. Only `electron` itself
 * is replaced: `net.request` by Node's http.request and `session` by a stub, put in Node's require
 * cache because electron-updater is CommonJS. Cases: newer, same, malformed, unreachable, checksum
 * mismatch, and a feed that never answers; none of them throws into the app or blocks it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ElectronUpdater from 'electron-updater';
import type { AppUpdater } from 'electron-updater';
import { silentLogger, systemClock, systemTimers } from '../../src-main/core/ports.js';
import type { UpdateStatus } from '../../src-main/core/update/status.js';
import { createElectronUpdater } from '../../src-main/electron/updater.js';
import { openSource } from '../../src-main/node/source.js';

const require = createRequire(import.meta.url);

// electron-updater requires 'electron' at call time: give it Node's HTTP under Electron's names.
const fakeElectron = {
  net: { request: (options: Record<string, unknown>) => request(options as never) },
  session: { fromPartition: () => ({}) },
};
const electronPath = require.resolve('electron');
const savedElectron = require.cache[electronPath];
require.cache[electronPath] = { exports: fakeElectron } as unknown as NodeJS.Module;
const { AppImageUpdater } = require('electron-updater') as typeof ElectronUpdater;
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor') as {
  ElectronHttpExecutor: new () => unknown;
};

const PAYLOAD = Buffer.from('#!/bin/sh\necho "On-Call Companion 0.2.0"\n'.repeat(2000));
const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');
const FILE = 'oncall-companion-0.2.0-linux-x86_64.AppImage';

type FeedMode = 'newer' | 'same' | 'malformed' | 'mismatch' | 'hang';
let mode: FeedMode = 'newer';
let server: Server;
let feedUrl = '';
let work = '';
const hits: string[] = [];
const hanging: ServerResponse[] = [];

function latestYml(version: string, sha: string): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${FILE}`,
    `    sha512: ${sha}`,
    `    size: ${PAYLOAD.length}`,
    `path: ${FILE}`,
    `sha512: ${sha}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

/** The GitHub provider's requests (a GitHub Enterprise-shaped host: the API under /api/v3). */
const GH = '/acme/oncall-companion/releases';
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>tag:github.com,2008:Repository/1/v0.2.0</id>
    <updated>2026-12-01T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://github.com${GH}/tag/v0.2.0"/>
    <title>v0.2.0</title>
    <content type="html">&lt;p&gt;Faster tray&lt;/p&gt;</content>
  </entry>
</feed>`;

function serve(req: IncomingMessage, res: ServerResponse): void {
  let path = new URL(req.url ?? '/', 'http://x').pathname;
  hits.push(path);
  if (path === '/api/v3/repos/acme/oncall-companion/releases/latest') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ tag_name: 'v0.2.0' }));
  }
  if (path === `${GH}.atom`) {
    res.writeHead(200, { 'content-type': 'application/atom+xml' });
    return void res.end(ATOM);
  }
  if (path.startsWith(`${GH}/download/v0.2.0/`)) path = path.slice(`${GH}/download/v0.2.0`.length);
  if (mode === 'hang') {
    hanging.push(res);
    return;
  }
  if (path === '/latest-linux.yml') {
    res.writeHead(200, { 'content-type': 'text/yaml' });
    if (mode === 'malformed') return void res.end('version: [0.2.0\nfiles: {{{\n');
    if (mode === 'same') return void res.end(latestYml('0.1.0', sha512(PAYLOAD)));
    const sha = mode === 'mismatch' ? sha512(Buffer.from('something else')) : sha512(PAYLOAD);
    return void res.end(latestYml('0.2.0', sha));
  }
  if (path === `/${FILE}`) {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': PAYLOAD.length });
    return void res.end(PAYLOAD);
  }
  res.writeHead(404);
  res.end();
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  if (savedElectron) require.cache[electronPath] = savedElectron;
  else delete require.cache[electronPath];
});

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  hits.length = 0;
});

/** A packaged app (as electron-updater sees it) whose app-update.yml points at `url`. */
function newUpdater(url: string, checkTimeoutMs = 3_000, config = `provider: generic\nurl: ${url}\n`) {
  work = mkdtempSync(join(tmpdir(), 'occ-update-'));
  const resources = join(work, 'resources');
  mkdirSync(resources);
  writeFileSync(join(resources, 'app-update.yml'), `${config}updaterCacheDirName: occ-updater-test\n`);
  const appImage = join(work, 'On-Call Companion.AppImage');
  writeFileSync(appImage, 'old');
  const oldAppImage = process.env.APPIMAGE;
  process.env.APPIMAGE = appImage;
  const app = {
    version: '0.1.0',
    name: 'On-Call Companion',
    isPackaged: true,
    appUpdateConfigPath: join(resources, 'app-update.yml'),
    userDataPath: join(work, 'userData'),
    baseCachePath: join(work, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: vi.fn(),
    quit: vi.fn(),
    onQuit: vi.fn(),
  };
  const updater = new AppImageUpdater(undefined, app) as AppUpdater;
  // With an app adapter given, electron-updater leaves the HTTP executor to the caller: its own.
  (updater as unknown as { httpExecutor: unknown }).httpExecutor = new ElectronHttpExecutor();
  // No differential download (it needs the old AppImage's block map); the full file is fetched.
  (updater as unknown as { disableDifferentialDownload: boolean }).disableDifferentialDownload = true;
  const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
  const seen: UpdateStatus[] = [];
  const controller = createElectronUpdater({
    updater,
    isPackaged: true,
    resourcesPath: resources,
    currentVersion: '0.1.0',
    enabled: true,
    clock: systemClock,
    timers: systemTimers,
    logger: silentLogger,
    onChange: (s) => seen.push(s),
    startDelayMs: 3_600_000,
    checkTimeoutMs,
  });
  cleanups.push(() => {
    controller.stop();
    if (oldAppImage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = oldAppImage;
    rmSync(work, { recursive: true, force: true });
  });
  return { controller, updater, install, seen, cache: join(work, 'cache', 'occ-updater-test') };
}

async function settle(c: { status(): UpdateStatus }, states: UpdateStatus['state'][]): Promise<UpdateStatus> {
  await expect
    .poll(() => c.status().state, { timeout: 15_000, interval: 50 })
    .toSatisfy((s: string) => states.includes(s as UpdateStatus['state']));
  return c.status();
}

describe('updates against a local feed', () => {
  it('newer: downloads in the background, says "Update ready", installs only when asked', async () => {
    mode = 'newer';
    const { controller, updater, install, seen, cache } = newUpdater(feedUrl);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    await controller.checkNow();
    const s = await settle(controller, ['ready', 'error']);
    expect(s).toEqual({ state: 'ready', currentVersion: '0.1.0', version: '0.2.0' });
    expect(hits).toEqual(['/latest-linux.yml', `/${FILE}`]);
    expect(seen.map((x) => x.state)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    // The downloaded file is the feed's, byte for byte.
    const pending = join(cache, 'pending');
    const files = readdirSync(pending).filter((f) => f.endsWith('.AppImage'));
    expect(files).toHaveLength(1);
    expect(sha512(readFileSync(join(pending, files[0]!)))).toBe(sha512(PAYLOAD));
    // Nothing restarts by itself, however long it waits: only the user's request installs.
    await new Promise((r) => setTimeout(r, 200));
    expect(install).not.toHaveBeenCalled();
    expect(controller.installNow()).toEqual({ accepted: true, reason: null });
    expect(install).toHaveBeenCalledWith(false, true);
  });

  it('the GitHub provider (what releases carry): finds the latest release, downloads, is ready', async () => {
    mode = 'newer';
    const { host } = new URL(feedUrl);
    const { controller, install } = newUpdater(
      feedUrl,
      10_000,
      `provider: github\nowner: acme\nrepo: oncall-companion\nhost: ${host}\nprotocol: http\n`,
    );
    await controller.checkNow();
    const s = await settle(controller, ['ready', 'error']);
    expect(s).toEqual({ state: 'ready', currentVersion: '0.1.0', version: '0.2.0' });
    expect(hits).toEqual([
      `${GH}.atom`,
      '/api/v3/repos/acme/oncall-companion/releases/latest',
      `${GH}/download/v0.2.0/latest-linux.yml`,
      `${GH}/download/v0.2.0/${FILE}`,
    ]);
    expect(install).not.toHaveBeenCalled();
  });

  it('same version: up to date, nothing downloaded', async () => {
    mode = 'same';
    const { controller, cache } = newUpdater(feedUrl);
    const s = await controller.checkNow();
    expect(s.state).toBe('idle');
    expect(s.state === 'idle' && s.checkedAt).toBeTruthy();
    expect(hits).toEqual(['/latest-linux.yml']);
    expect(existsSync(join(cache, 'pending'))).toBe(false);
    expect(controller.installNow().accepted).toBe(false);
  });

  it('malformed feed: an error status, no throw, nothing downloaded', async () => {
    mode = 'malformed';
    const { controller, install } = newUpdater(feedUrl);
    const s = await controller.checkNow();
    expect(s.state).toBe('error');
    expect(s.state === 'error' && s.message).toMatch(/^Could not check for updates|Cannot parse/i);
    expect(s.state === 'error' && s.message).not.toContain('\n');
    expect(hits).toEqual(['/latest-linux.yml']);
    expect(install).not.toHaveBeenCalled();
  });

  it('unreachable feed: an error status naming the failure', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    // electron-updater itself retries a refused connection three times (0 + 1 + 2 s) before failing.
    const { controller } = newUpdater(`http://127.0.0.1:${port}/`, 20_000);
    const s = await controller.checkNow();
    expect(s.state).toBe('error');
    expect(s.state === 'error' && s.message).toMatch(/ECONNREFUSED/);
  }, 30_000);

  it('checksum mismatch: the download is refused, never "ready", never installed', async () => {
    mode = 'mismatch';
    const { controller, install } = newUpdater(feedUrl);
    await controller.checkNow();
    const s = await settle(controller, ['ready', 'error']);
    expect(s.state).toBe('error');
    expect(s.state === 'error' && s.message).toMatch(/sha512 checksum mismatch/);
    expect(hits).toContain(`/${FILE}`);
    expect(controller.installNow()).toEqual({
      accepted: false,
      reason: 'No update has been downloaded yet.',
    });
    expect(install).not.toHaveBeenCalled();
  });

  it('a feed that never answers: the check gives up, and a page still arrives meanwhile', async () => {
    mode = 'hang';
    // 8 s: time for a few polls of the feed beside it, even on a busy machine.
    const { controller } = newUpdater(feedUrl, 8_000);
    // The real incident feed (engine + demo simulator) runs beside the hanging update check.
    const dataDir = mkdtempSync(join(tmpdir(), 'occ-update-feed-'));
    const source = await openSource({
      token: null,
      scenario: 'none',
      dataDir,
      logger: silentLogger,
      pollIntervalSeconds: 2,
    });
    const notified: string[] = [];
    const off = source.companion.subscribe((e) => {
      if (e.type === 'notification') notified.push(e.notification.title);
    });
    let ticks = 0;
    const beat = setInterval(() => ticks++, 50);
    try {
      await source.companion.start();
      const checking = controller.checkNow();
      source.simulator!.createIncident({ title: 'paged during a hanging update check', urgency: 'high' });
      const s = await checking;
      expect(s.state).toBe('error');
      expect(s.state === 'error' && s.message).toMatch(/did not answer within 8 s/);
      // The event loop was never blocked, and the page was notified while the check hung.
      expect(ticks).toBeGreaterThan(60);
      expect(notified.some((t) => t.includes('paged during a hanging update check'))).toBe(true);
    } finally {
      clearInterval(beat);
      off();
      await source.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('turned off in Settings: no check reaches the feed, nothing installs at quit', async () => {
    mode = 'newer';
    const { controller, updater } = newUpdater(feedUrl);
    controller.setEnabled(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect((await controller.checkNow()).state).toBe('disabled');
    expect(hits).toEqual([]);
    controller.setEnabled(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(controller.status().state).toBe('idle');
  });
});
