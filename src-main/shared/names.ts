/**
 * Names of the account's services and teams, as the window's pickers receive them (the
 * `findServices`/`findTeams`/`lookupNames` channels). A name is untrusted text from the account:
 * the renderer shows it as text only.
 */
import type { AccountTag } from './accounts.js';

/** Which list a name belongs to. */
export type NameKind = 'service' | 'team';

/** A service or team: its id, its name and a short detail (a service's teams). */
export interface NamedItem {
  id: string;
  name: string;
  /** e.g. a service's teams ("Platform"); null when there is nothing to add. */
  detail: string | null;
  /** With several accounts, the account it belongs to (an id means something in one account only). */
  account?: AccountTag;
}

/** Matches of a typed name, best first. */
export interface NameSearchResult {
  matches: NamedItem[];
  /** More matched than were returned: type more of the name. */
  more: boolean;
  /** Accounts whose list could not be read, each a sentence naming the account. */
  problems: string[];
}

/** The names of ids already in the settings. */
export interface NameLookupResult {
  services: NamedItem[];
  teams: NamedItem[];
  /**
   * Every account's lists were read: an id missing from the answer is not on any account.
   * False when a list could not be read (then a missing id is merely unknown for now).
   */
  complete: boolean;
  problems: string[];
}

/** The most matches one search returns. */
export const NAME_SEARCH_LIMIT = 50;
