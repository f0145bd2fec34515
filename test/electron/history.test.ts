import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportPath, shellHistoryPort } from '../../src-main/electron/history.js';
import { captureLogger } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('shell history', () => {
  it('keeps report files inside the data folder', () => {
    expect(reportPath('/data', 'reports/2026-11-30-0800.md')).toBe(
      join('/data', 'reports/2026-11-30-0800.md'),
    );
    expect(reportPath('/data', '../etc/passwd')).toBeNull();
    expect(reportPath('/data', '/etc/passwd')).toBeNull();
  });

  it('opens one history in the data folder, kept across sources, and answers metrics', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oncall-history-'));
    const port = shellHistoryPort(dir, captureLogger());
    const hooks = { onNotification: () => {} };
    const first = await port.open(null, hooks);
    const f = fakeCompanion();
    const again = await port.open({ companion: f.companion, close: async () => {} }, hooks);
    expect(again).toBe(first);
    const off = first!.service.attach(f.companion);
    expect(f.listenerCount()).toBeGreaterThan(0);
    expect((await first!.service.getMetrics(null)).pages).toBe(0);
    off();
    expect(f.listenerCount()).toBe(0);
    await first!.close();
    expect(existsSync(join(dir, 'history'))).toBe(true);
  });
});
