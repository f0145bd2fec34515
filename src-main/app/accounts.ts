/**
 * Several accounts in one window: one source manager per extra account (the first account keeps
 * the runtime's own manager, history and data folder), one companion face over all of them for the
 * handlers, and the rewriting of each account's snapshot and events into the window's keys.
 *
 * Routing: an incident or action of an extra account is known to the window by its key
 * `ACCOUNTID~ID` (src-main/shared/accounts.ts); every action is split by key and sent to that
 * account's companion, so its own queue, token and `From` carry it. An id alone never routes.
 */
import type {
  ActionAccepted,
  ActionHeld,
  Companion,
  CompanionApi,
  CompanionSnapshot,
} from '../core/companion-types.js';
import type { Incident, ServicesAnswer } from '../core/domain.js';
import type { CoreEvent, PendingAction, SyncStatus } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import type { CompanionNames } from '../core/names/directory.js';
import { apiUrlOf } from '../core/settings.js';
import type { AppSettings } from '../ipc/app-settings.js';
import {
  accountKey,
  PRIMARY_ACCOUNT_ID,
  splitAccountKey,
  type AccountSettings,
  type AccountState,
  type AccountTag,
  type AppSnapshot,
} from '../shared/accounts.js';
import type { SecretStore } from './secrets.js';
import { createSourceManager, type OpenedSource, type SourceManager, type SourceRequest } from './sources.js';

/** An account as the face reaches it. */
export interface RunningAccount {
  tag: AccountTag;
  kind: 'demo' | 'pagerduty';
  apiUrl: string;
  companion: CompanionApi | null;
  /** Its service and team names (the running companion's directory; app/names.ts). */
  names?: CompanionNames | null;
  problem: string | null;
}

/** The settings one extra account's companion runs with: the app's, with its own source and overrides. */
export function accountCoreSettings(settings: AppSettings, account: AccountSettings): AppSettings {
  return {
    ...settings,
    source: account.source,
    filters: account.filters ?? settings.filters,
    pollIntervalSeconds: account.pollIntervalSeconds ?? settings.pollIntervalSeconds,
  };
}

const tagIncident = (tag: AccountTag, inc: Incident): Incident => ({
  ...inc,
  id: accountKey(tag.id, inc.id),
  account: { id: tag.id, name: tag.name },
});
const tagAction = (tag: AccountTag, a: PendingAction): PendingAction => ({
  ...a,
  id: accountKey(tag.id, a.id),
  incidentIds: a.incidentIds.map((id) => accountKey(tag.id, id)),
});

/** An account's event in the window's keys; a notification's title names the account. */
export function tagEvent(tag: AccountTag, e: CoreEvent): CoreEvent & { account: AccountTag } {
  const account = { id: tag.id, name: tag.name };
  switch (e.type) {
    case 'incident.triggered':
    case 'incident.seen':
    case 'incident.escalated':
    case 'incident.retriggered':
    case 'incident.acknowledged':
    case 'incident.resolved':
    case 'incident.urgency_changed':
    case 'incident.updated':
    case 'incident.unassigned':
      return { ...e, incident: tagIncident(tag, e.incident), account };
    case 'action.queued':
    case 'action.done':
    case 'action.failed':
      return { ...e, action: tagAction(tag, e.action), account };
    case 'notification': {
      const n = e.notification;
      return {
        ...e,
        notification: {
          ...n,
          key: accountKey(tag.id, n.key),
          title: `[${tag.name}] ${n.title}`,
          incidentId: n.incidentId === null ? null : accountKey(tag.id, n.incidentId),
          incidentIds: n.incidentIds.map((id) => accountKey(tag.id, id)),
        },
        account,
      };
    }
    default:
      return { ...e, account };
  }
}

const STARTING: SyncStatus = { state: 'starting' };

