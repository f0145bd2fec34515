/**
 * Runbook candidates: the https links in an incident's first alert body. `http:`, `javascript:` and
 * other schemes are ignored; links are deduplicated and capped.
 */

const URL_RE = /https?:\/\/[^\s<>"'`()[\]{}|\\^]+/gi;

/** https links found in untrusted text, in order of appearance, at most `max`. */
export function runbookCandidates(details: string | null | undefined, max = 10): string[] {
  if (!details) return [];
  const out: string[] = [];
  for (const m of details.matchAll(URL_RE)) {
    const raw = m[0].replace(/[.,;:!?]+$/, '');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' || url.username || url.password) continue;
    const href = url.toString();
    if (!out.includes(href)) out.push(href);
    if (out.length >= max) break;
  }
  return out;
}

/** How many values `jsonLinkCandidates` looks at before it stops (a huge alert body costs no more). */
const MAX_VALUES_SCANNED = 5_000;
/** Longest string it scans for links. */
const MAX_SCANNED_CHARS = 20_000;

/**
 * https links in the string values of untrusted JSON (alert details), in order, at most `max`:
 * nested objects and arrays are walked breadth-first with a bound on the values looked at, so a
 * deep or huge body stays cheap.
 */
export function jsonLinkCandidates(value: unknown, max = 20): string[] {
  const out: string[] = [];
  const queue: unknown[] = [value];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_VALUES_SCANNED && out.length < max) {
    const v = queue.shift();
    seen += 1;
    if (typeof v === 'string') {
      for (const link of runbookCandidates(v.slice(0, MAX_SCANNED_CHARS), max - out.length))
        if (!out.includes(link)) out.push(link);
    } else if (Array.isArray(v)) queue.push(...v.slice(0, MAX_VALUES_SCANNED));
    else if (v !== null && typeof v === 'object')
      queue.push(...Object.values(v as Record<string, unknown>).slice(0, MAX_VALUES_SCANNED));
  }
  return out.slice(0, max);
}
