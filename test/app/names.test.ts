/**
 * The window's names face: a search asks every account and merges best first, each match tagged
 * with its account when there are several; an account not running or failing is named and the
 * others still answer; a lookup is complete only when every account's list was read. Through the
 * handler map, so both hosts' transports carry it, with its arguments checked by the contract.
 */
import { describe, expect, it } from 'vitest';
import { companionNames, createNameDirectory } from '../../src-main/core/names/directory.js';
import type { DirectoryApi } from '../../src-main/core/pagerduty/directory.js';
import { windowNames, type NamesAccount } from '../../src-main/app/names.js';
import { callHandler, createHandlers } from '../../src-main/app/handlers.js';
import type { Logger } from '../../src-main/core/ports.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function account(id: string, name: string, services: Array<[string, string]>, fail?: string): NamesAccount {
  const api: DirectoryApi = {
    listServiceNames: async () => {
      if (fail) throw new Error(fail);
      return { items: services.map(([sid, n]) => ({ id: sid, name: n, teams: [] })), skipped: [] };
    },
    listTeamNames: async () => ({ items: [{ id: `${id}-T`, name: `${name} team` }], skipped: [] }),
  };
  const dir = createNameDirectory({ api, clock: { now: () => 0 }, logger: quiet });
  return { tag: { id, name }, names: companionNames(dir), problem: null };
}

describe('names over every account', () => {
  it('one account: plain matches, no account tag', async () => {
    const names = windowNames(() => [account('default', 'Acme', [['PS1', 'checkout-api']])]);
    expect(await names.findServices('check')).toEqual({
      matches: [{ id: 'PS1', name: 'checkout-api', detail: null }],
      more: false,
      problems: [],
    });
  });

  it('several: merged best first, tagged, a failing or stopped account named', async () => {
    const list = [
      account('default', 'Acme', [
        ['PS1', 'legacy checkout'],
        ['PS2', 'billing'],
      ]),
      account('eu', 'Acme EU', [['PE1', 'checkout']]),
      account('bad', 'Broken', [], 'api.eu.pagerduty.com answered 500'),
      { tag: { id: 'off', name: 'Waiting' }, names: null, problem: 'no API token yet' },
    ];
    const names = windowNames(() => list);
    const r = await names.findServices('checkout');
    expect(r.matches).toEqual([
      { id: 'PE1', name: 'checkout', detail: null, account: { id: 'eu', name: 'Acme EU' } },
      { id: 'PS1', name: 'legacy checkout', detail: null, account: { id: 'default', name: 'Acme' } },
    ]);
    expect(r.problems.sort()).toEqual([
      'Broken: the services could not be read: api.eu.pagerduty.com answered 500',
      'Waiting: not running (no API token yet)',
    ]);
    const look = await names.lookupNames({ services: ['PS2', 'PE1', 'PNONE'], teams: ['eu-T'] });
    expect(look.services.map((s) => s.id).sort()).toEqual(['PE1', 'PS2']);
    expect(look.teams).toEqual([
      { id: 'eu-T', name: 'Acme EU team', detail: null, account: { id: 'eu', name: 'Acme EU' } },
    ]);
    expect(look.complete).toBe(false);
    const ok = windowNames(() => list.slice(0, 2));
    expect((await ok.lookupNames({ services: ['PNONE'], teams: [] })).complete).toBe(true);
  });

  it('the handlers answer the channels; a bad argument is refused by the contract', async () => {
    const handlers = createHandlers({
      companion: () => null,
      names: () => [account('default', 'Acme', [['PS1', 'checkout-api']])],
      settings: {} as never,
      history: () => null,
      links: { refuse: () => 'no' },
      now: () => 0,
    });
    const found = await callHandler(handlers, 'findServices', ['CHECK', { refresh: true }], {
      logger: quiet,
    });
    expect(found).toMatchObject({ ok: true, value: { matches: [{ id: 'PS1' }] } });
    const teams = await callHandler(handlers, 'findTeams', ['acme'], { logger: quiet });
    expect(teams).toMatchObject({ ok: true, value: { matches: [{ id: 'default-T' }] } });
    const looked = await callHandler(handlers, 'lookupNames', [{ services: ['PS1'], teams: [] }], {
      logger: quiet,
    });
    expect(looked).toMatchObject({
      ok: true,
      value: { complete: true, services: [{ name: 'checkout-api' }] },
    });
    expect(await callHandler(handlers, 'findServices', ['x'.repeat(201)], { logger: quiet })).toMatchObject({
      ok: false,
      error: { code: 'bad_arguments' },
    });
    expect(
      await callHandler(handlers, 'lookupNames', [{ services: ['PS1'], teams: [], extra: 1 }], {
        logger: quiet,
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    const none = createHandlers({
      companion: () => null,
      sourceProblem: () => 'the token was refused',
      names: () => [],
      settings: {} as never,
      history: () => null,
      links: { refuse: () => 'no' },
      now: () => 0,
    });
    expect(await callHandler(none, 'findServices', ['x'], { logger: quiet })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/token was refused/) },
    });
  });
});
