/**
 * The names directory of one account: its services and teams (every page of `GET /services` and
 * `GET /teams`), kept in memory and searched by name, so the Settings pickers never ask for an id.
 *
 * Cost: a list is read when first asked for and again only when it is older than `maxAgeMs`
 * (5 minutes), or on demand (`refresh`, at most every `minRefreshMs`), or when a search finds
 * nothing in a list older than `minRefreshMs` (a service made a minute ago). Typing searches the
 * copy in memory: no request per keystroke. One read per list at a time; a failed read is not
 * repeated for `retryMs` (the old copy, if any, is still searched and the problem said).
 */
import type { Clock, Logger } from '../ports.js';
import { isPagerDutyError } from '../pagerduty/errors.js';
import type { DirectoryApi } from '../pagerduty/directory.js';
import type { NameKind, NamedItem } from '../../shared/names.js';
import { NAME_SEARCH_LIMIT } from '../../shared/names.js';

/** A search's answer from one account. */
export interface DirectorySearch {
  /** Best first, at most `limit`. */
  matches: Array<NamedItem & { rank: number }>;
  /** How many matched in all. */
  total: number;
  /** Why the list could not be read (the last copy, if any, was searched); null when fine. */
  problem: string | null;
}

/** The names of some ids in one account. */
export interface DirectoryLookup {
  found: NamedItem[];
  /** The list was read: an id not found is not on this account. */
  complete: boolean;
  problem: string | null;
}

/** The directory of one account. */
export interface NameDirectory {
  search(
    kind: NameKind,
    query: string,
    opts?: { refresh?: boolean; limit?: number },
  ): Promise<DirectorySearch>;
  lookup(kind: NameKind, ids: readonly string[]): Promise<DirectoryLookup>;
}

/** The companion's face of it (CompanionApi extends this). */
export interface CompanionNames {
  /** Services whose name (or id) matches `query`, best first; the whole list when it is empty. */
  findServices(query: string, opts?: { refresh?: boolean }): Promise<DirectorySearch>;
  /** Teams whose name (or id) matches `query`. */
  findTeams(query: string, opts?: { refresh?: boolean }): Promise<DirectorySearch>;
  /** The names of ids (those in the settings). */
  lookupNames(ids: { services: readonly string[]; teams: readonly string[] }): Promise<{
    services: DirectoryLookup;
    teams: DirectoryLookup;
  }>;
}

/** Options of {@link createNameDirectory}. */
export interface NameDirectoryOptions {
  api: DirectoryApi | null;
  clock: Clock;
  logger: Logger;
  /** A list older than this is read again when next asked for (default 5 minutes). */
  maxAgeMs?: number;
  /** A refresh on demand, or after a search that found nothing, at most this often (default 30 s). */
  minRefreshMs?: number;
  /** A failed read is tried again after this long (default 30 s). */
  retryMs?: number;
}

/** Lower case, compatibility forms folded, runs of space made one: how names are compared. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * How well `item` matches the normalised query: 0 its id exactly, 1 its name exactly, 2 the name
 * starts with it, 3 a word of the name does, 4 the name contains it, 5 every word of the query is in
 * the name; null when it does not match. An empty query matches everything (rank 6).
 */
export function rankName(query: string, item: { id: string; name: string }): number | null {
  if (!query) return 6;
  if (item.id.toLowerCase() === query) return 0;
  const name = normaliseName(item.name);
  if (name === query) return 1;
  if (name.startsWith(query)) return 2;
  const at = name.indexOf(query);
  if (at > 0 && /[^\p{L}\p{N}]/u.test(name[at - 1]!)) return 3;
  if (at > 0) return 4;
  const words = query.split(' ');
  if (words.length > 1 && words.every((w) => name.includes(w))) return 5;
  return null;
}

