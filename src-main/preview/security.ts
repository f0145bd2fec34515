/**
 * The preview server's guards: a random access token compared in constant time, a Host check
 * against DNS rebinding, an Origin check against cross-site requests, and the page's CSP.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The Content-Security-Policy of the renderer (the same as the meta tag in src-renderer/index.html). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Header carrying the token on /api/invoke requests. */
export const TOKEN_HEADER = 'x-oncall-token';

/** A fresh URL-safe access token (256 bits). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compare a presented token with the expected one in constant time (over equal-length digests). */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** True when the Host header names this server by loopback address (not some rebinding domain). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** True when an Origin header, if present, is this server itself. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Name of the cookie that lets the page load its own assets after opening the tokened URL. */
export function cookieName(port: number): string {
  return `oncall_preview_${port}`;
}

/** Read one cookie from a request. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Headers every answer carries. */
export const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};
