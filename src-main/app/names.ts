/**
 * The names directory over every account of the window: a search asks each running account's
 * companion (each keeps its own cached lists), tags each match with its account when there are
 * several, and merges them best first; a lookup of ids already in the settings says which are on no
 * account (only when every account's list was read). An account that is not running, or whose list
 * could not be read, is named in `problems`; the others still answer.
 */
import type { CompanionNames, DirectorySearch } from '../core/names/directory.js';
import { byRank } from '../core/names/directory.js';
import type { AccountTag } from '../shared/accounts.js';
import {
  NAME_SEARCH_LIMIT,
  type NameKind,
  type NameLookupResult,
  type NamedItem,
  type NameSearchResult,
} from '../shared/names.js';

/** An account as the names face reaches it. */
export interface NamesAccount {
  tag: AccountTag;
  names?: CompanionNames | null;
  problem: string | null;
}

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The window's names face over `list()` (read on every call, the first account first). */
export function windowNames(list: () => NamesAccount[]) {
  const several = () => list().length > 1;
  const label = (a: NamesAccount, text: string): string => (several() ? `${a.tag.name}: ${text}` : text);
  const tag = (a: NamesAccount, item: NamedItem): NamedItem =>
    several() ? { ...item, account: { id: a.tag.id, name: a.tag.name } } : item;

  const search = async (
    kind: NameKind,
    query: string,
    opts?: { refresh?: boolean },
  ): Promise<NameSearchResult> => {
    const accounts = list();
    const problems: string[] = [];
    const answers = await Promise.all(
      accounts.map(async (a): Promise<DirectorySearch | null> => {
        if (!a.names) {
          problems.push(label(a, `not running${a.problem ? ` (${a.problem})` : ''}`));
          return null;
        }
        try {
          const c = a.names;
          return await (kind === 'service' ? c.findServices(query, opts) : c.findTeams(query, opts));
        } catch (e) {
          problems.push(label(a, why(e)));
          return null;
        }
      }),
    );
    const all: Array<NamedItem & { rank: number }> = [];
    let total = 0;
    answers.forEach((r, i) => {
      if (!r) return;
      const a = accounts[i]!;
      if (r.problem) problems.push(label(a, r.problem));
      total += r.total;
      for (const m of r.matches) all.push({ ...tag(a, m), rank: m.rank });
    });
    all.sort(byRank);
    const matches = all.slice(0, NAME_SEARCH_LIMIT).map(({ rank: _rank, ...item }) => item);
    return { matches, more: total > matches.length, problems };
  };

  return {
    findServices: (query: string, opts?: { refresh?: boolean }) => search('service', query, opts),
    findTeams: (query: string, opts?: { refresh?: boolean }) => search('team', query, opts),
    async lookupNames(ids: { services: string[]; teams: string[] }): Promise<NameLookupResult> {
      const accounts = list();
      const out: NameLookupResult = { services: [], teams: [], complete: true, problems: [] };
      await Promise.all(
        accounts.map(async (a) => {
          if (!a.names) {
            out.complete = false;
            out.problems.push(label(a, `not running${a.problem ? ` (${a.problem})` : ''}`));
            return;
          }
          try {
            const r = await a.names.lookupNames(ids);
            for (const [k, l] of [
              ['services', r.services],
              ['teams', r.teams],
            ] as const) {
              out[k].push(...l.found.map((item) => tag(a, item)));
              if (!l.complete) out.complete = false;
              if (l.problem) out.problems.push(label(a, l.problem));
            }
          } catch (e) {
            out.complete = false;
            out.problems.push(label(a, why(e)));
          }
        }),
      );
      return out;
    },
  };
}
