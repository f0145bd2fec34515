/* eslint-disable no-control-regex -- terminal escapes are what these tests look for */
/**
 * The status-bar formats as pure functions over snapshots: counts checked against an independent
 * count, untrusted titles that cannot break Waybar's JSON or xbar's `|` syntax, colour rules, and
 * the CLI wording of every message the PagerDuty client can produce.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CompanionSnapshot } from '../../src-main/core/companion-types.js';
import type { Incident } from '../../src-main/core/domain.js';
import { messages } from '../../src-main/core/pagerduty/errors.js';
import { incident as base, ON_CALL_ENTRY, snapshot as baseSnapshot } from '../electron/fixtures.js';
import { eventForCli, forCli } from '../../src-main/cli/host-wording.js';
import { watchLine } from '../../src-main/cli/watch-line.js';
import {
  formatLine,
  formatWaybar,
  formatXbar,
  shortAge,
  summarize,
  useColour,
} from '../../src-main/cli/status-formats.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function incident(n: number, over: Partial<Incident>): Incident {
  return base({ id: `P${n}`, number: n, createdAt: new Date(NOW - n * 60_000).toISOString(), ...over });
}

function snapshot(incidents: Incident[], onCall = true): CompanionSnapshot {
  return baseSnapshot({
    incidents,
    shifts: { current: onCall ? [ON_CALL_ENTRY] : [], next: null, fetchedAt: new Date(NOW).toISOString() },
  } as Partial<CompanionSnapshot>);
}

const arbIncidents = fc
  .array(
    fc.record({
      status: fc.constantFrom('triggered' as const, 'acknowledged' as const),
      urgency: fc.constantFrom('high' as const, 'low' as const),
      ageMin: fc.integer({ min: 0, max: 5000 }),
      title: fc.string({ maxLength: 60 }),
    }),
    { maxLength: 30 },
  )
  .map((xs) =>
    xs.map((x, n) =>
      incident(n + 1, {
        status: x.status,
        urgency: x.urgency,
        title: x.title,
        createdAt: new Date(NOW - x.ageMin * 60_000).toISOString(),
      }),
    ),
  );

describe('status formats', () => {
  it('count the open pages by urgency and the oldest unacknowledged age (property)', () => {
    fc.assert(
      fc.property(arbIncidents, (incs) => {
        const b = summarize(snapshot(incs), NOW);
        let high = 0;
        let oldest = -1;
        for (const i of incs) {
          if (i.urgency === 'high') high += 1;
          if (i.status === 'triggered') oldest = Math.max(oldest, NOW - Date.parse(i.createdAt));
        }
        expect(b.open).toBe(incs.length);
        expect(b.high).toBe(high);
        expect(b.low).toBe(incs.length - high);
        expect(b.oldestUnackedMs).toBe(oldest < 0 ? null : oldest);
      }),
    );
  });

  it('waybar output is always one JSON object, whatever the titles (property)', () => {
    fc.assert(
      fc.property(arbIncidents, (incs) => {
        const out = formatWaybar(snapshot(incs), NOW);
        expect(out).not.toContain('\n');
        const bar = JSON.parse(out) as { text: string; tooltip: string; class: string };
        expect(['paging', 'acked', 'on-call', 'off-call', 'error']).toContain(bar.class);
        expect(bar.class === 'paging').toBe(incs.some((i) => i.status === 'triggered'));
      }),
    );
  });

  it('xbar lines carry no parameters from untrusted titles (property)', () => {
    fc.assert(
      fc.property(arbIncidents, (incs) => {
        const out = formatXbar(snapshot(incs), NOW, {
          self: ['/usr/bin/node', '/opt/occ/bin/oncall-companion.mjs'],
          sourceArgs: ['--token-file', '/home/me/.config/oncall-companion/token'],
        });
        for (const line of out.split('\n')) {
          const params = line.split('|').slice(1).join('|');
          // Only the parameters this module writes: color, shell/paramN/terminal/refresh, href.
          expect(
            params.replace(/(color|shell|param\d+|terminal|refresh|href)=("[^"]*"|\S+)/g, '').trim(),
          ).toBe('');
          expect(line.split('|').length).toBeLessThanOrEqual(2);
        }
        const acks = out.split('\n').filter((l) => l.startsWith('--Acknowledge |'));
        expect(acks).toHaveLength(incs.filter((i) => i.status === 'triggered').length);
      }),
    );
  });

  it('xbar refuses a command part it cannot quote instead of writing a broken item', () => {
    expect(() => formatXbar(snapshot([incident(1, {})]), NOW, { self: ['/a"b'], sourceArgs: [] })).toThrow(
      /cannot pass/,
    );
  });

  it('xbar offers no actions that would act on another source, and says why', () => {
    const out = formatXbar(snapshot([incident(1, {}), incident(2, {})]), NOW, {
      unavailable: 'give the token with --token-file',
    });
    expect(out).not.toMatch(/shell=/);
    expect(out).toContain('No actions here: give the token with --token-file | color=gray');
    // An untrusted link that would break out of its parameter is left out, the rest stays.
    const bad = formatXbar(snapshot([incident(3, { htmlUrl: 'https://x.example/a|b=c' })]), NOW, {
      unavailable: 'x',
    });
    expect(bad).not.toContain('href=');
    expect(bad).toContain('#3');
  });

  it('line: off call, on call, all acknowledged, and the age in minutes', () => {
    expect(formatLine(snapshot([], false), NOW, false)).toBe('off call · no pages');
    expect(formatLine(snapshot([]), NOW, false)).toBe('on call · no pages');
    expect(formatLine(snapshot([incident(3, { status: 'acknowledged', urgency: 'low' })]), NOW, false)).toBe(
      'on call · 1 open (1 low) · all acked',
    );
    expect(formatLine(snapshot([incident(75, {}), incident(5, { urgency: 'low' })]), NOW, false)).toBe(
      'on call · 2 open (1 high 1 low) · oldest unacked 1h15m',
    );
    expect([shortAge(59_999), shortAge(60_000), shortAge(49 * 3600_000)]).toEqual(['<1m', '1m', '2d1h']);
  });

  it('colour only on a terminal without NO_COLOR (and not for TERM=dumb)', () => {
    expect(useColour(true, {})).toBe(true);
    expect(useColour(false, {})).toBe(false);
    expect(useColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(true, { NO_COLOR: '' })).toBe(true);
    expect(useColour(true, { TERM: 'dumb' })).toBe(false);
    expect(formatLine(snapshot([incident(1, {})]), NOW, true)).toMatch(/^\x1b\[1;31m.*\x1b\[0m$/);
  });
});

describe('CLI wording', () => {
  it('no message of the PagerDuty client tells a terminal user to use Settings', () => {
    const all = Object.entries(messages).map(([name, fn]) => [
      name,
      (fn as (...a: unknown[]) => string)('api.example.com', 'api.example.com', 'x'),
    ]);
    expect(all.length).toBeGreaterThan(10);
    const before = all.filter(([, t]) => /(?<!User )Settings|setting\b/.test(t!));
    // The probe: the core's wording does speak of Settings, so this test could fail.
    expect(before.length).toBeGreaterThan(0);
    for (const [name, text] of all) {
      expect(forCli(text!).replace(/User Settings/g, ''), name).not.toMatch(/Settings|setting\b/);
    }
    expect(forCli(messages.auth())).toContain('PAGERDUTY_TOKEN or a file named by --token-file');
    expect(forCli(messages.fromRequired())).toContain('(--from EMAIL)');
  });

  it('watch --json events carry the reworded reasons too', () => {
    const at = new Date(NOW).toISOString();
    const sync = eventForCli({
      type: 'sync',
      at,
      status: { state: 'auth_error', since: at, errorKind: 'auth', reason: messages.auth(), retryAt: null },
    });
    expect(JSON.stringify(sync)).not.toMatch(/in Settings/);
    expect(JSON.stringify(sync)).toContain('--token-file');
    const failed = eventForCli({
      type: 'action.failed',
      at,
      action: {} as never,
      error: messages.fromMissingForWrite(),
      final: true,
    });
    expect(failed.type === 'action.failed' && failed.error).toMatch(/\(--from EMAIL\)\.$/);
  });
});

describe('watchLine', () => {
  it('rewrites one line in place on a terminal and ends it with a newline when stopped', async () => {
    let snap = snapshot([]);
    const listeners = new Set<() => void>();
    const written: string[] = [];
    const stop = watchLine({
      companion: {
        snapshot: () => snap,
        subscribe: (l) => {
          listeners.add(l as () => void);
          return () => listeners.delete(l as () => void);
        },
      },
      tty: true,
      colour: false,
      write: (t) => written.push(t),
      now: () => NOW,
    });
    snap = snapshot([incident(2, {})]);
    for (const l of listeners) l();
    for (const l of listeners) l();
    await Promise.resolve();
    stop();
    expect(listeners.size).toBe(0);
    expect(written).toEqual([
      '\r\x1b[2Kon call · no pages',
      '\r\x1b[2Kon call · 1 open (1 high) · oldest unacked 2m',
      '\n',
    ]);
  });
});
