/**
 * The HTTP layer of the PagerDuty client: builds URLs and headers, enforces the timeout and the
 * caller's abort signal, and turns every failure (network, timeout, HTTP status, unreadable body) into
 * a redacted `PagerDutyError`. It never retries: the engine and the action queue own retry/backoff.
 */
import type { FetchLike, Logger, Timers } from '../ports.js';
import { PagerDutyError, type PagerDutyErrorInit, messages } from './errors.js';
import { errorFromResponse, networkFailureReason } from './http-errors.js';
import { redactSecrets } from './redact.js';

/** PagerDuty's REST API v2 media type. */
export const PAGERDUTY_ACCEPT = 'application/vnd.pagerduty+json;version=2';

/** A query value: arrays repeat the key as `key[]=v`; undefined/null are left out. */
export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** One request the client wants to make. */
export interface RequestSpec {
  method: 'GET' | 'PUT' | 'POST';
  /** Path below the base URL, starting with `/`. Ids in it must already be encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Writes carry `From`; a write without one fails with `from_required` before sending. */
  write?: boolean;
  from?: string | null;
  signal?: AbortSignal;
  /** What the request is about, for a 404 message ("incident PXXXX"). */
  what?: string;
  /**
   * The raw bytes of the last answer to this same request. When the new answer is byte-identical, it
   * is neither decoded nor parsed (`unchanged: true`): unchanged listing pages cost a memcmp.
   */
  sameAs?: Uint8Array;
  /** Return the raw bytes of the answer (to pass as `sameAs` next time). */
  keepRaw?: boolean;
}

/** A successful answer: status and parsed JSON body (null when empty, undefined when unchanged). */
export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
  /** The answer's bytes, when `keepRaw` was asked. */
  raw?: Uint8Array;
  /** True when the answer is byte-identical to `sameAs` (body is then not parsed). */
  unchanged?: boolean;
}

const utf8 = new TextDecoder();

/** Byte equality of two buffers (memcmp through Node's Buffer when there, a word loop otherwise). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const B = (
    globalThis as {
      Buffer?: {
        from(x: ArrayBufferLike, o: number, l: number): Uint8Array & { equals(o: Uint8Array): boolean };
      };
    }
  ).Buffer;
  if (B) return B.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Settings of the transport. */
export interface TransportOptions {
  baseUrl: string;
  token: string;
  authScheme: 'token' | 'bearer';
  fetch: FetchLike;
  logger: Logger;
  timeoutMs: number;
  userAgent: string;
  timers: Timers;
}

/** Builds `a=1&statuses[]=x&statuses[]=y`, values percent-encoded, keys kept readable. */
export function buildQuery(query: Record<string, QueryValue> = {}): string {
  const parts: string[] = [];
  for (const [rawKey, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(rawKey.replace(/\[\]$/, ''));
    if (Array.isArray(value)) {
      for (const v of value as readonly string[]) parts.push(`${key}[]=${encodeURIComponent(v)}`);
    } else {
      parts.push(`${key}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.join('&');
}

/** Resolves like `p`, or rejects with the signal's reason as soon as it aborts (even if `p` ignores it). */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The reason a caller's signal aborted with, as something throwable. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Creates the transport: `request` sends one request and returns its answer or throws `PagerDutyError`. */
export function createTransport(opts: TransportOptions): {
  host: string;
  request(spec: RequestSpec): Promise<HttpAnswer>;
} {
  const secrets = [opts.token];
  let base: URL;
  try {
    base = new URL(opts.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new PagerDutyError(redactSecrets(messages.badUrl(opts.baseUrl), secrets), { kind: 'bad_request' });
  }
  const host = redactSecrets(base.host, secrets);
  const prefix = base.href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const authorization = opts.authScheme === 'bearer' ? `Bearer ${opts.token}` : `Token token=${opts.token}`;

  const fail = (message: string, init: PagerDutyErrorInit): PagerDutyError =>
    new PagerDutyError(redactSecrets(message, secrets), {
      ...init,
      details: init.details?.map((d) => redactSecrets(d, secrets)),
      cause: init.cause && {
        name: redactSecrets(init.cause.name, secrets),
        code: init.cause.code === null ? null : redactSecrets(init.cause.code, secrets),
        message: redactSecrets(init.cause.message, secrets),
      },
    });

  async function request(spec: RequestSpec): Promise<HttpAnswer> {
    if (spec.write && !spec.from) throw fail(messages.fromMissingForWrite(), { kind: 'from_required' });
    const qs = buildQuery(spec.query);
    const url = `${prefix}${spec.path}${qs ? `?${qs}` : ''}`;
    const headers: Record<string, string> = {
      Accept: PAGERDUTY_ACCEPT,
      Authorization: authorization,
      'User-Agent': opts.userAgent,
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (spec.write && spec.from) headers.From = spec.from;
    if (spec.signal?.aborted) throw abortReason(spec.signal);

    const controller = new AbortController();
    let timedOut = false;
    const timer = opts.timers.setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('PagerDuty request timed out', 'TimeoutError'));
    }, opts.timeoutMs);
    const onCallerAbort = (): void => controller.abort(spec.signal ? abortReason(spec.signal) : undefined);
    spec.signal?.addEventListener('abort', onCallerAbort, { once: true });

    let status = 0;
    try {
      const res = await abortable(
        opts.fetch(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: controller.signal,
        }),
        controller.signal,
      );
      status = res.status;
      const raw = new Uint8Array(await abortable(res.arrayBuffer(), controller.signal));
      opts.logger.debug('PagerDuty request', { method: spec.method, path: spec.path, status });
      if (status >= 200 && status < 300 && spec.sameAs && bytesEqual(raw, spec.sameAs)) {
        return { status, body: undefined, headers: res.headers, raw, unchanged: true };
      }
      const text = utf8.decode(raw);
      if (status < 200 || status >= 300) {
        throw errorFromResponse(
          { status, headers: res.headers, text, path: spec.path, what: spec.what ?? 'this item', host },
          fail,
        );
      }
      let body: unknown = null;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          // A write PagerDuty accepted (2xx) is done even if its echo is unreadable.
          if (!spec.write)
            throw fail(messages.invalidResponse(host, 'not JSON'), { kind: 'invalid_response', status });
          opts.logger.warn('Unreadable answer to an accepted PagerDuty write', { path: spec.path, status });
        }
      }
      return spec.keepRaw
        ? { status, body, headers: res.headers, raw }
        : { status, body, headers: res.headers };
    } catch (e) {
      if (e instanceof PagerDutyError) throw e;
      if (timedOut) {
        opts.logger.debug('PagerDuty request timed out', { method: spec.method, path: spec.path });
        throw fail(messages.timeout(host, opts.timeoutMs), { kind: 'timeout', status: status || null });
      }
      if (spec.signal?.aborted) throw abortReason(spec.signal);
      const failure = networkFailureReason(e, base.hostname);
      opts.logger.debug('PagerDuty request failed', {
        method: spec.method,
        path: spec.path,
        code: failure.code,
      });
      throw fail(messages.unreachable(host, failure.reason), {
        kind: 'unreachable',
        status: status || null,
        cause: failure.cause,
      });
    } finally {
      opts.timers.clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return { host, request };
}
