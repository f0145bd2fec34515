/**
 * The pre-shift warning in a real `watch` against `oncall-companion simulator --scenario demo` at 300x:
 * my next Platform shift (under 15 minutes away at that speed) is warned once with who I take over
 * from, a teammate's override that puts me on call is announced once when the roster is read again,
 * and a restarted `watch` on the same data folder repeats neither.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CliProcess, cliEnv, startSimulatorCli, watchJsonArgs } from './helpers.js';

type Note = { type: string; notification?: { key: string; title: string; body: string } };

describe('shift warnings in a real watch', () => {
  let simProc: CliProcess | null = null;
  beforeAll(async () => {
    await buildCli();
  }, 180_000);
  afterAll(async () => {
    await simProc?.stop();
  });

  it('fires once, and not again after a restart', async () => {
    const started = await startSimulatorCli(['--scenario', 'demo', '--speed', '300']);
    simProc = started.proc;
    const url = started.url;
    const dataDir = mkdtempSync(join(tmpdir(), 'occ-warn-'));
    const env = cliEnv({ PAGERDUTY_TOKEN: 'any-token' });
    const args = watchJsonArgs(url, dataDir);
    const isShiftNote = (l: string): boolean => /"key":"(preshift|newshift):/.test(l);
    const first = CliProcess.start(args, env);
    const pre = await first.waitForLine((l) => l.includes('"key":"preshift:PEP0001'), 30_000);
    const preNote = (JSON.parse(pre) as Note).notification!;
    expect(preNote.title).toMatch(/^You are on call in \d+ min: Platform Primary$/);
    expect(preNote.body).toMatch(/you take over from Alex Kim/);
    // A teammate puts me on Edge On-call 80 minutes ahead, after the first roster was read; the
    // roster is read again at the demo's handoff (9 s in at 300x).
    const at = Date.now();
    const body = {
      overrides: [
        {
          start: new Date(at + 80 * 60_000).toISOString(),
          end: new Date(at + 100 * 60_000).toISOString(),
          user: { id: 'PME0001', type: 'user_reference' },
        },
      ],
    };
    const made = await fetch(`${url}/schedules/PSC0003/overrides`, {
      method: 'POST',
      headers: {
        Authorization: 'Token token=x',
        'Content-Type': 'application/json',
        From: 'alex@demo.oncall-companion.dev',
      },
      body: JSON.stringify(body),
    });
    expect(made.status).toBe(201);
    // The demo makes an override of its own two scenario minutes in (ten real minutes ahead): when the
    // first roster was read before it, that one is announced too, so wait for this test's own.
    const ours = (l: string): boolean =>
      l.includes('"key":"newshift:') && /on call in (79|80) min: Edge On-call/.test(l);
    const surprise = await first.waitForLine(ours, 60_000);
    const surpriseNote = (JSON.parse(surprise) as Note).notification!;
    expect(surpriseNote.title).toMatch(/^An override puts you on call in (79|80) min: Edge On-call$/);
    expect(surpriseNote.body).toMatch(/you take over from (Priya Natarajan|Alex Kim)/);
    await new Promise((r) => setTimeout(r, 4000));
    await first.stop();
    const keys = first.lines.filter(isShiftNote).map((l) => (JSON.parse(l) as Note).notification!.key);
    // Each shift is warned once.
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k === preNote.key)).toHaveLength(1);
    expect(first.lines.filter(ours)).toHaveLength(1);

    const second = CliProcess.start(args, env);
    await second.waitForLine((l) => l.includes('"state":"live"'), 30_000);
    await new Promise((r) => setTimeout(r, 8000));
    await second.stop();
    const again = second.lines.filter(isShiftNote).map((l) => (JSON.parse(l) as Note).notification!.key);
    expect(again.filter((k) => keys.includes(k))).toEqual([]);
    expect(again.some((k) => k.startsWith('newshift:'))).toBe(false);
  }, 150_000);
});