/** The state of each account, for the snapshot's `accounts` and its banners. */
function stateOf(a: RunningAccount, known?: CompanionSnapshot): AccountState {
  let sync = known?.sync ?? STARTING;
  let requests = known?.requests ?? null;
  if (!known && a.companion) {
    try {
      const snap = a.companion.snapshot();
      sync = snap.sync;
      requests = snap.requests ?? null;
    } catch {
      sync = STARTING;
    }
  }
  return {
    id: a.tag.id,
    name: a.tag.name,
    kind: a.kind,
    apiUrl: a.apiUrl,
    sync,
    problem: a.problem,
    requests,
  };
}

/**
 * One companion face over every account, for the handlers. `list()` is read on every call: the
 * first entry is the first account (its snapshot gives the window its source, user and sync).
 * Rows are tagged with their account only when there are several.
 */
export function mergedCompanion(list: () => RunningAccount[]): CompanionApi & {
  snapshot(): AppSnapshot;
} {
  const all = () => list();
  const several = () => all().length > 1;
  const find = (accountId: string): CompanionApi => {
    const a = all().find((x) => x.tag.id === accountId);
    if (!a) throw new Error(`no account ${accountId}: it was removed; refresh the list`);
    if (!a.companion)
      throw new Error(`the account “${a.tag.name}” is not running${a.problem ? `: ${a.problem}` : ''}`);
    return a.companion;
  };
  const byAccount = (keys: string[]): Map<string, string[]> => {
    const groups = new Map<string, string[]>();
    for (const k of keys) {
      const { accountId, id } = splitAccountKey(k);
      groups.set(accountId, [...(groups.get(accountId) ?? []), id]);
    }
    return groups;
  };
  const one = (key: string) => {
    const { accountId, id } = splitAccountKey(key);
    return { c: find(accountId), id, accountId };
  };
  const accepted = (accountId: string, a: ActionAccepted): ActionAccepted => ({
    actionId: accountKey(accountId, a.actionId),
    incidentIds: a.incidentIds.map((id) => accountKey(accountId, id)),
  });
  /** Actions sent to several accounts at once, under one id (their own ids, keyed). */
  const combined = new Map<string, string[]>();
  const join = (parts: ActionAccepted[]): ActionAccepted => {
    if (parts.length === 1) return parts[0]!;
    const actionId = `multi-${parts.map((p) => p.actionId.replace(/~/g, '-')).join('-')}`.slice(0, 120);
    combined.set(
      actionId,
      parts.map((p) => p.actionId),
    );
    return { actionId, incidentIds: parts.flatMap((p) => p.incidentIds) };
  };
  const each = async (
    keys: string[],
    fn: (c: CompanionApi, ids: string[]) => Promise<ActionAccepted>,
  ): Promise<ActionAccepted> => {
    const parts: ActionAccepted[] = [];
    for (const [accountId, ids] of byAccount(keys))
      parts.push(accepted(accountId, await fn(find(accountId), ids)));
    return join(parts);
  };
  const running = () =>
    all().filter((a) => a.companion) as Array<RunningAccount & { companion: CompanionApi }>;

  const tagFor = (a: RunningAccount): AccountTag | null => (several() ? a.tag : null);

  return {
    snapshot(): AppSnapshot {
      const accounts = all();
      const first = accounts[0];
      if (!first?.companion) throw new Error('the first account is not running');
      const base = first.companion.snapshot();
      // The first account's snapshot is taken once: its status comes from it.
      if (accounts.length === 1) return { ...base, accounts: [stateOf(first, base)] };
      const snap: AppSnapshot = {
        ...base,
        incidents: [],
        pendingActions: [],
        heldActions: [],
        shifts: { ...base.shifts, current: [...base.shifts.current] },
        accounts: accounts.map((a) => (a === first ? stateOf(a, base) : stateOf(a))),
      };
      for (const a of accounts) {
        if (!a.companion) continue;
        const s = a === first ? base : a.companion.snapshot();
        const tag = tagFor(a)!;
        snap.incidents.push(...s.incidents.map((i) => tagIncident(tag, i)));
        snap.pendingActions.push(...s.pendingActions.map((p) => tagAction(tag, p)));
        snap.heldActions!.push(
          ...(s.heldActions ?? []).map((h) => ({
            ...h,
            actionId: accountKey(tag.id, h.actionId),
            incidentIds: h.incidentIds.map((id) => accountKey(tag.id, id)),
          })),
        );
        if (a === first) continue;
        snap.shifts.current.push(...s.shifts.current);
        const next = s.shifts.next;
        if (next && (!snap.shifts.next || (next.start ?? '') < (snap.shifts.next.start ?? '')))
          snap.shifts.next = next;
      }
      return snap;
    },
    subscribe(listener) {
      const offs = running().map((a) =>
        a.companion.subscribe((e, d) => listener(tagFor(a) ? tagEvent(a.tag, e) : e, d)),
      );
      return () => offs.forEach((off) => off());
    },
    async syncNow() {
      await Promise.allSettled(running().map((a) => a.companion.syncNow()));
    },
    acknowledge: (keys) => each(keys, (c, ids) => c.acknowledge(ids)),
    resolve: (keys) => each(keys, (c, ids) => c.resolve(ids)),
    snooze: async (key, seconds) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.snooze(id, seconds));
    },
    async acknowledgeAllMine() {
      const parts: ActionAccepted[] = [];
      for (const a of running()) parts.push(accepted(a.tag.id, await a.companion.acknowledgeAllMine()));
      return join(parts);
    },
    addNote: async (key, content) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.addNote(id, content));
    },
    async hold(kind, keys, seconds) {
      const targets: Array<[string, string[]]> =
        kind === 'resolve' ? [...byAccount(keys)] : running().map((a) => [a.tag.id, []]);
      const held: ActionHeld[] = [];
      for (const [accountId, ids] of targets) {
        const h = await find(accountId).hold(kind, ids, seconds);
        held.push({
          ...h,
          actionId: accountKey(accountId, h.actionId),
          incidentIds: h.incidentIds.map((id) => accountKey(accountId, id)),
        });
      }
      if (held.length === 1) return held[0]!;
      const joined = join(held.map((h) => ({ actionId: h.actionId, incidentIds: h.incidentIds })));
      return {
        kind,
        actionId: joined.actionId,
        incidentIds: joined.incidentIds,
        releaseAt: Math.min(...held.map((h) => h.releaseAt)),
      };
    },
    async undo(key) {
      const keys = combined.get(key) ?? [key];
      let undone = false;
      for (const k of keys) {
        const { c, id } = one(k);
        undone = (await c.undo(id)) || undone;
      }
      return undone;
    },
    logEntries: (key) => {
      const { c, id } = one(key);
      return c.logEntries(id);
    },
    pauseLowUrgency(until) {
      for (const a of running()) a.companion.pauseLowUrgency(until);
    },
    // Working an incident goes to its account; people, policies and priorities are looked up in
    // the account of the incident they are picked for, the first account's when none is named.
    incidentWork: (key) => {
      const { c, id } = one(key);
      return c.incidentWork(id);
    },
    findUsers: (query, key) => (key ? one(key).c : find(PRIMARY_ACCOUNT_ID)).findUsers(query),
    findPolicies: (query, key) => (key ? one(key).c : find(PRIMARY_ACCOUNT_ID)).findPolicies(query),
    priorities: (key) => (key ? one(key).c : find(PRIMARY_ACCOUNT_ID)).priorities(),
    // Who owns what: every running account's services (each from its own cache), labelled with
    // the account when there are several; an account that cannot answer is said, not fatal.
    async services(query, opts) {
      const accounts = running();
      const answers = await Promise.allSettled(accounts.map((a) => a.companion.services(query, opts)));
      const out: ServicesAnswer = { services: [], fetchedAt: null, stale: null };
      const problems: string[] = [];
      answers.forEach((r, i) => {
        const a = accounts[i]!;
        const tag = tagFor(a);
        if (r.status === 'rejected') {
          const why = r.reason instanceof Error ? r.reason.message : String(r.reason);
          problems.push(tag ? `${tag.name}: ${why}` : why);
          return;
        }
        out.services.push(
          ...r.value.services.map((o) => (tag ? { ...o, account: { id: tag.id, name: tag.name } } : o)),
        );
        // The oldest account's age is the list's.
        if (r.value.fetchedAt && (!out.fetchedAt || r.value.fetchedAt < out.fetchedAt))
          out.fetchedAt = r.value.fetchedAt;
        if (r.value.stale) problems.push(tag ? `${tag.name}: ${r.value.stale}` : r.value.stale);
      });
      if (answers.length > 0 && answers.every((r) => r.status === 'rejected'))
        throw new Error(problems.join('; '));
      out.stale = problems.length ? problems.join(' ') : null;
      if (several()) out.services.sort((x, y) => x.service.name.localeCompare(y.service.name));
      return out;
    },
    oncallFor: async (key) => {
      const { c, id, accountId } = one(key);
      const o = await c.oncallFor(id);
      return { ...o, incidentId: accountKey(accountId, o.incidentId) };
    },
    reassign: async (key, to) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.reassign(id, to));
    },
    escalate: async (key, level) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.escalate(id, level));
    },
    addResponders: async (key, userIds, message) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.addResponders(id, userIds, message));
    },
    setPriority: async (key, priorityId) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.setPriority(id, priorityId));
    },
    setUrgency: async (key, urgency) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.setUrgency(id, urgency));
    },
    statusUpdate: async (key, message) => {
      const { c, id, accountId } = one(key);
      return accepted(accountId, await c.statusUpdate(id, message));
    },
    merge: async (targetKey, sourceKeys) => {
      const target = one(targetKey);
      const sources = sourceKeys.map((k) => splitAccountKey(k));
      if (sources.some((x) => x.accountId !== target.accountId))
        throw new RangeError(
          'Incidents of different accounts cannot be merged: pick incidents of the same account.',
        );
      return accepted(
        target.accountId,
        await target.c.merge(
          target.id,
          sources.map((x) => x.id),
        ),
      );
    },
    // Adding responders is off per account (a 402 from that account's plan).
    respondersUnavailable: (key) => {
      const c = key ? one(key).c : all()[0]?.companion;
      return c ? c.respondersUnavailable() : null;
    },
    // Shifts, rosters and trades are the first account's (see ARCHITECTURE.md: accounts).
    roster: (days) => find(PRIMARY_ACCOUNT_ID).roster(days),
    trade: (request) => find(PRIMARY_ACCOUNT_ID).trade(request),
  };
}

