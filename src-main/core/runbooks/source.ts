/**
 * Reading a shared runbook file from a local path or an https URL. The file system read and fetch
 * are injected; `http:` and every other scheme are refused, and answers are size-limited.
 */
import type { FetchLike } from '../ports.js';
import { RUNBOOK_LIMITS, formatOf, nameOf, parseRunbookFile, type FileRunbook } from './format.js';

/** How a runbook source is read. */
export interface RunbookReaderDeps {
  readFile?: (path: string) => Promise<string>;
  fetch?: FetchLike;
  /** Abort a fetch after this long (default 10 s). */
  timeoutMs?: number;
}

/** True when a source string is a URL (has a scheme) rather than a path. */
function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^(javascript|data|file|blob):/i.test(source);
}

/** A reader for `readRunbookSource`: path -> readFile, https URL -> fetch; anything else is refused. */
export function createRunbookReader(deps: RunbookReaderDeps): (source: string) => Promise<string> {
  return async (source) => {
    const src = source.trim();
    if (isUrl(src)) {
      let url: URL;
      try {
        url = new URL(src);
      } catch {
        throw new Error('the runbook URL is not valid');
      }
      if (url.protocol !== 'https:')
        throw new Error(`only https: runbook URLs are allowed, not ${url.protocol}`);
      if (!deps.fetch) throw new Error('fetching runbook URLs is not available here');
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), deps.timeoutMs ?? 10_000);
      try {
        const res = await deps.fetch(url.toString(), { signal: ctl.signal, redirect: 'follow' });
        if (!res.ok) throw new Error(`the runbook URL answered HTTP ${res.status}`);
        if (res.url && !res.url.startsWith('https:'))
          throw new Error('the runbook URL redirected away from https:');
        return await readLimited(res, RUNBOOK_LIMITS.maxBytes);
      } catch (e) {
        if (ctl.signal.aborted) throw new Error('the runbook URL did not answer in time');
        throw e;
      } finally {
        clearTimeout(timer);
      }
    }
    if (!deps.readFile) throw new Error('reading runbook files is not available here');
    return deps.readFile(src);
  };
}

const TOO_LARGE = 'the runbook file is too large (over 1 MB)';

/** The body as text, refused as soon as more than `max` bytes came (an endless body is not read to the end). */
async function readLimited(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new Error(TOO_LARGE);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new Error(TOO_LARGE);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Reads and parses a source; every failure becomes `{ ok: false, error }` naming the file. */
export async function loadRunbookSource(
  source: string,
  read: (source: string) => Promise<string>,
): Promise<{ ok: true; runbooks: FileRunbook[] } | { ok: false; error: string }> {
  const name = nameOf(source);
  let text: string;
  try {
    text = await read(source);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    const reason = code === 'ENOENT' ? 'file not found' : e instanceof Error ? e.message : String(e);
    return { ok: false, error: `${name}: ${reason}` };
  }
  return parseRunbookFile(text, formatOf(source), name);
}
