/**
 * Several accounts in one runtime: one source per account, rows merged with their account's name,
 * actions routed by (account, id) even when ids collide, each account's own sync status, tokens
 * per account (never in the view), removal stopping its source and dropping its token; and the
 * single-account settings file reading as one account with nothing lost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRuntime, type RuntimeEvent } from '../../src-main/app/runtime.js';
import { createMemorySecretStore, type SecretStore } from '../../src-main/app/secrets.js';
import { createSettingsStore, repairSettings } from '../../src-main/app/settings.js';
import { openSourceOptions, type SourceRequest } from '../../src-main/app/sources.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import { parseArgs } from '../../src-main/ipc/contract.js';
import { accountKey, newAccountId, splitAccountKey } from '../../src-main/shared/accounts.js';
import { fakeCompanion } from '../electron/fake-companion.js';
import { quietPorts } from '../support/runtime-ports.js';
import { incident, snapshot } from '../electron/fixtures.js';

const NOW = Date.parse('2026-12-03T10:00:00.000Z');
const TOKEN_A = 'token-of-account-a-123';
const TOKEN_B = 'token-of-account-b-456';

function build() {
  // Both accounts hold an incident with the same id: only the account tells them apart.
  const first = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1', title: 'first P1' })] }));
  const second = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1', title: 'second P1' })] }));
  const opened: SourceRequest[] = [];
  const closed: string[] = [];
  const stores = new Map<string, SecretStore>();
  const runtime = createRuntime({
    settingsStore: createSettingsStore({
      ...defaultAppSettings(),
      source: { kind: 'pagerduty', region: 'us' },
      accountName: 'team',
    }),
    secrets: createMemorySecretStore(TOKEN_A, 'memory'),
    accountSecrets: (id) => {
      let s = stores.get(id);
      if (!s) stores.set(id, (s = createMemorySecretStore(null, 'memory')));
      return s;
    },
    openSource: async (req) => {
      opened.push(req);
      const c = req.account ? second : first;
      return {
        companion: c.companion,
        close: async () => void closed.push(req.account?.id ?? 'default'),
      };
    },
    history: null,
    ...quietPorts(NOW),
  });
  const events: RuntimeEvent[] = [];
  runtime.subscribe((e) => events.push(e));
  return { runtime, first, second, opened, closed, stores, events };
}

const EU = { kind: 'pagerduty' as const, region: 'eu' as const };

async function withSecond() {
  const b = build();
  await b.runtime.start();
  const res = b.runtime.handlers.updateSettings({
    accounts: [{ id: 'platform', name: 'platform', source: EU }],
  });
  expect((await res).ok).toBe(true);
  // No token yet: it waits for one (never the demo in its place).
  await b.runtime.settings.settled();
  await b.runtime.handlers.setAccountToken('platform', TOKEN_B);
  await new Promise((r) => setTimeout(r, 0));
  await b.runtime.settings.settled();
  return b;
}

describe('several accounts in one runtime', () => {
  it('an account without its token waits for one and says so', async () => {
    const b = build();
    await b.runtime.start();
    await b.runtime.handlers.updateSettings({ accounts: [{ id: 'platform', name: 'platform', source: EU }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(b.opened.filter((r) => r.account)).toEqual([]);
    const snap = await b.runtime.handlers.getSnapshot();
    expect(snap.accounts?.map((a) => [a.name, a.problem])).toEqual([
      ['team', null],
      ['platform', 'no API token yet: enter the token of “platform” in Settings'],
    ]);
    await b.runtime.close();
  });

  it('a token saved right after the account was added starts it (the two reconciles do not interleave)', async () => {
    const b = build();
    await b.runtime.start();
    // The window's "Add account" with a token, or a sign-in: the list, then the token, back to back.
    const added = b.runtime.handlers.updateSettings({
      accounts: [{ id: 'platform', name: 'platform', source: EU }],
    });
    await b.runtime.handlers.setAccountToken('platform', TOKEN_B);
    expect((await added).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await b.runtime.settings.settled();
    }
    const snap = await b.runtime.handlers.getSnapshot();
    expect(snap.accounts?.map((a) => [a.name, a.problem])).toEqual([
      ['team', null],
      ['platform', null],
    ]);
    expect(b.opened.filter((r) => r.account?.id === 'platform').at(-1)?.token).toBe(TOKEN_B);
    await b.runtime.close();
  });

  it('merges both accounts, each row with its account, and routes actions by account and id', async () => {
    const b = await withSecond();
    const req = b.opened.find((r) => r.account);
    expect(req?.account).toEqual({ id: 'platform', name: 'platform' });
    expect(req?.token).toBe(TOKEN_B);
    expect(req?.settings.source).toEqual(EU);

    const snap = await b.runtime.handlers.getSnapshot();
    expect(snap.incidents.map((i) => [i.id, i.title, i.account?.name])).toEqual([
      ['P1', 'first P1', 'team'],
      ['platform~P1', 'second P1', 'platform'],
    ]);
    expect(snap.accounts?.map((a) => a.name)).toEqual(['team', 'platform']);

    await b.runtime.handlers.acknowledge(['platform~P1']);
    expect(b.second.companion.acknowledge).toHaveBeenCalledWith(['P1']);
    expect(b.first.companion.acknowledge).not.toHaveBeenCalled();

    const both = await b.runtime.handlers.resolve(['P1', 'platform~P1']);
    expect(b.first.companion.resolve).toHaveBeenCalledWith(['P1']);
    expect(b.second.companion.resolve).toHaveBeenCalledWith(['P1']);
    expect(both.incidentIds.sort()).toEqual(['P1', 'platform~P1']);

    await b.runtime.handlers.addNote('platform~P1', 'looking');
    expect(b.second.companion.addNote).toHaveBeenCalledWith('P1', 'looking');
    expect(b.first.companion.addNote).not.toHaveBeenCalled();

    // Undo of an action held on both accounts takes back both.
    const held = await b.runtime.handlers.holdAction('resolve', ['P1', 'platform~P1'], 5);
    await b.runtime.handlers.undoAction(held.actionId);
    expect(b.first.companion.undo).toHaveBeenCalledTimes(1);
    expect(b.second.companion.undo).toHaveBeenCalledTimes(1);
    await b.runtime.close();
  });

  it('works an incident in its own account: actions, searches and the merge check', async () => {
    const b = await withSecond();
    const h = b.runtime.handlers;
    const r = await h.reassign('platform~P1', { userIds: ['PU2'] });
    expect(b.second.companion.reassign).toHaveBeenCalledWith('P1', { userIds: ['PU2'] });
    expect(b.first.companion.reassign).not.toHaveBeenCalled();
    expect(r.incidentIds).toEqual(['platform~P1']);
    await h.escalate('P1', 2);
    expect(b.first.companion.escalate).toHaveBeenCalledWith('P1', 2);
    expect(b.second.companion.escalate).not.toHaveBeenCalled();
    await h.postStatusUpdate('platform~P1', 'rolling back');
    expect(b.second.companion.statusUpdate).toHaveBeenCalledWith('P1', 'rolling back');
    // People are searched in the account of the incident they are picked for.
    await h.findUsers('alex', 'platform~P1');
    expect(b.second.companion.findUsers).toHaveBeenCalledWith('alex');
    expect(b.first.companion.findUsers).not.toHaveBeenCalled();
    await h.getPriorities('P1');
    expect(b.first.companion.priorities).toHaveBeenCalledTimes(1);
    expect(b.second.companion.priorities).not.toHaveBeenCalled();
    // A merge across accounts is refused before anything is sent.
    await expect(h.mergeIncidents('P1', ['platform~P1'])).rejects.toThrow(/different accounts/);
    expect(b.first.companion.merge).not.toHaveBeenCalled();
    expect(b.second.companion.merge).not.toHaveBeenCalled();
    await b.runtime.close();
  });

  it('merges the services of every account, each labelled; who else is on call goes to the incident account', async () => {
    const b = await withSecond();
    const h = b.runtime.handlers;
    const own = (id: string, name: string) => ({
      service: {
        id,
        name,
        description: null,
        htmlUrl: null,
        teams: [],
        escalationPolicy: { id: 'PEP1', summary: 'Escalation' },
      },
      levels: [],
      openIncidents: 0,
    });
    b.first.companion.services.mockResolvedValue({
      services: [own('PS1', 'web')],
      fetchedAt: '2026-12-03T09:58:00.000Z',
      stale: null,
    });
    // The same service id in the other account: a different service.
    b.second.companion.services.mockResolvedValue({
      services: [own('PS1', 'api')],
      fetchedAt: '2026-12-03T09:55:00.000Z',
      stale: 'Could not read the services again (HTTP 500); this is what PagerDuty said 5 min ago.',
    });
    const v = await h.getServices('', false);
    expect(v.services.map((o) => [o.service.name, o.account?.name])).toEqual([
      ['api', 'platform'],
      ['web', 'team'],
    ]);
    // The oldest account's age is the list's, and a stale account is named.
    expect(v.fetchedAt).toBe('2026-12-03T09:55:00.000Z');
    expect(v.stale).toMatch(/^platform: Could not read/);
    expect(b.first.companion.services).toHaveBeenCalledWith('', { refresh: false });
    await h.getServices('ap', true);
    expect(b.second.companion.services).toHaveBeenLastCalledWith('ap', { refresh: true });
    // One account failing leaves the other's services, and says so.
    b.first.companion.services.mockRejectedValueOnce(new Error('PagerDuty answered 503'));
    const half = await h.getServices('', false);
    expect(half.services.map((o) => o.service.name)).toEqual(['api']);
    expect(half.stale).toMatch(/team: PagerDuty answered 503/);
    const who = await h.getOncallFor('platform~P1');
    expect(b.second.companion.oncallFor).toHaveBeenCalledWith('P1');
    expect(b.first.companion.oncallFor).not.toHaveBeenCalled();
    expect(who.incidentId).toBe('platform~P1');
    await b.runtime.close();
  });

  it("each account's events carry it; its sync status is its own; notifications name it", async () => {
    const b = await withSecond();
    b.events.length = 0;
    b.second.emit({
      type: 'sync',
      at: '2026-12-03T10:00:00.000Z',
      status: {
        state: 'stale',
        since: '2026-12-03T10:00:00.000Z',
        lastSyncAt: null,
        errorKind: 'unreachable',
        reason: 'down',
        retryAt: '2026-12-03T10:01:00.000Z',
      },
    });
    b.second.emit({
      type: 'notification',
      at: '2026-12-03T10:00:00.000Z',
      notification: {
        key: 'k',
        kind: 'page',
        title: 'Disk full',
        body: '',
        urgency: 'critical',
        incidentId: 'P1',
        incidentIds: ['P1'],
        sound: true,
      },
    });
    b.first.emit({
      type: 'incident.updated',
      at: '2026-12-03T10:00:00.000Z',
      incident: incident({ id: 'P1' }),
    });
    const core = b.events.filter((e) => e.name === 'coreEvent').map((e) => e.payload);
    expect(core[0]).toMatchObject({ type: 'sync', account: { id: 'platform' } });
    expect(core[1]).toMatchObject({
      type: 'notification',
      account: { name: 'platform' },
      notification: { title: '[platform] Disk full', incidentId: 'platform~P1' },
    });
    expect(core[2]).toMatchObject({
      type: 'incident.updated',
      incident: { id: 'P1', account: { name: 'team' } },
    });
    await b.runtime.close();
  });

  it('keeps tokens out of the view; removing an account stops it and drops its token', async () => {
    const b = await withSecond();
    const view = await b.runtime.handlers.getSettings();
    expect(view.accountTokens).toEqual({
      platform: { set: true, storage: 'preview-memory', warning: 'memory', signedIn: false },
    });
    expect(JSON.stringify(view)).not.toContain(TOKEN_B);
    expect(JSON.stringify(view)).not.toContain(TOKEN_A);
    await b.runtime.handlers.updateSettings({ accounts: [] });
    await new Promise((r) => setTimeout(r, 0));
    await b.runtime.settings.settled();
    expect(b.closed).toContain('platform');
    expect(b.stores.get('platform')?.getToken()).toBeNull();
    const snap = await b.runtime.handlers.getSnapshot();
    expect(snap.incidents.map((i) => i.id)).toEqual(['P1']);
    expect(snap.incidents[0]?.account).toBeUndefined();
    await b.runtime.close();
  });

  it('refuses duplicate names and ids, and a token for an unknown account', async () => {
    const b = build();
    await b.runtime.start();
    const dup = await b.runtime.handlers.updateSettings({
      accounts: [
        { id: 'a', name: 'Ops', source: EU },
        { id: 'b', name: 'ops', source: EU },
      ],
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors[0]?.message).toMatch(/used twice/);
    const taken = await b.runtime.handlers.updateSettings({
      accounts: [{ id: 'default', name: 'x', source: EU }],
    });
    expect(taken.ok).toBe(false);
    expect(() => b.runtime.handlers.setAccountToken('nope', TOKEN_B)).toThrow(/no account nope/);
    await b.runtime.close();
  });
});

describe('account keys', () => {
  it('split what they join, for every account id and incident id the contract accepts', () => {
    const accountId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/);
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(accountId, id, (a, i) => {
        const key = accountKey(a, i);
        const back = splitAccountKey(key);
        expect(back.id).toBe(i);
        expect(back.accountId).toBe(a);
        expect(parseArgs('acknowledge', [[key]]).ok).toBe(true);
      }),
    );
  });

  it('new ids are unique and valid', () => {
    expect(newAccountId('Platform EU', ['platform-eu'])).toBe('platform-eu-2');
    expect(newAccountId('default', [])).toBe('default-2');
    expect(newAccountId('***', [])).toBe('account');
    expect(parseArgs('acknowledge', [['a~b~c']]).ok).toBe(false);
  });
});

describe('a settings file from the single-account version', () => {
  // As the single-account app wrote it (no accountName, no accounts): a PagerDuty source with a
  // From email, its own filters and poll interval. Its token lives in token.enc, its history in the
  // data folder: the first account keeps both (see test/electron/secret-store.test.ts for the file).
  const OLD = {
    source: { kind: 'pagerduty', region: 'eu', fromEmail: 'me@example.com' },
    pollIntervalSeconds: 45,
    filters: { includeMyTeams: true, teamIds: ['T1'], serviceIds: ['S1'], urgencies: ['high'] },
    notifications: { reminderMinutes: 10 },
    offHours: { start: '23:00', end: '06:00' },
    runbooks: [],
  };

  it('reads as one account with its source, From, filters and poll interval intact', () => {
    const { settings, errors } = repairSettings(structuredClone(OLD));
    expect(errors).toEqual([]);
    expect(settings.accountName).toBe('default');
    expect(settings.accounts).toEqual([]);
    expect(settings.source).toEqual(OLD.source);
    expect(settings.filters).toEqual(OLD.filters);
    expect(settings.pollIntervalSeconds).toBe(45);
    expect(settings.offHours).toEqual(OLD.offHours);
  });

  it('runs that one account with the old token, in the old data folder, rows unchanged', async () => {
    const first = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1' })] }));
    const opened: SourceRequest[] = [];
    const runtime = createRuntime({
      settingsStore: createSettingsStore(repairSettings(structuredClone(OLD)).settings),
      secrets: createMemorySecretStore(TOKEN_A, 'memory'),
      openSource: async (req) => {
        opened.push(req);
        return { companion: first.companion, close: async () => {} };
      },
      history: null,
      ...quietPorts(NOW),
    });
    await runtime.start();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.account).toBeUndefined();
    expect(opened[0]?.token).toBe(TOKEN_A);
    expect(opened[0]?.settings.filters).toEqual(OLD.filters);
    const snap = await runtime.handlers.getSnapshot();
    expect(snap.incidents.map((i) => [i.id, i.account])).toEqual([['P1', undefined]]);
    expect(snap.accounts?.map((a) => a.name)).toEqual(['default']);
    await runtime.close();
  });

  it('keeps its data folder (state, outbox, history) where it was; another account gets its own', () => {
    const settings = repairSettings(structuredClone(OLD)).settings;
    const base = '/data/oncall';
    expect(openSourceOptions({ token: TOKEN_A, settings }, base, silentLogger).dataDir).toBe(base);
    expect(
      openSourceOptions(
        { token: TOKEN_B, settings, account: { id: 'platform', name: 'p' } },
        base,
        silentLogger,
      ).dataDir,
    ).toBe('/data/oncall/accounts/platform');
  });
});
