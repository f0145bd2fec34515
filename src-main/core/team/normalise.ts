/**
 * Repeat offenders are pages of the same alert: titles that differ only in numbers, ids, hosts or
 * quoted values (`disk 91% on db-3`, `disk 93% on db-7`) fall into one group.
 */

const RULES: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>'],
  [/"[^"]*"|'[^']*'/g, '<v>'],
  [/\d+(?:[.,]\d+)?/g, '#'],
  [/\s+/g, ' '],
];

const memo = new Map<string, string>();

/** The group key of a title: lower case, numbers and ids replaced, spaces collapsed. */
export function normaliseTitle(title: string): string {
  let key = memo.get(title);
  if (key === undefined) {
    key = title.toLowerCase();
    for (const [re, to] of RULES) key = key.replace(re, to);
    key = key.trim();
    if (memo.size > 200_000) memo.clear();
    memo.set(title, key);
  }
  return key;
}
