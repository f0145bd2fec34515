import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createPagerDutyClient,
  describeError,
  isAbortError,
  PagerDutyError,
  retryAfterFromHeaders,
} from '../../../src-main/core/pagerduty/index.js';
import type { Timers } from '../../../src-main/core/ports.js';
import { fakeFetch, json, networkError, type Handler } from './fake-fetch.js';
import { incident, pdError } from './fixtures.js';

function setup(handler: Handler, extra: Partial<Parameters<typeof createPagerDutyClient>[0]> = {}) {
  const fake = fakeFetch(handler);
  const client = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.com',
    token: 'tok-secret',
    fetch: fake.fetch,
    fromEmail: 'me@acme.example',
    ...extra,
  });
  return { client, requests: fake.requests };
}

async function failure(p: Promise<unknown>): Promise<PagerDutyError> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PagerDutyError);
  return e as PagerDutyError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HTTP errors', () => {
  it('401: bad token, with where to make a new one', async () => {
    const { client } = setup(() => json(401, pdError(2006, 'Authentication failed')));
    const e = await failure(client.listIncidents({}));
    expect(e).toMatchObject({ kind: 'auth', status: 401, code: 2006, retryAfterMs: null, retryable: false });
    expect(e.message).toBe(
      'PagerDuty rejected the API token (401). Create a new one under My Profile > User Settings > API Access ' +
        'and enter it in Settings (or PAGERDUTY_TOKEN).',
    );
  });

  it('403: read-only key or missing write scope', async () => {
    const { client } = setup(() => json(403, pdError(2010, 'Access Denied')));
    const e = await failure(client.updateIncident('PA', 'acknowledged'));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toMatch(/403.*read-only or lacks the write scope.*Access Denied/);
  });

  it('402: plan lacks the feature', async () => {
    const { client } = setup(() =>
      json(402, pdError(2012, 'Account does not have the abilities to perform the action')),
    );
    const e = await failure(client.listOncalls({}));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toContain('plan does not include this feature (402)');
  });

  it('400 about the From header: from_required', async () => {
    const { client } = setup(() =>
      json(
        400,
        pdError(2001, 'Invalid Input Provided', ['A valid user email must be provided in the From header.']),
      ),
    );
    const e = await failure(client.updateIncident('PA', 'acknowledged'));
    expect(e.kind).toBe('from_required');
    expect(e.message).toContain('(--from EMAIL or Settings)');
  });

  it('400 otherwise: bad_request with PagerDuty details', async () => {
    const { client } = setup(() =>
      json(400, pdError(2001, 'Invalid Input Provided', ['Since must be before until'])),
    );
    const e = await failure(client.listIncidents({ since: 'x' }));
    expect(e).toMatchObject({ kind: 'bad_request', code: 2001, details: ['Since must be before until'] });
    expect(e.message).toBe(
      'PagerDuty rejected the request (HTTP 400): Invalid Input Provided: Since must be before until.',
    );
  });

  it('404: not_found naming the item', async () => {
    const { client } = setup(() => json(404, pdError(2100, 'Not Found')));
    const e = await failure(client.listLogEntries('PGONE'));
    expect(e.kind).toBe('not_found');
    expect(e.message).toContain('could not find log entry');
  });

  it('429 with ratelimit-reset: the wait in retryAfterMs and the message', async () => {
    const { client } = setup(() =>
      json(429, pdError(2020, 'Rate Limit Exceeded'), {
        'ratelimit-limit': '960',
        'ratelimit-remaining': '0',
        'ratelimit-reset': '42',
      }),
    );
    const e = await failure(client.listIncidents({}));
    expect(e).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      code: 2020,
      retryAfterMs: 42_000,
      retryable: true,
    });
    expect(e.message).toContain('Retrying in 42 s.');
  });

  it('429 without headers: retryAfterMs null so the caller backs off', async () => {
    const { client } = setup(() => json(429, pdError(2020, 'Rate Limit Exceeded')));
    const e = await failure(client.listIncidents({}));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
    expect(e.message).toContain('Backing off before retrying.');
  });

  it('parses ratelimit-reset leniently', () => {
    expect(retryAfterFromHeaders(new Headers({ 'ratelimit-reset': '1.2' }))).toBe(1200);
    expect(retryAfterFromHeaders(new Headers({ 'ratelimit-reset': 'soon' }))).toBeNull();
    expect(retryAfterFromHeaders(new Headers({ 'ratelimit-reset': '-3' }))).toBeNull();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '5' }))).toBe(5000);
    expect(retryAfterFromHeaders(new Headers())).toBeNull();
  });

  it.each([500, 502, 503, 504, 408])('%i: server, retryable', async (status) => {
    const { client } = setup(() => new Response('<html>Bad gateway</html>', { status }));
    const e = await failure(client.listIncidents({}));
    expect(e).toMatchObject({ kind: 'server', status, code: null, retryable: true });
    expect(e.message).toBe(
      `PagerDuty at api.pagerduty.com had a server error (HTTP ${status}). The app will retry with backoff.`,
    );
  });

  it('other 4xx: bad_request; other codes: unknown', async () => {
    const { client } = setup((_req, n) =>
      n === 0 ? json(413, pdError(2001, 'Too many incidents')) : new Response('', { status: 302 }),
    );
    expect((await failure(client.listIncidents({}))).kind).toBe('bad_request');
    const e = await failure(client.listIncidents({}));
    expect(e.kind).toBe('unknown');
    expect(e.message).toContain('unexpected HTTP 302');
  });
});

