import { describe, expect, it } from 'vitest';
import { createRunbookReader, loadRunbookSource } from '../../../src-main/core/runbooks/source.js';
import { runbookCandidates } from '../../../src-main/core/runbooks/candidates.js';
import { findRunbook } from '../../../src-main/core/runbooks/match.js';
import type { FetchLike } from '../../../src-main/core/ports.js';

describe('runbook reader', () => {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    return new Response('runbooks:\n  - service: a\n    steps: [x]\n', { status: 200 });
  };
  const read = createRunbookReader({ fetch, readFile: async (p) => `read ${p}` });

  it('fetches https URLs and reads paths', async () => {
    expect(await read('https://wiki.example.com/rb.yaml')).toMatch(/runbooks/);
    expect(calls).toEqual(['https://wiki.example.com/rb.yaml']);
    expect(await read('/team/rb.yaml')).toBe('read /team/rb.yaml');
  });

  it('refuses http and other schemes', async () => {
    await expect(read('http://wiki.example.com/rb.yaml')).rejects.toThrow(/only https/);
    await expect(read('ftp://wiki.example.com/rb.yaml')).rejects.toThrow(/only https/);
    await expect(read('javascript:alert(1)')).rejects.toThrow(/only https/);
    expect(calls).toHaveLength(1);
  });

  it('turns HTTP errors and failures into an error naming the file', async () => {
    const bad = createRunbookReader({ fetch: async () => new Response('no', { status: 404 }) });
    expect(await loadRunbookSource('https://h.example/team.yaml', bad)).toEqual({
      ok: false,
      error: 'team.yaml: the runbook URL answered HTTP 404',
    });
    expect(await loadRunbookSource('https://h.example/team.yaml', read)).toMatchObject({ ok: true });
  });
});

describe('runbook candidates', () => {
  it('keeps https links only, trimmed, deduplicated and capped', () => {
    const text =
      'Runbook: https://wiki.example.com/a. Also https://wiki.example.com/a and (https://x.example/b?q=1)\n' +
      'http://plain.example/c javascript:alert(1) https://user:pw@evil.example/ <https://y.example/d>';
    expect(runbookCandidates(text)).toEqual([
      'https://wiki.example.com/a',
      'https://x.example/b?q=1',
      'https://y.example/d',
    ]);
    expect(runbookCandidates(null)).toEqual([]);
    expect(
      runbookCandidates(Array.from({ length: 20 }, (_, i) => `https://h.example/${i}`).join(' ')),
    ).toHaveLength(10);
  });
});

describe('findRunbook', () => {
  it('prefers Settings, then the file by id, then by name', () => {
    const file = [
      { service: 'checkout api', url: null, steps: ['by name'] },
      { service: 'P1', url: 'https://a.example', steps: ['by id'] },
    ];
    expect(findRunbook({ id: 'P1', name: 'Checkout API' }, [], file)?.steps).toEqual(['by id']);
    expect(findRunbook({ id: 'P2', name: 'Checkout API' }, [], file)?.steps).toEqual(['by name']);
    expect(findRunbook({ id: 'P1', name: 'x' }, [{ serviceId: 'P1', steps: ['mine'] }], file)).toEqual({
      url: null,
      steps: ['mine'],
      origin: 'settings',
    });
    expect(findRunbook({ id: 'P3', name: 'Other' }, [], file)).toBeNull();
  });
});
