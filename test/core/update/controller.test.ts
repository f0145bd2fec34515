/**
 * The update rules without any updater: when checks happen (at start, then every interval), that a
 * timer never installs, that a ready update survives later failed checks, and that nothing the
 * updater does (throwing, rejecting, a listener throwing) escapes into the app.
 */
import { describe, expect, it } from 'vitest';
import { createUpdateController, type UpdaterPort } from '../../../src-main/core/update/controller.js';
import {
  installDecision,
  nextStatus,
  updateMessage,
  type UpdateStatus,
} from '../../../src-main/core/update/status.js';
import { silentLogger, type Timers } from '../../../src-main/core/ports.js';

function fakeTime() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const t: Timers = {
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
  };
  return { clock: { now: () => now }, timers: t, advance, pending: () => timers.size };
}

function port(check: () => Promise<void> = async () => {}) {
  const calls = { check: 0, install: 0, onQuit: [] as boolean[] };
  const p: UpdaterPort = {
    check: () => {
      calls.check++;
      return check();
    },
    install: () => void calls.install++,
    setInstallOnQuit: (on) => void calls.onQuit.push(on),
  };
  return { p, calls };
}

const H = 3600_000;

describe('update controller', () => {
  it('checks shortly after start and then every interval, never installing by itself', async () => {
    const time = fakeTime();
    const { p, calls } = port();
    const c = createUpdateController({
      updater: p,
      currentVersion: '1.0.0',
      enabled: true,
      unsupported: null,
      clock: time.clock,
      timers: time.timers,
      logger: silentLogger,
      onChange: () => {},
      startDelayMs: 30_000,
      intervalMs: 4 * H,
    });
    expect(calls.onQuit).toEqual([true]);
    await time.advance(29_000);
    expect(calls.check).toBe(0);
    await time.advance(1_000);
    expect(calls.check).toBe(1);
    c.handle({ type: 'available', version: '1.1.0' });
    c.handle({ type: 'downloaded', version: '1.1.0' });
    expect(updateMessage(c.status())).toBe('Update ready: restart to install (version 1.1.0)');
    // A day of a shift goes by: checks go on every 4 h, nothing installs.
    await time.advance(24 * H);
    expect(calls.check).toBe(7);
    expect(calls.install).toBe(0);
    expect(c.status().state).toBe('ready');
    expect(c.installNow()).toEqual({ accepted: true, reason: null });
    expect(calls.install).toBe(1);
    c.stop();
    expect(time.pending()).toBe(0);
  });

  it('a throwing updater and a throwing listener end as an error status, never a throw', async () => {
    const time = fakeTime();
    const { p } = port(() => {
      throw new Error('boom\n  at stack line');
    });
    const c = createUpdateController({
      updater: p,
      currentVersion: '1.0.0',
      enabled: true,
      unsupported: null,
      clock: time.clock,
      timers: time.timers,
      logger: silentLogger,
      onChange: () => {
        throw new Error('listener');
      },
    });
    const s = await c.checkNow();
    expect(s).toMatchObject({ state: 'error', message: 'Could not check for updates: boom' });
    c.stop();
  });

  it('unsupported builds never check; disabled ones start checking when switched on', async () => {
    const time = fakeTime();
    const a = port();
    const u = createUpdateController({
      updater: a.p,
      currentVersion: '1.0.0',
      enabled: true,
      unsupported: 'A development build does not update itself.',
      clock: time.clock,
      timers: time.timers,
      logger: silentLogger,
      onChange: () => {},
    });
    await time.advance(48 * H);
    expect(a.calls.check).toBe(0);
    u.setEnabled(true);
    expect(u.status().state).toBe('unsupported');
    const b = port();
    const d = createUpdateController({
      updater: b.p,
      currentVersion: '1.0.0',
      enabled: false,
      unsupported: null,
      clock: time.clock,
      timers: time.timers,
      logger: silentLogger,
      onChange: () => {},
      startDelayMs: 1000,
    });
    await time.advance(48 * H);
    expect(b.calls.check).toBe(0);
    expect(b.calls.onQuit).toEqual([false]);
    d.setEnabled(true);
    await time.advance(1000);
    expect(b.calls.check).toBe(1);
    u.stop();
    d.stop();
  });

  it('status rules: ready survives later errors; progress is clamped; a timer may never install', () => {
    const at = '2026-12-03T00:00:00.000Z';
    let s: UpdateStatus = { state: 'idle', currentVersion: '1.0.0', checkedAt: null };
    s = nextStatus(s, { type: 'available', version: '1.1.0' }, at);
    s = nextStatus(s, { type: 'progress', percent: 250 }, at);
    expect(s).toMatchObject({ state: 'downloading', percent: 100 });
    s = nextStatus(s, { type: 'downloaded', version: '1.1.0' }, at);
    expect(nextStatus(s, { type: 'error', message: 'x' }, at)).toBe(s);
    expect(nextStatus(s, { type: 'not-available' }, at)).toBe(s);
    expect(installDecision(s, 'timer').install).toBe(false);
    expect(installDecision(s, 'quit').install).toBe(true);
    expect(installDecision({ state: 'idle', currentVersion: '1', checkedAt: null }, 'user').install).toBe(
      false,
    );
  });
});
