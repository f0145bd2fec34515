/**
 * Pure parts of the service and team picker (NamePicker.tsx): what a chosen id shows, the sentence
 * for a name that matches nothing, the option list (with "use this id" for a typed id), and the
 * arrow keys.
 */
import type { NameKind, NamedItem } from '../../../../src-main/shared/names';

/** A PagerDuty id as typed (P and 5 to 13 capitals or digits: PSV0001, PABC123). */
export function looksLikeId(text: string): boolean {
  return /^P[A-Z0-9]{5,13}$/.test(text.trim());
}

const NOUN: Record<NameKind, string> = { service: 'service', team: 'team' };

/**
 * "No service named 'x' on this account" (or "on any of your accounts" with several); when a list
 * could not be read (`incomplete`) it says only what was searched, never that the name is absent.
 */
export function noMatchText(kind: NameKind, query: string, accounts: number, incomplete = false): string {
  if (incomplete) return `No ${NOUN[kind]} named '${query.trim()}' in the lists that could be read`;
  const where = accounts > 1 ? 'on any of your accounts' : 'on this account';
  return `No ${NOUN[kind]} named '${query.trim()}' ${where}`;
}

/** How a chosen id shows: its name when known, else the id itself with why there is no name. */
export interface ChosenLabel {
  id: string;
  name: string;
  /** Small text beside it: the id, and the teams or the account. */
  detail: string;
  /** `not_found`: every account's list was read and none has it; `unknown`: the lists are not read yet or failed. */
  missing: 'not_found' | 'unknown' | null;
}

/** The label of a chosen id, from what the lookups and picks have told. */
export function chosenLabel(
  id: string,
  known: ReadonlyMap<string, NamedItem>,
  complete: boolean,
  kind: NameKind,
  accounts: number,
): ChosenLabel {
  const item = known.get(id);
  if (item) {
    const extra = [item.detail, item.account?.name].filter(Boolean).join(' · ');
    return { id, name: item.name, detail: extra ? `${id} · ${extra}` : id, missing: null };
  }
  if (complete)
    return {
      id,
      name: id,
      detail: `no ${NOUN[kind]} with this ID ${accounts > 1 ? 'on any of your accounts' : 'on this account'}`,
      missing: 'not_found',
    };
  return { id, name: id, detail: 'name not known (the list could not be read)', missing: 'unknown' };
}

/** One option of the list: a match, or the typed id itself. */
export type PickOption = { kind: 'item'; item: NamedItem } | { kind: 'id'; id: string };

/** The options for the matches: chosen ones left out, and a typed id that matched nothing offered as is. */
export function pickOptions(query: string, matches: NamedItem[], chosen: readonly string[]): PickOption[] {
  const taken = new Set(chosen);
  const opts: PickOption[] = matches.filter((m) => !taken.has(m.id)).map((item) => ({ kind: 'item', item }));
  const typed = query.trim();
  if (looksLikeId(typed) && !taken.has(typed) && !matches.some((m) => m.id === typed))
    opts.push({ kind: 'id', id: typed });
  return opts;
}

/** The active option after a key: arrows wrap, Home/End jump; -1 is none. */
export function nextActive(active: number, count: number, key: string): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return Math.min(active, count - 1);
  }
}
