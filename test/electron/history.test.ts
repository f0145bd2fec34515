import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openShellHistory, reportPath } from '../../src-main/electron/history.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
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

  it('opens in the data folder, follows a companion and answers metrics', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oncall-history-'));
    const h = await openShellHistory({
      dataDir: dir,
      logger: captureLogger(),
      settings: defaultAppSettings(),
      onNotification: () => {},
    });
    const f = fakeCompanion();
    h.follow(f.companion);
    expect(f.listenerCount()).toBeGreaterThan(0);
    const metrics = await h.service.getMetrics(null);
    expect(metrics.pages).toBe(0);
    h.follow(null);
    expect(f.listenerCount()).toBe(0);
    await h.close();
    expect(existsSync(join(dir, 'history'))).toBe(true);
  });
});
