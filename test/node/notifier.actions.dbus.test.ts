/**
 * Acting from the notification itself, for real: a page in the simulator -> the companion's policy
 * -> a D-Bus notification with an Acknowledge action -> dunst shows it -> the test invokes that
 * action through dunst (`dunstctl context`, with dunst's `dmenu` set to a script that picks the
 * Acknowledge line) -> `ActionInvoked` -> the durable action queue -> the simulator records the
 * acknowledgement from `me`. Then the same through `oncall-companion watch`.
 *
 * dunst must run with this test's config (its dmenu script), so the test starts its own D-Bus
 * daemon and its own dunst on it, under the Xvfb display and D-Bus session `.ci/run` provides
 * (`xvfb-run -a dbus-run-session -- npm test`). In CI a missing piece fails the test; it never skips.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRequest } from '../../src-main/core/events.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { SIM_ME, startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { createDbusNotifier, type ActionNotifier } from '../../src-main/node/dbus-notifier.js';
import { notificationActionHandler } from '../../src-main/node/notification-actions.js';
import { readSilenced, type CommandRunner } from '../../src-main/node/dnd.js';
import { findOnPath } from '../../src-main/node/sound.js';
import { openSource, type OpenedSource } from '../../src-main/node/source.js';
import { buildCli, CliProcess, cliEnv, runCli } from '../cli/helpers.js';

const missing: string[] = [];
if (process.platform !== 'linux') missing.push(`platform is ${process.platform}, not linux`);
if (!process.env.DISPLAY) missing.push('DISPLAY is not set (no X display for dunst)');
for (const cmd of ['dbus-daemon', 'dunst', 'dunstctl'])
  if (!findOnPath(cmd)) missing.push(`${cmd} is not on PATH`);
if (missing.length > 0 && process.env.CI) {
  throw new Error(
    `[notifier.actions.dbus.test] CI must run the notification-action test, but: ${missing.join('; ')}`,
  );
}
const skip = missing.length > 0;
if (skip) {
  console.log(
    `[notifier.actions.dbus.test] NOT RUN: acting from a notification needs a display, dbus-daemon and dunst: ` +
      `${missing.join('; ')}. Run it with: xvfb-run -a dbus-run-session -- npx vitest run test/node`,
  );
}

async function waitFor<T>(fn: () => T | null | undefined, timeoutMs: number): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('acting from a notification through a real notification server (dunst)', () => {
  let dir = '';
  let busAddress = '';
  let daemon: ChildProcess | null = null;
  let dunst: ChildProcess | null = null;
  const ctl = (...args: string[]) =>
    spawnSync('dunstctl', args, {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'occ-dunst-'));
    // dunst's context menu pipes "#Acknowledge (<summary>) [<id>,acknowledge]" lines to dmenu: this
    // script records them and picks the Acknowledge line of the notification the test names.
    const dmenu = join(dir, 'dmenu.sh');
    writeFileSync(
      dmenu,
      `#!/bin/sh\ncat > "${dir}/menu.txt"\ngrep -m1 -F -- "$(cat "${dir}/pick.txt")" "${dir}/menu.txt" | grep -m1 ',acknowledge]'\n`,
    );
    chmodSync(dmenu, 0o755);
    writeFileSync(join(dir, 'dunstrc'), `[global]\n    dmenu = ${dmenu}\n    browser = /bin/true\n`);
    daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    daemon.stdout?.setEncoding('utf8');
    daemon.stdout?.on('data', (d: string) => (out += d));
    busAddress =
      (await waitFor(() => (out.includes('\n') ? out.split('\n')[0]!.trim() : null), 10_000)) ?? '';
    expect(busAddress, 'dbus-daemon printed no address').not.toBe('');
    dunst = spawn('dunst', ['-config', join(dir, 'dunstrc')], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      stdio: 'ignore',
    });
    const up = await waitFor(() => (ctl('is-paused').status === 0 ? true : null), 10_000);
    expect(up, 'dunst did not come up on the test bus').toBe(true);
  });

  afterAll(() => {
    dunst?.kill();
    daemon?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)(
    'a page raises a notification whose Acknowledge action acknowledges it as me',
    async () => {
      let sim: Simulator | null = null;
      let opened: OpenedSource | null = null;
      let notifier: ActionNotifier | null = null;
      const data = mkdtempSync(join(tmpdir(), 'occ-dunst-data-'));
      try {
        sim = await startSimulator({ port: 0, scenario: 'none', logger: silentLogger });
        opened = await openSource({
          token: 'demo',
          apiUrl: sim.url,
          dataDir: data,
          logger: silentLogger,
          pollIntervalSeconds: 2,
        });
        const companion = opened.companion;
        notifier = createDbusNotifier({ appName: 'On-Call Companion', logger: silentLogger, busAddress });
        expect(await notifier.supportsActions()).toBe(true);
        const act = notificationActionHandler({
          companion: () => companion,
          open: () => {},
          logger: silentLogger,
        });
        const shown: Array<{ n: NotificationRequest; status: string }> = [];
        companion.subscribe((e) => {
          if (e.type !== 'notification') return;
          void notifier!
            .show(
              e.notification,
              () => {},
              (key) => act(e.notification, key),
            )
            .then((r) => shown.push({ n: e.notification, status: r.status }));
        });
        await companion.start();
        const other = sim.createIncident({
          title: 'Another page, left alone',
          urgency: 'high',
          assignee: 'me',
        });
        const inc = sim.createIncident({
          title: `Disk full on pg-main-${process.pid}`,
          urgency: 'high',
          assignee: 'me',
        });
        const note = await waitFor(() => shown.find((s) => s.n.incidentId === inc.id), 20_000);
        expect(note?.status).toBe('shown');
        await waitFor(
          () => (Number(/\d+/.exec(ctl('count', 'displayed').stdout)?.[0]) >= 1 ? true : null),
          5000,
        );

        writeFileSync(join(dir, 'pick.txt'), inc.title);
        const r = ctl('context');
        expect(r.status).toBe(0);
        // dunstctl only asks; dunst runs the dmenu script a moment later.
        const menu =
          (await waitFor(() => {
            const t = existsSync(join(dir, 'menu.txt')) ? readFileSync(join(dir, 'menu.txt'), 'utf8') : '';
            return t.includes(inc.title) ? t : null;
          }, 10_000)) ?? '';
        // The server offered the actions: Acknowledge, Resolve and Open.
        expect(menu).toMatch(/#Acknowledge \(.*Disk full.*\) \[\d+,acknowledge\]/);
        expect(menu).toMatch(/\[\d+,resolve\]/);
        expect(menu).toMatch(/\[\d+,open\]/);

        const record = () => sim!.record().incidents.find((i) => i.id === inc.id);
        const acked = await waitFor(() => (record()?.status === 'acknowledged' ? record() : null), 20_000);
        expect(acked?.ackedBy).toBe(SIM_ME.id);
        // Exactly once, and only that page.
        const puts = sim.requests().filter((q) => q.method === 'PUT' && q.path.includes(inc.id));
        expect(puts).toHaveLength(1);
        expect(sim.record().incidents.find((i) => i.id === other.id)?.status).toBe('triggered');
      } finally {
        notifier?.close();
        await opened?.close();
        await sim?.close();
        rmSync(data, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.skipIf(skip)(
    '`oncall-companion test-notify` shows one through dunst, and says so; without a server it says why not',
    async () => {
      await buildCli();
      const before =
        Number(/\d+/.exec(ctl('count', 'history').stdout)?.[0] ?? 0) +
        Number(/displayed:\s*(\d+)/.exec(ctl('count').stdout)?.[1] ?? 0);
      const ok = await runCli(['test-notify'], cliEnv({ DBUS_SESSION_BUS_ADDRESS: busAddress }));
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('Test notification shown.');
      const after =
        Number(/\d+/.exec(ctl('count', 'history').stdout)?.[0] ?? 0) +
        Number(/displayed:\s*(\d+)/.exec(ctl('count').stdout)?.[1] ?? 0);
      expect(after).toBeGreaterThan(before);
      // No D-Bus session and no notify-send: not shown, with the reason, exit 1.
      const env = cliEnv({ PATH: dirname(process.execPath) });
      delete env.DBUS_SESSION_BUS_ADDRESS;
      const bad = await runCli(['test-notify', '--json'], env);
      expect(bad.code).toBe(1);
      const line = JSON.parse(bad.stdout.trim().split('\n').at(-1)!) as {
        delivered: boolean;
        reason: string;
      };
      expect(line.delivered).toBe(false);
      expect(line.reason.length).toBeGreaterThan(0);
    },
    60_000,
  );

  it.skipIf(skip)('a paused dunst reads as silenced (Do Not Disturb), and as not once resumed', async () => {
    const run: CommandRunner = (cmd, args) =>
      new Promise((done) => {
        execFile(
          cmd,
          args,
          { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, encoding: 'utf8', timeout: 5000 },
          (err, stdout) => done(err ? null : stdout),
        );
      });
    expect(ctl('set-paused', 'true').status).toBe(0);
    try {
      expect(await readSilenced('linux', run)).toMatch(/dunst is paused|GNOME Do Not Disturb/);
    } finally {
      ctl('set-paused', 'false');
    }
    expect(await readSilenced('linux', run)).not.toBe('dunst is paused');
  });

  it.skipIf(skip)(
    '`oncall-companion watch` offers the same action on Linux',
    async () => {
      await buildCli();
      const sim = await startSimulator({ port: 0, scenario: 'none', logger: silentLogger });
      const watch = CliProcess.start(
        ['watch', '--json', '--api-url', sim.url, '--poll-interval', '2'],
        cliEnv({ PAGERDUTY_TOKEN: 'dunst-watch-token', DBUS_SESSION_BUS_ADDRESS: busAddress }),
      );
      try {
        await watch.waitForLine((l) => l.includes('"state":"live"'), 20_000);
        const inc = sim.createIncident({
          title: `Watch page ${process.pid}: queue stuck`,
          urgency: 'high',
          assignee: 'me',
        });
        await watch.waitForLine((l) => l.includes('"type":"notification"') && l.includes(inc.id), 20_000);
        await watch.waitForLine(
          (l) => l.includes('"type":"notification.delivery"') && l.includes('"delivered":true'),
          20_000,
        );
        writeFileSync(join(dir, 'pick.txt'), inc.title);
        expect(ctl('context').status).toBe(0);
        const record = () => sim.record().incidents.find((i) => i.id === inc.id);
        const acked = await waitFor(() => (record()?.status === 'acknowledged' ? record() : null), 20_000);
        expect(acked?.ackedBy).toBe(SIM_ME.id);
      } finally {
        await watch.stop();
        await sim.close();
      }
    },
    90_000,
  );
});
