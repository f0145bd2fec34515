import { describe, expect, it } from 'vitest';
import { createProgressPrinter, progressText } from '../../src-main/cli/progress.js';

describe('backfill progress', () => {
  it('says the phase, done/total and a percentage', () => {
    expect(progressText({ phase: 'incidents', done: 1, total: 4 })).toBe(
      'backfill: listing incidents 1/4 (25%)',
    );
    expect(progressText({ phase: 'log_entries', done: 0, total: 0 })).toBe(
      'backfill: reading log entries 0/0 (0%)',
    );
    expect(progressText({ phase: 'done', done: 1, total: 1 })).toBe('backfill: done, 1 page found');
  });

  it('prints plain lines off a terminal: each phase, at most one a second, and the last', () => {
    let t = 0;
    const out: string[] = [];
    const p = createProgressPrinter({ write: (s) => out.push(s), tty: false, now: () => t });
    p.update({ phase: 'incidents', done: 0, total: 1 });
    p.update({ phase: 'incidents', done: 1, total: 1 });
    p.update({ phase: 'log_entries', done: 0, total: 100 });
    for (let i = 1; i <= 100; i++) {
      t += 50; // 20 updates a second
      p.update({ phase: 'log_entries', done: i, total: 100 });
    }
    p.update({ phase: 'done', done: 90, total: 90 });
    p.end();
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out[0]).toBe('backfill: listing incidents 0/1 (0%)\n');
    expect(out).toContain('backfill: reading log entries 100/100 (100%)\n');
    expect(out.at(-1)).toBe('backfill: done, 90 pages found\n');
    // 5 s of updates: about one line a second, not one per update.
    const logLines = out.filter((l) => l.includes('log entries'));
    expect(logLines.length).toBeGreaterThanOrEqual(5);
    expect(logLines.length).toBeLessThanOrEqual(8);
  });

  it('redraws one line on a terminal at most four times a second and ends it', () => {
    let t = 0;
    const out: string[] = [];
    const p = createProgressPrinter({ write: (s) => out.push(s), tty: true, now: () => t });
    p.update({ phase: 'log_entries', done: 0, total: 1000 });
    for (let i = 1; i <= 1000; i++) {
      t += 10;
      p.update({ phase: 'log_entries', done: i, total: 1000 });
    }
    p.end();
    const draws = out.filter((s) => s.startsWith('\r'));
    expect(draws.length).toBeLessThanOrEqual(10 * 4 + 3);
    expect(draws.at(-1)).toMatch(/1000\/1000 \(100%\)/);
    expect(out.at(-1)).toBe('\n');
  });
});
