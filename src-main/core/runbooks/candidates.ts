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
