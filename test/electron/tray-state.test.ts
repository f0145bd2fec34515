import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTrayState, trayIconName } from '../../src-main/electron/tray-state.js';
import { incident, ON_CALL_ENTRY, snapshot } from './fixtures.js';

const opts = { now: Date.parse('2026-01-01T10:00:00Z'), formatTime: () => '11:00' };

describe('tray state', () => {
  it('says "Signed out of <account>: sign in again" first when the sign-in was rejected', () => {
    const SIGNED_OUT = 'Signed out of acme (US): sign in again';
    const base = snapshot({
      incidents: [incident({ id: 'A' })],
      sync: {
        state: 'auth_error',
        reason: 'the token was refused (401)',
        since: '2026-01-01T09:00:00Z',
        errorKind: 'auth',
        retryAt: null,
      },
    });
    const s = computeTrayState(base, { ...opts, signedOut: SIGNED_OUT });
    expect(s.mode).toBe('degraded');
    expect(s.icon).toBe('tray-degraded');
    expect(s.tooltip.split('\n')[1]).toBe(SIGNED_OUT);
    // Once: not again as the feed's own "Not connected" line.
    expect(s.tooltip).not.toContain('Not connected');
    const live = computeTrayState(base, { ...opts, signedOut: null });
    expect(live.mode).toBe('pages');
    expect(live.tooltip).not.toContain('Signed out');
  });

  it('warns that notifications are silenced while on call, and not off call', () => {
    const onCall = snapshot({ shifts: { current: [ON_CALL_ENTRY], next: null, fetchedAt: null } });
    const warned = computeTrayState(onCall, { ...opts, silenced: 'dunst is paused' });
    expect(warned.tooltip).toContain('Notifications are silenced while you are on call (dunst is paused)');
    expect(computeTrayState(snapshot(), { ...opts, silenced: 'dunst is paused' }).tooltip).not.toContain(
      'silenced',
    );
    expect(computeTrayState(onCall, opts).tooltip).not.toContain('silenced');
  });

  it('is off call with no shift and no pages', () => {
    const s = computeTrayState(snapshot(), opts);
    expect(s).toMatchObject({ mode: 'off_call', openPages: 0, icon: 'tray-off-call' });
    expect(s.tooltip).toContain('Not on call');
  });

  it('is on call and quiet during a shift', () => {
    const s = computeTrayState(
      snapshot({ shifts: { current: [ON_CALL_ENTRY], next: null, fetchedAt: null } }),
      opts,
    );
    expect(s).toMatchObject({ mode: 'on_call', icon: 'tray-on-call' });
    expect(s.tooltip).toContain('On call, no open pages');
  });

  it('counts triggered pages, not acknowledged ones, and says so in words', () => {
    const s = computeTrayState(
      snapshot({
        incidents: [
          incident({ id: 'A' }),
          incident({ id: 'B' }),
          incident({ id: 'C', status: 'acknowledged' }),
        ],
      }),
      opts,
    );
    expect(s).toMatchObject({ mode: 'pages', openPages: 2, acknowledged: 1, icon: 'tray-pages-2' });
    expect(s.tooltip).toContain('2 pages waiting for you');
    expect(s.tooltip).toContain('1 acknowledged page open');
  });

  it('is degraded when the data is stale, with the reason', () => {
    const s = computeTrayState(
      snapshot({
        shifts: { current: [ON_CALL_ENTRY], next: null, fetchedAt: null },
        sync: {
          state: 'stale',
          since: '2026-01-01T09:59:00Z',
          lastSyncAt: null,
          errorKind: 'unreachable',
          reason: 'PagerDuty cannot be reached',
          retryAt: '2026-01-01T10:01:00Z',
        },
      }),
      opts,
    );
    expect(s.mode).toBe('degraded');
    expect(s.icon).toBe('tray-degraded');
    expect(s.tooltip).toContain('Data may be out of date: PagerDuty cannot be reached');
  });

  it('is degraded on an auth error', () => {
    const s = computeTrayState(
      snapshot({
        sync: {
          state: 'auth_error',
          since: 'x',
          errorKind: 'auth',
          reason: 'the token was rejected',
          retryAt: null,
        },
      }),
      opts,
    );
    expect(s.mode).toBe('degraded');
    expect(s.tooltip).toContain('Not connected: the token was rejected');
  });

  it('shows a waiting page even while the feed is stale (and still says it is stale)', () => {
    const s = computeTrayState(
      snapshot({
        incidents: [incident({ id: 'A' })],
        sync: { state: 'auth_error', since: 'x', errorKind: 'auth', reason: 'bad token', retryAt: null },
      }),
      opts,
    );
    expect(s.mode).toBe('pages');
    expect(s.tooltip).toContain('Not connected');
  });

  it('mentions a low-urgency pause that is still running, and the demo source', () => {
    const s = computeTrayState(
      snapshot({
        lowUrgencyPausedUntil: opts.now + 3_600_000,
        source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
      }),
      opts,
    );
    expect(s.tooltip).toContain('Low-urgency notifications paused until 11:00');
    expect(s.tooltip.split('\n')[0]).toBe('On-Call Companion (demo)');
    const over = computeTrayState(snapshot({ lowUrgencyPausedUntil: opts.now - 1 }), opts);
    expect(over.tooltip).not.toContain('paused');
  });

  it('says when notifications are switched off', () => {
    const s = computeTrayState(snapshot({ lowUrgencyPausedUntil: opts.now + 1000 }), {
      ...opts,
      notificationsEnabled: false,
    });
    expect(s.tooltip).toContain('Notifications are off');
    expect(s.tooltip).not.toContain('paused');
  });

  it('names an icon that exists for every count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const name = trayIconName('pages', n);
        expect(name).toBe(n > 9 ? 'tray-pages-9plus' : `tray-pages-${n}`);
      }),
    );
  });
});
