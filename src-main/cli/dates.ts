/**
 * Dates as people type them on the command line: `now`, an ISO date (`2026-11-01`, local midnight),
 * an ISO time (`2026-11-01T08:00`, local unless it names a zone such as `Z` or `+01:00`), or a time ago
 * (`7d`, `12h`, `30m`, `2w`, `1d12h`, optionally followed by ` ago`). Pure: `now` is passed in.
 */

/** Thrown for a date that cannot be used; the message says what to type instead. */
export class DateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateError';
  }
}

/** What a bad date gets told. */
export const DATE_HINT = 'use e.g. 2026-11-01, 2026-11-01T08:00, or 7d (7 days ago)';

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
const RELATIVE = /^((?:\d{1,6}[wdhm])+)(?:\s*ago)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parse one date into epoch ms, or throw a {@link DateError}. */
export function parseDate(input: string, now: number): number {
  const text = input.trim().toLowerCase();
  if (text === '') throw new DateError(`empty date: ${DATE_HINT}`);
  if (text === 'now') return now;
  const rel = RELATIVE.exec(text);
  if (rel) {
    let ms = 0;
    for (const m of (rel[1] as string).matchAll(/(\d+)([wdhm])/g)) {
      ms += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    }
    return now - ms;
  }
  const d = DATE.exec(text);
  if (d) return local(input, Number(d[1]), Number(d[2]), Number(d[3]), 0, 0, 0);
  const t = TIME.exec(input.trim().replace(/^(\S+) (\d)/, '$1T$2'));
  if (t) {
    const [, y, mo, da, h, mi, s, zone] = t;
    // Check the fields as written (Date.parse would roll 2026-02-30 over into March).
    local(input, Number(y), Number(mo), Number(da), Number(h), Number(mi), Number(s ?? 0));
    if (!zone) return local(input, Number(y), Number(mo), Number(da), Number(h), Number(mi), Number(s ?? 0));
    const iso = input
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return ms;
  }
  throw new DateError(`"${shorten(input)}" is not a date: ${DATE_HINT}`);
}

function local(input: string, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (
    date.getFullYear() !== y ||
    date.getMonth() !== mo - 1 ||
    date.getDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    throw new DateError(`"${shorten(input)}" is not a real date or time: ${DATE_HINT}`);
  }
  return date.getTime();
}

/** A range from the flags: `since` required; `until` defaults to now (inclusive of this moment). */
export function parseRange(
  since: string,
  until: string | null,
  now: number,
): { since: number; until: number } {
  const s = parseDate(since, now);
  const u = until === null ? now + 1 : parseDate(until, now);
  if (s >= u) {
    throw new DateError(
      until === null
        ? `--since ${shorten(since)} is not in the past: give a date before now`
        : `--since must be before --until (got ${shorten(since)} and ${shorten(until)})`,
    );
  }
  return { since: s, until: u };
}

function shorten(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const t = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}