/** Options of the extra accounts' sources. */
export interface ExtraAccountsOptions {
  open: (req: SourceRequest) => Promise<OpenedSource>;
  secrets: (accountId: string) => SecretStore;
  /** Every event of an extra account, already in the window's keys. */
  onEvent: (event: CoreEvent & { account: AccountTag }, delivery?: { id: string }) => unknown;
  onChange?: () => void;
  /** A signed-in account's rotated tokens (kept in its secrets). */
  saveToken?: (accountId: string, token: string) => void;
  /** A signed-in account whose refresh token was rejected (once per source). */
  signedOut?: (accountId: string, message: string) => void;
  logger: Logger;
}

/** The sources of the extra accounts (one manager each), reconciled with the settings. */
export interface ExtraAccounts {
  /** Start, update or stop sources so that exactly the accounts in `settings.accounts` run. */
  apply(settings: AppSettings): Promise<void>;
  /** Each extra account as the face reaches it, in the settings' order. */
  list(settings: AppSettings): RunningAccount[];
  /** The running companion of one (for host services), or null. */
  companion(accountId: string): Companion | null;
  stop(): Promise<void>;
}

/** Create the extra accounts' sources. */
export function createExtraAccounts(opts: ExtraAccountsOptions): ExtraAccounts {
  const managers = new Map<
    string,
    {
      manager: SourceManager;
      tag: AccountTag;
      noToken: string | null;
      /** "Signed out of …: sign in again", until the account gets a new token. */
      signedOut: { message: string; token: string | null } | null;
    }
  >();
  const tagOf = new Map<string, AccountTag>();

  const ensure = (account: AccountSettings) => {
    let m = managers.get(account.id);
    if (!m) {
      const tag: AccountTag = { id: account.id, name: account.name };
      tagOf.set(account.id, tag);
      const manager = createSourceManager({
        open: opts.open,
        // The tag is read at event time: a rename shows at once.
        onEvent: (e, d) => opts.onEvent(tagEvent(tagOf.get(account.id) ?? tag, e), d),
        onChange: () => opts.onChange?.(),
        logger: opts.logger,
      });
      m = { manager, tag, noToken: null, signedOut: null };
      managers.set(account.id, m);
    }
    tagOf.get(account.id)!.name = account.name;
    m.tag = tagOf.get(account.id)!;
    return m;
  };

  // One reconcile at a time: a settings change and a token saved right after it (adding an account,
  // a sign-in) must not interleave, or the first one's "no token yet" lands after the second started.
  let chain: Promise<void> = Promise.resolve();

  const reconcile = async (settings: AppSettings): Promise<void> => {
    const wanted = new Set(settings.accounts.map((a) => a.id));
    for (const [id, m] of [...managers]) {
      if (wanted.has(id)) continue;
      managers.delete(id);
      tagOf.delete(id);
      await m.manager.stop();
      // A removed account leaves no token behind.
      opts.secrets(id).clearToken();
      opts.logger.info('accounts: removed', { account: id });
    }
    await Promise.all(
      settings.accounts.map(async (account) => {
        const m = ensure(account);
        const token = opts.secrets(account.id).getToken();
        if (account.source.kind === 'pagerduty' && !token) {
          // Never the demo in its place: an account without its token waits for one.
          await m.manager.stop();
          m.noToken = `no API token yet: enter the token of “${account.name}” in Settings`;
          return;
        }
        m.noToken = null;
        if (m.signedOut && m.signedOut.token !== token) m.signedOut = null;
        const entry = m;
        await m.manager.apply({
          token: account.source.kind === 'demo' ? null : token,
          settings: accountCoreSettings(settings, account),
          account: { id: account.id, name: account.name },
          ...(opts.saveToken ? { saveToken: (t: string) => opts.saveToken?.(account.id, t) } : {}),
          signedOut: (message: string) => {
            // Said in this account's banner until it signs in again, and by the host once.
            entry.signedOut = { message, token: opts.secrets(account.id).getToken() };
            opts.signedOut?.(account.id, message);
            opts.onChange?.();
          },
        });
      }),
    );
  };

  return {
    apply(settings) {
      const run = chain.then(() => reconcile(settings));
      chain = run.catch(() => undefined);
      return run;
    },
    list(settings) {
      return settings.accounts.map((account) => {
        const m = managers.get(account.id);
        const companion = m && !m.noToken ? m.manager.current() : null;
        return {
          tag: { id: account.id, name: account.name },
          kind: account.source.kind,
          apiUrl: apiUrlOf(account.source) ?? 'embedded simulator',
          companion,
          names: companion,
          problem: m?.noToken ?? m?.signedOut?.message ?? m?.manager.problem() ?? null,
        };
      });
    },
    companion: (id) => managers.get(id)?.manager.current() ?? null,
    async stop() {
      for (const m of managers.values()) await m.manager.stop();
      managers.clear();
    },
  };
}

export { PRIMARY_ACCOUNT_ID, type AccountTag };
