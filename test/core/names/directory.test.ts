/**
 * The names directory: every page of services and teams read once and searched in memory, read again
 * only when stale (5 minutes), on demand (at most every 30 s) or when a name is not found; one read
 * at a time; a failed read not repeated for 30 s; bad items skipped with their reason.
 */
import { describe, expect, it, vi } from 'vitest';
import { createNameDirectory, rankName, normaliseName } from '../../../src-main/core/names/directory.js';
import type { DirectoryApi } from '../../../src-main/core/pagerduty/directory.js';
import { createPagerDutyClient } from '../../../src-main/core/pagerduty/index.js';
import type { Logger } from '../../../src-main/core/ports.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function fakeApi(
  services: Array<{ id: string; name: string; teams?: string[] }>,
  teams = [{ id: 'PT1', name: 'Platform' }],
) {
  const api = {
    listServiceNames: vi.fn(async () => ({
      items: services.map((s) => ({ ...s, teams: s.teams ?? [] })),
      skipped: [],
    })),
    listTeamNames: vi.fn(async () => ({ items: teams, skipped: [] })),
  } satisfies DirectoryApi;
  return api;
}

const SERVICES = [
  { id: 'PSV1', name: 'checkout-api', teams: ['Platform'] },
  { id: 'PSV2', name: 'payments-worker' },
  { id: 'PSV3', name: 'Auth Gateway' },
  { id: 'PSV4', name: 'legacy checkout' },
];

describe('ranking a name', () => {
  it('orders id, exact, prefix, word start, inside, all words; no match is null', () => {
    const q = (s: string) => normaliseName(s);
    expect(rankName(q('psv1'), { id: 'PSV1', name: 'x' })).toBe(0);
    expect(rankName(q('Auth  Gateway'), { id: 'a', name: 'auth gateway' })).toBe(1);
    expect(rankName(q('check'), { id: 'a', name: 'checkout-api' })).toBe(2);
    expect(rankName(q('api'), { id: 'a', name: 'checkout-api' })).toBe(3);
    expect(rankName(q('kout'), { id: 'a', name: 'checkout-api' })).toBe(4);
    expect(rankName(q('api check'), { id: 'a', name: 'checkout-api' })).toBe(5);
    expect(rankName(q('billing'), { id: 'a', name: 'checkout-api' })).toBeNull();
    expect(rankName('', { id: 'a', name: 'anything' })).toBe(6);
  });
});

