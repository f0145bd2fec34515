/**
 * Links in alert details (any JSON): only https links come out, at most `max`, however deep, large
 * or hostile the body.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonLinkCandidates } from '../../../src-main/core/runbooks/candidates.js';

describe('jsonLinkCandidates', () => {
  it('finds https links in nested strings and nothing else', () => {
    const details = {
      html: '<a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)>',
      nested: {
        deeper: [{ link: 'see https://grafana.example.net/d/abc?x=1.' }, 'http://plain.example.com'],
      },
      data: 'data:text/html,<script>alert(1)</script>',
      creds: 'https://user:pw@evil.example.com/',
    };
    expect(jsonLinkCandidates(details)).toEqual(['https://grafana.example.net/d/abc?x=1']);
  });

  it('stays bounded on 10,000 levels of nesting and a 1 MB value', () => {
    let deep: unknown = 'https://deep.example.com/end';
    for (let i = 0; i < 10_000; i += 1) deep = { d: deep };
    expect(jsonLinkCandidates(deep)).toEqual([]); // past the scan bound: not found, not a hang
    const big = {
      blob: `${'x'.repeat(1_000_000)} https://late.example.com/`,
      early: 'https://a.example.com/',
    };
    expect(jsonLinkCandidates(big)).toEqual(['https://a.example.com/']);
  });

  it('returns only https links, at most max (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 1, max: 30 }), (v, max) => {
        const links = jsonLinkCandidates(v, max);
        expect(links.length).toBeLessThanOrEqual(max);
        for (const l of links) expect(new URL(l).protocol).toBe('https:');
      }),
      { numRuns: 200 },
    );
  });
});
