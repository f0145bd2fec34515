/**
 * Serves the built renderer (dist/renderer) with correct content types and the renderer's CSP;
 * never a file outside that folder.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { COMMON_HEADERS, RENDERER_CSP } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Content type of a file name (octet-stream when unknown). */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolve a URL path inside the root, or null when it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, normalize(rel));
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

/** Send a file of the renderer, or 404. */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean,
): Promise<void> {
  const file = resolveInside(root, urlPath);
  let body: Buffer | null = null;
  if (file) {
    try {
      const st = await stat(file);
      body = st.isFile()
        ? await readFile(file)
        : st.isDirectory()
          ? await readFile(join(file, 'index.html'))
          : null;
    } catch {
      body = null;
    }
  }
  if (!file || !body) {
    res.writeHead(404, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const type = contentTypeOf(file.endsWith(sep) ? 'index.html' : file);
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': type,
    'content-length': String(body.length),
    'content-security-policy': RENDERER_CSP,
    'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  res.end(head ? undefined : body);
}