describe('the names directory', () => {
  it('reads the list once and answers every keystroke from memory, best first', async () => {
    const api = fakeApi(SERVICES);
    let now = 0;
    const dir = createNameDirectory({ api, clock: { now: () => now }, logger: quiet });
    const first = await dir.search('service', 'check');
    expect(first.matches.map((m) => m.name)).toEqual(['checkout-api', 'legacy checkout']);
    expect(first.matches[0]).toMatchObject({ id: 'PSV1', detail: 'Platform' });
    for (const q of ['c', 'ch', 'che', 'chec', 'AUTH'] as const) await dir.search('service', q);
    now += 60_000;
    expect((await dir.search('service', 'auth')).matches.map((m) => m.id)).toEqual(['PSV3']);
    expect(api.listServiceNames).toHaveBeenCalledTimes(1);
    expect(api.listTeamNames).not.toHaveBeenCalled();
    expect((await dir.search('team', 'plat')).matches.map((m) => m.id)).toEqual(['PT1']);
  });

  it('reads again after 5 minutes, and on demand at most every 30 s', async () => {
    const api = fakeApi(SERVICES);
    let now = 0;
    const dir = createNameDirectory({ api, clock: { now: () => now }, logger: quiet });
    await dir.search('service', '');
    now += 10_000;
    await dir.search('service', '', { refresh: true });
    expect(api.listServiceNames).toHaveBeenCalledTimes(1);
    now += 30_000;
    await dir.search('service', '', { refresh: true });
    expect(api.listServiceNames).toHaveBeenCalledTimes(2);
    now += 4 * 60_000;
    await dir.search('service', '');
    expect(api.listServiceNames).toHaveBeenCalledTimes(2);
    now += 60_000 + 1;
    await dir.search('service', '');
    expect(api.listServiceNames).toHaveBeenCalledTimes(3);
  });

  it('a name found nowhere reads the list again (a service made since), but not on every keystroke', async () => {
    const list = [...SERVICES];
    const api = fakeApi(list);
    api.listServiceNames.mockImplementation(async () => ({
      items: list.map((s) => ({ ...s, teams: [] })),
      skipped: [],
    }));
    let now = 0;
    const dir = createNameDirectory({ api, clock: { now: () => now }, logger: quiet });
    expect((await dir.search('service', 'billing')).total).toBe(0);
    list.push({ id: 'PSV9', name: 'billing' });
    now += 5_000;
    expect((await dir.search('service', 'billin')).total).toBe(0);
    expect(api.listServiceNames).toHaveBeenCalledTimes(1);
    now += 30_000;
    expect((await dir.search('service', 'billing')).matches.map((m) => m.id)).toEqual(['PSV9']);
    expect(api.listServiceNames).toHaveBeenCalledTimes(2);
  });

  it('one read at a time, however many searches wait for it', async () => {
    const api = fakeApi(SERVICES);
    let release!: () => void;
    api.listServiceNames.mockImplementationOnce(
      () =>
        new Promise((r) => {
          release = () => r({ items: SERVICES.map((s) => ({ ...s, teams: [] })), skipped: [] });
        }),
    );
    const dir = createNameDirectory({ api, clock: { now: () => 0 }, logger: quiet });
    const all = Promise.all([
      dir.search('service', 'a'),
      dir.search('service', 'b'),
      dir.lookup('service', ['PSV2']),
    ]);
    await Promise.resolve();
    release();
    const [, , look] = await all;
    expect(api.listServiceNames).toHaveBeenCalledTimes(1);
    expect(look).toEqual({
      found: [{ id: 'PSV2', name: 'payments-worker', detail: null }],
      complete: true,
      problem: null,
    });
  });

  it('a failed read says so, keeps the last copy and is not retried for 30 s', async () => {
    const api = fakeApi(SERVICES);
    let now = 0;
    const warn = vi.fn();
    const dir = createNameDirectory({ api, clock: { now: () => now }, logger: { ...quiet, warn } });
    api.listServiceNames.mockRejectedValueOnce(new Error('api.pagerduty.com could not be reached'));
    const failed = await dir.search('service', 'check');
    expect(failed).toMatchObject({
      total: 0,
      problem: 'the services could not be read: api.pagerduty.com could not be reached',
    });
    expect(await dir.lookup('service', ['PSV1'])).toMatchObject({ found: [], complete: false });
    now += 10_000;
    await dir.search('service', 'check');
    expect(api.listServiceNames).toHaveBeenCalledTimes(1);
    now += 30_000;
    const ok = await dir.search('service', 'check');
    expect(ok).toMatchObject({ total: 2, problem: null });
    // Stale and failing again: the old copy is still searched, with the problem said.
    now += 6 * 60_000;
    api.listServiceNames.mockRejectedValueOnce(new Error('timed out'));
    expect(await dir.search('service', 'check')).toMatchObject({
      total: 2,
      problem: 'the services could not be read: timed out',
    });
    expect(warn).toHaveBeenCalled();
  });

  it('a source without the reads answers with a problem, not a throw', async () => {
    const dir = createNameDirectory({ api: null, clock: { now: () => 0 }, logger: quiet });
    expect(await dir.search('team', 'x')).toMatchObject({
      matches: [],
      problem: expect.stringMatching(/no teams/),
    });
  });

  it('an id in the settings the list lacks is looked for again once; complete says it is on no account', async () => {
    const api = fakeApi(SERVICES);
    let now = 0;
    const dir = createNameDirectory({ api, clock: { now: () => now }, logger: quiet });
    await dir.search('service', '');
    now += 40_000;
    const r = await dir.lookup('service', ['PSV1', 'PGONE']);
    expect(r).toEqual({ found: [expect.objectContaining({ id: 'PSV1' })], complete: true, problem: null });
    expect(api.listServiceNames).toHaveBeenCalledTimes(2);
  });
});

describe('the reads', () => {
  it('every page of GET /services and GET /teams, a nameless item skipped with its reason', async () => {
    const pages: Record<string, unknown[]> = {
      services: [
        {
          id: 'PS1',
          name: 'checkout-api',
          teams: [{ id: 'PT1', summary: 'Platform', type: 'team_reference' }],
        },
        { id: 'PS2', summary: 'from summary' },
        { id: 'PS3' },
        { name: 'no id' },
        ...Array.from({ length: 150 }, (_, i) => ({ id: `PX${i}`, name: `svc ${i}` })),
      ],
      teams: [{ id: 'PT1', name: 'Platform' }, { id: 'PT2', summary: 'Data' }, { id: 7 }],
    };
    const seen: string[] = [];
    const fetch = async (url: string | URL) => {
      const u = new URL(String(url));
      seen.push(`${u.pathname}?${u.searchParams.toString()}`);
      const key = u.pathname.slice(1);
      const offset = Number(u.searchParams.get('offset') ?? 0);
      const limit = Number(u.searchParams.get('limit') ?? 25);
      const all = pages[key]!;
      const body = {
        [key]: all.slice(offset, offset + limit),
        limit,
        offset,
        more: offset + limit < all.length,
      };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const warn = vi.fn();
    const client = createPagerDutyClient({
      baseUrl: 'https://api.pagerduty.com',
      token: 't',
      fetch,
      logger: { ...quiet, warn },
    });
    const services = await client.listServiceNames();
    expect(services.items).toHaveLength(152);
    expect(services.items.slice(0, 2)).toEqual([
      { id: 'PS1', name: 'checkout-api', teams: ['Platform'] },
      { id: 'PS2', name: 'from summary', teams: [] },
    ]);
    expect(services.skipped.map((s) => s.index)).toEqual([2, 3]);
    expect(services.skipped[0]!.reason).toMatch(/neither a name nor a summary/);
    expect(seen.filter((s) => s.startsWith('/services'))).toHaveLength(2);
    const teams = await client.listTeamNames();
    expect(teams.items).toEqual([
      { id: 'PT1', name: 'Platform' },
      { id: 'PT2', name: 'Data' },
    ]);
    expect(teams.skipped).toHaveLength(1);
  });
});
