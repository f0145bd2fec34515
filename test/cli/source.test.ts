import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/ports.js';
import { SIM_ME } from '../../src-main/core/simulator/index.js';
import {
  checkToken,
  defaultDataDir,
  openSource,
  sourceDataDir,
  SourceError,
  urlSlug,
} from '../../src-main/node/source.js';

describe('data folders', () => {
  it('follows each platform convention', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/a')).toBe('/x/data/oncall-companion');
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.local/share/oncall-companion');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/a')).toBe(
      '/home/a/.local/share/oncall-companion',
    );
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe(
      '/Users/a/Library/Application Support/oncall-companion',
    );
    expect(defaultDataDir({ APPDATA: '/c/AppData/Roaming' }, 'win32', '/c')).toBe(
      '/c/AppData/Roaming/oncall-companion',
    );
  });

  it('keeps demo and each API URL apart', () => {
    expect(sourceDataDir('/d', { kind: 'demo', apiUrl: 'http://127.0.0.1:1' })).toBe('/d/demo');
    expect(sourceDataDir('/d', { kind: 'pagerduty', apiUrl: 'https://api.pagerduty.com' })).toBe(
      '/d/pagerduty-api.pagerduty.com',
    );
    expect(urlSlug('https://api.eu.pagerduty.com/')).toBe('api.eu.pagerduty.com');
    expect(urlSlug('http://127.0.0.1:4020')).toBe('127.0.0.1-4020');
    expect(urlSlug('https://API.PagerDuty.com')).toBe(urlSlug('https://api.pagerduty.com'));
    expect(urlSlug('https://pd.example.com/proxy/../x')).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe('checkToken', () => {
  it('trims a token file newline and refuses empty or multi-line tokens', () => {
    expect(checkToken('  u+abc123\n')).toBe('u+abc123');
    expect(() => checkToken(' \n')).toThrow(SourceError);
    expect(() => checkToken('abc\ndef')).toThrow(/only the API key/);
  });
});

describe('openSource', () => {
  it('with no token runs the real client against a fresh embedded simulator, in its own demo run folder', async () => {
    const base = mkdtempSync(join(tmpdir(), 'occ-src-'));
    // A leftover folder of a run whose process is gone is cleaned up.
    mkdirSync(join(base, 'demo', 'run-999999999-old'), { recursive: true });
    const opened = await openSource({ token: null, scenario: 'none', dataDir: base, logger: silentLogger });
    try {
      expect(opened.source.kind).toBe('demo');
      expect(opened.source.apiUrl).toBe(opened.simulator?.url);
      expect(opened.dataDir.startsWith(join(base, 'demo', `run-${process.pid}-`))).toBe(true);
      expect(readdirSync(join(base, 'demo'))).toHaveLength(1);
      const live = new Promise<void>((resolve) =>
        opened.companion.subscribe((e) => {
          if (e.type === 'sync' && e.status.state === 'live') resolve();
        }),
      );
      await opened.companion.start();
      await live;
      expect(opened.companion.snapshot().me?.id).toBe(SIM_ME.id);
      // The client really talked HTTP to the simulator.
      expect(opened.simulator?.requests().some((r) => r.path === '/users/me')).toBe(true);
    } finally {
      await opened.close();
      await opened.close(); // twice is fine
    }
    expect(existsSync(opened.dataDir)).toBe(false);
  });

  it('with a token points at the API URL and keeps state in that URL folder', async () => {
    const base = mkdtempSync(join(tmpdir(), 'occ-src-'));
    const opened = await openSource({
      token: 'tok-123456',
      apiUrl: 'http://127.0.0.1:9/',
      dataDir: base,
      logger: silentLogger,
    });
    try {
      expect(opened.simulator).toBeNull();
      expect(opened.source).toEqual({ kind: 'pagerduty', apiUrl: 'http://127.0.0.1:9' });
      expect(opened.dataDir).toBe(join(base, 'pagerduty-127.0.0.1-9'));
      expect(existsSync(opened.dataDir)).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
