import { describe, expect, it } from 'vitest';
import { coreSettingsSchema, defaultCoreSettings, secureApiUrl } from '../../src-main/core/settings.js';

const withApi = (apiUrl: string) =>
  coreSettingsSchema.safeParse({
    ...defaultCoreSettings(),
    source: { kind: 'pagerduty', region: 'custom', apiUrl },
  });

describe('core settings: the API URL', () => {
  it('accepts https anywhere and plain http only on this machine', () => {
    for (const ok of [
      'https://api.pagerduty.com',
      'https://pd.example.com/v2',
      'http://127.0.0.1:4020',
      'http://localhost:8080',
      'http://[::1]:4020',
    ])
      expect(withApi(ok).success, ok).toBe(true);
    for (const bad of [
      'http://api.pagerduty.com',
      'http://10.0.0.5:4020',
      'ftp://api.pagerduty.com',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(withApi(bad).success, bad).toBe(false);
  });

  it('says how to fix a plain-http remote URL', () => {
    const r = withApi('http://api.eu.pagerduty.com');
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/use https:\/\//);
    expect(secureApiUrl('http://localhost.evil.example')).toBe(false);
  });
});
