/**
 * Repeat offenders are pages of the same alert: titles that differ only in numbers, ids, hosts or
 * quoted values (`disk 91% on db-3`, `disk 87% on db-12`) fall into one group. One pass over the
 * title's words (the review runs it on tens of thousands of titles): a number becomes `#`, a long
 * hex-like id `<id>`, digits inside a word `#`, a quoted value `<v>`; case and spacing are ignored.
 */

const WORD = /"[^"]*"|'[^']*'|[a-z0-9]+|\s+/g;
const HEXID = /^[0-9a-f]{8,}$/;
const DIGITS = /\d+/g;

function word(w: string): string {
  const c = w.charCodeAt(0);
  if (c === 34 || c === 39) return '<v>';
  if (c <= 32) return ' ';
  if (!/\d/.test(w)) return w;
  if (w.length >= 8 && HEXID.test(w)) return '<id>';
  return w.replace(DIGITS, '#');
}

const memo = new Map<string, string>();

/** The group key of a title: lower case, numbers and ids replaced, spaces collapsed. */
export function normaliseTitle(title: string): string {
  let key = memo.get(title);
  if (key === undefined) {
    key = title
      .toLowerCase()
      .replace(WORD, word)
      // "91.5" and "1,200" are one number.
      .replace(/#[.,]#/g, '#')
      .trim();
    if (memo.size > 200_000) memo.clear();
    memo.set(title, key);
  }
  return key;
}
