/**
 * The preview bridge implements the preload API over HTTP: each call posts its arguments with the
 * token header and returns the envelope; events arrive over one EventSource; a dead server gives an
 * `unavailable` envelope, never a throw.
 */
import { describe, expect, it } from 'vitest';
import { createHttpBridge } from '../../src-renderer/src/api/http-bridge.js';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  handlers = new Map<string, Array<(ev: unknown) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (ev: unknown) => void): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
  }
  fire(name: string, data?: unknown): void {
    for (const fn of this.handlers.get(name) ?? []) fn({ data: JSON.stringify(data) });
  }
}

describe('http bridge', () => {
  it('posts calls with the token and returns the envelope', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { actionId: 'A1', incidentIds: ['P1'] } }));
    }) as unknown as typeof fetch;
    const api = createHttpBridge({
      baseUrl: 'http://127.0.0.1:9',
      token: 'tok',
      fetch: fetchFn,
      EventSource: FakeEventSource as never,
    });
    const res = await api.acknowledge(['P1']);
    expect(res).toEqual({ ok: true, value: { actionId: 'A1', incidentIds: ['P1'] } });
    expect(seen[0]!.url).toBe('http://127.0.0.1:9/api/invoke/acknowledge');
    expect((seen[0]!.init.headers as Record<string, string>)['x-oncall-token']).toBe('tok');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual([['P1']]);
  });

  it('answers unavailable when the server is gone', async () => {
    const fetchFn = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const api = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch: fetchFn,
      EventSource: FakeEventSource as never,
    });
    expect(await api.getSnapshot()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers events to listeners and reports the connection', () => {
    const api = createHttpBridge({
      baseUrl: 'http://x',
      token: 'a b',
      fetch: fetch,
      EventSource: FakeEventSource as never,
    });
    const got: unknown[] = [];
    const states: string[] = [];
    const off = api.on('coreEvent', (e) => got.push(e));
    api.onConnection!((s) => states.push(s));
    const es = FakeEventSource.last!;
    expect(es.url).toBe('http://x/api/events?token=a%20b');
    es.fire('open');
    es.fire('coreEvent', { type: 'sync' });
    es.fire('error');
    off();
    es.fire('coreEvent', { type: 'sync' });
    expect(got).toEqual([{ type: 'sync' }]);
    expect(states).toEqual(['connecting', 'open', 'lost']);
  });
});