describe('network failures', () => {
  it.each([
    ['ENOTFOUND', 'the name api.pagerduty.com does not resolve, ENOTFOUND'],
    ['ECONNREFUSED', 'the connection was refused, ECONNREFUSED'],
    ['ECONNRESET', 'the connection was reset, ECONNRESET'],
    ['UND_ERR_SOCKET', 'the connection was reset, UND_ERR_SOCKET'],
    ['CERT_HAS_EXPIRED', 'its TLS certificate is not trusted, CERT_HAS_EXPIRED'],
  ])('%s: unreachable, naming the host', async (code, reason) => {
    const { client } = setup(() => {
      throw networkError(code);
    });
    const e = await failure(client.getMe());
    expect(e).toMatchObject({ kind: 'unreachable', status: null, retryable: true });
    expect(e.message).toBe(
      `Cannot reach PagerDuty at api.pagerduty.com (${reason}). Check your network connection and the API URL setting.`,
    );
    expect(e.cause).toEqual({ name: 'TypeError', code, message: 'fetch failed' });
  });

  it('a failure while reading the body is unreachable too', async () => {
    const { client } = setup(() => {
      const body = new ReadableStream({
        start(c) {
          c.error(networkError('ECONNRESET'));
        },
      });
      return new Response(body, { status: 200 });
    });
    expect((await failure(client.getMe())).kind).toBe('unreachable');
  });

  it('times out after the default 10 s, naming the timeout', async () => {
    vi.useFakeTimers();
    const { client, requests } = setup(() => 'hang');
    const p = failure(client.listIncidents({}));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await p;
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(
      'PagerDuty at api.pagerduty.com did not answer within 10 s (the request timeout). ' +
        'The app will retry; check your network if this continues.',
    );
    expect(requests[0]!.signal?.aborted).toBe(true);
  });

  it('uses injected timers and a custom timeout, even when fetch ignores the signal', async () => {
    const pending: Array<{ fn: () => void; ms: number }> = [];
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        const t = { fn, ms };
        pending.push(t);
        return t;
      },
      clearTimeout: (h) => {
        const i = pending.indexOf(h as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const never = new Promise<Response>(() => {});
    const client = createPagerDutyClient({
      baseUrl: 'https://api.eu.pagerduty.com',
      token: 't',
      fetch: () => never,
      timers,
      timeoutMs: 2_500,
    });
    const p = failure(client.getMe());
    await Promise.resolve();
    expect(pending.map((t) => t.ms)).toEqual([2_500]);
    pending[0]!.fn();
    const e = await p;
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('api.eu.pagerduty.com did not answer within 3 s');
  });

  it('clears its timer after an answer', async () => {
    const cleared: unknown[] = [];
    const client = createPagerDutyClient({
      baseUrl: 'https://api.pagerduty.com',
      token: 't',
      fetch: async () => json(200, { incident: incident(1) }),
      fromEmail: 'me@acme.example',
      timers: { setTimeout: () => 'h1', clearTimeout: (h) => cleared.push(h) },
    });
    await client.updateIncident('PA', 'resolved');
    expect(cleared).toEqual(['h1']);
  });

  it("honours the caller's signal: rejects with its abort reason, not a PagerDutyError", async () => {
    const { client, requests } = setup(() => 'hang');
    const controller = new AbortController();
    const p = client.listIncidents({}, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    const e = await p;
    expect(e).not.toBeInstanceOf(PagerDutyError);
    expect(isAbortError(e)).toBe(true);
    expect(requests[0]!.signal?.aborted).toBe(true);
  });

  it('does not send when the signal is already aborted', async () => {
    const { client, requests } = setup(() => json(200, {}));
    const controller = new AbortController();
    controller.abort();
    await expect(client.getMe({ signal: controller.signal })).rejects.toSatisfy(isAbortError);
    expect(requests).toHaveLength(0);
  });
});

describe('describeError', () => {
  it('keeps PagerDuty errors and wraps anything else as unknown', () => {
    const e = new PagerDutyError('x', { kind: 'rate_limited', retryAfterMs: 5 });
    expect(describeError(e)).toEqual({ kind: 'rate_limited', message: 'x', retryAfterMs: 5 });
    expect(describeError(new Error('boom'))).toEqual({
      kind: 'unknown',
      message: 'Unexpected error: boom',
      retryAfterMs: null,
    });
    expect(e.toJSON()).toMatchObject({ name: 'PagerDutyError', kind: 'rate_limited', message: 'x' });
  });
});
