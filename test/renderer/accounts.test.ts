/**
 * Several accounts in the renderer's data: each account's sync event moves only its own status,
 * rows of an account that is not live are marked stale (the others not), and the account filter
 * shows one account's rows.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent, applySnapshot } from '../../src-renderer/src/store/reducer.js';
import { emptyData } from '../../src-renderer/src/store/model.js';
import { visibleRows } from '../../src-renderer/src/store/selectors.js';
import type { AccountState, AppSnapshot } from '../../src-main/shared/accounts.js';
import type { SyncStatus } from '../../src-main/core/events.js';
import { incident, snapshot } from './fixtures.js';

const LIVE: SyncStatus = { state: 'live', lastSyncAt: '2026-01-01T10:00:00.000Z' };
const STALE: SyncStatus = {
  state: 'stale',
  since: '2026-01-01T10:00:00.000Z',
  lastSyncAt: null,
  errorKind: 'server',
  reason: 'HTTP 503',
  retryAt: '2026-01-01T10:01:00.000Z',
};
const account = (id: string, name: string, sync: SyncStatus = LIVE): AccountState => ({
  id,
  name,
  kind: 'pagerduty',
  apiUrl: 'https://api.pagerduty.com',
  sync,
  problem: null,
});

function twoAccounts(): AppSnapshot {
  return {
    ...snapshot([
      incident('P1', { account: { id: 'default', name: 'team' } }),
      incident('platform~P1', { account: { id: 'platform', name: 'platform' } }),
    ]),
    sync: LIVE,
    accounts: [account('default', 'team'), account('platform', 'platform')],
  };
}

describe('several accounts in the renderer', () => {
  it("an account's sync event moves only its own status and rows", () => {
    const data = applySnapshot(emptyData(), twoAccounts());
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(visibleRows(data, '', now).map((r) => r.stale)).toEqual([false, false]);
    const r = applyEvent(data, {
      type: 'sync',
      at: '2026-01-01T10:00:00.000Z',
      status: STALE,
      account: { id: 'platform', name: 'platform' },
    });
    expect(r.data.sync).toEqual(LIVE);
    expect(r.data.accounts.map((a) => a.sync.state)).toEqual(['live', 'stale']);
    const rows = visibleRows(r.data, '', now);
    expect(rows.map((x) => [x.incident.id, x.stale])).toEqual([
      ['P1', false],
      ['platform~P1', true],
    ]);
    // The first account's own event moves the window's status as before.
    const first = applyEvent(r.data, { type: 'sync', at: '2026-01-01T10:00:00.000Z', status: STALE });
    expect(first.data.sync).toEqual(STALE);
    expect(first.data.accounts.map((a) => a.sync.state)).toEqual(['stale', 'stale']);
  });

  it('a single account marks no row stale (its banner says it, as before)', () => {
    const data = applySnapshot(emptyData(), {
      ...snapshot([incident('P1')]),
      sync: STALE,
      accounts: [account('default', 'default', STALE)],
    });
    expect(visibleRows(data, '', 0).map((r) => r.stale)).toEqual([false]);
  });

  it('the account filter shows one account', () => {
    const data = applySnapshot(emptyData(), twoAccounts());
    expect(visibleRows(data, '', 0, undefined, 'platform').map((r) => r.incident.id)).toEqual([
      'platform~P1',
    ]);
    expect(visibleRows(data, '', 0, undefined, 'default').map((r) => r.incident.id)).toEqual(['P1']);
    expect(visibleRows(data, '', 0, undefined, null)).toHaveLength(2);
  });
});
