import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../src-main/app/external-url.js';

describe('external URLs', () => {
  it('opens https links on PagerDuty hosts', () => {
    expect(checkExternalUrl('https://acme.pagerduty.com/incidents/P1', null)).toMatchObject({ ok: true });
    expect(checkExternalUrl('https://acme.eu.pagerduty.com/incidents/P1', null)).toMatchObject({ ok: true });
  });

  it('opens links on the configured API host only', () => {
    expect(checkExternalUrl('https://pd.example.com/incidents/1', 'https://pd.example.com')).toMatchObject({
      ok: true,
    });
    expect(checkExternalUrl('https://evil.example.com/x', 'https://pd.example.com')).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ['http://acme.pagerduty.com/x', 'only https:'],
    ['file:///etc/passwd', 'only https:'],
    ['javascript:alert(1)', 'only https:'],
    ['https://pagerduty.com.evil.io/x', 'not a PagerDuty host'],
    ['https://evilpagerduty.com/x', 'not a PagerDuty host'],
    ['https://user:pw@acme.pagerduty.com/x', 'credentials'],
    ['not a url', 'not a valid URL'],
    ['', 'no link'],
  ])('refuses %j', (url, reason) => {
    const res = checkExternalUrl(url, null);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toContain(reason);
  });

  it('refuses non-strings', () => {
    expect(checkExternalUrl(null, null).ok).toBe(false);
  });
});