/** Best first: by rank, then by name, then by id (stable across reads). */
export function byRank(a: NamedItem & { rank: number }, b: NamedItem & { rank: number }): number {
  return a.rank - b.rank || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

interface List {
  items: NamedItem[];
  at: number | null;
  loading: Promise<void> | null;
  failedAt: number | null;
  problem: string | null;
}

const WHAT: Record<NameKind, string> = { service: 'services', team: 'teams' };

/** Creates the directory of one account. */
export function createNameDirectory(o: NameDirectoryOptions): NameDirectory {
  const maxAge = o.maxAgeMs ?? 5 * 60_000;
  const minRefresh = o.minRefreshMs ?? 30_000;
  const retry = o.retryMs ?? 30_000;
  const lists: Record<NameKind, List> = {
    service: { items: [], at: null, loading: null, failedAt: null, problem: null },
    team: { items: [], at: null, loading: null, failedAt: null, problem: null },
  };

  const read = async (kind: NameKind): Promise<NamedItem[]> => {
    const api = o.api;
    if (!api) throw new Error(`this source has no ${WHAT[kind]} to list`);
    if (kind === 'service') {
      const l = await api.listServiceNames();
      report(kind, l.skipped);
      return l.items.map((s) => ({
        id: s.id,
        name: s.name,
        detail: s.teams.length ? s.teams.join(', ') : null,
      }));
    }
    const l = await api.listTeamNames();
    report(kind, l.skipped);
    return l.items.map((t) => ({ id: t.id, name: t.name, detail: null }));
  };
  const report = (kind: NameKind, skipped: ReadonlyArray<{ id: string | null; reason: string }>): void => {
    for (const s of skipped.slice(0, 20))
      o.logger.warn(`names: a ${kind} was skipped`, { id: s.id ?? '(none)', reason: s.reason });
  };

  const load = (kind: NameKind): Promise<void> => {
    const l = lists[kind];
    l.loading ??= (async () => {
      try {
        l.items = await read(kind);
        l.at = o.clock.now();
        l.failedAt = null;
        l.problem = null;
      } catch (e) {
        l.failedAt = o.clock.now();
        const why = isPagerDutyError(e) || e instanceof Error ? e.message : String(e);
        l.problem = `the ${WHAT[kind]} could not be read: ${why}`;
        o.logger.warn('names: a list could not be read', { list: WHAT[kind], error: why });
      } finally {
        l.loading = null;
      }
    })();
    return l.loading;
  };

  /** The list, read first when missing, stale or asked for. */
  const ensure = async (kind: NameKind, force: boolean): Promise<List> => {
    const l = lists[kind];
    const now = o.clock.now();
    const age = l.at === null ? Infinity : now - l.at;
    const failedRecently = l.failedAt !== null && now - l.failedAt < retry;
    const due = age >= maxAge || (force && age >= minRefresh);
    if (l.loading) await l.loading;
    else if (due && !failedRecently) await load(kind);
    return l;
  };

  const match = (l: List, query: string, limit: number) => {
    const q = normaliseName(query);
    const all: Array<NamedItem & { rank: number }> = [];
    for (const item of l.items) {
      const rank = rankName(q, item);
      if (rank !== null) all.push({ ...item, rank });
    }
    all.sort(byRank);
    return { matches: all.slice(0, limit), total: all.length };
  };

  return {
    async search(kind, query, opts) {
      const limit = Math.min(Math.max(opts?.limit ?? NAME_SEARCH_LIMIT, 1), 500);
      let l = await ensure(kind, opts?.refresh === true);
      let found = match(l, query, limit);
      // Nothing by that name: it may be new since the list was read.
      if (found.total === 0 && query.trim()) {
        l = await ensure(kind, true);
        found = match(l, query, limit);
      }
      return { ...found, problem: l.problem };
    },
    async lookup(kind, ids) {
      const l = await ensure(kind, false);
      const wanted = new Set(ids);
      let found = l.items.filter((i) => wanted.has(i.id));
      // An id in the settings that the list lacks may be new since the list was read.
      if (found.length < wanted.size && l.at !== null) {
        await ensure(kind, true);
        found = l.items.filter((i) => wanted.has(i.id));
      }
      return { found, complete: l.at !== null && l.problem === null, problem: l.problem };
    },
  };
}

/** The companion's operations over one directory. */
export function companionNames(dir: NameDirectory): CompanionNames {
  return {
    findServices: (q, opts) => dir.search('service', q, opts),
    findTeams: (q, opts) => dir.search('team', q, opts),
    async lookupNames(ids) {
      const [services, teams] = await Promise.all([
        dir.lookup('service', ids.services),
        dir.lookup('team', ids.teams),
      ]);
      return { services, teams };
    },
  };
}
