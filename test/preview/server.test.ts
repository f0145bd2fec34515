/**
 * The preview server: token required on every API call and the event stream, Host check against
 * DNS rebinding, argument validation with IpcResult envelopes, static files with the CSP, SSE of
 * core events, in-memory settings with field errors, and source switching.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src-main/core/ports.js';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server.js';
import { RENDERER_CSP } from '../../src-main/preview/security.js';
import type { Runtime } from '../../src-main/app/runtime.js';
import type { SourceRequest } from '../../src-main/app/sources.js';
import { fakeCompanion, historyOf, runtimeOver, type FakeCompanion } from './fake-companion.js';
import { PREVIEW_TOKEN, servePreview } from './serve.js';

const TOKEN = PREVIEW_TOKEN;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const invoke = (
  port: number,
  name: string,
  args: unknown,
  token: string | null = TOKEN,
  extra: Record<string, string> = {},
) =>
  call(port, {
    method: 'POST',
    path: `/api/invoke/${name}`,
    headers: { 'content-type': 'application/json', ...(token ? { 'x-oncall-token': token } : {}), ...extra },
    body: JSON.stringify(args),
  });

describe('preview server', () => {
  let root: string;
  let dir: string;
  let server: PreviewServer;
  let port: number;
  let companion: FakeCompanion;
  let runtime: Runtime;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'preview-test-'));
    dir = join(root, 'renderer');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'secret-outside.txt'), 'secret');
    companion = fakeCompanion();
    runtime = runtimeOver(companion);
    ({ server, port } = await servePreview(runtime, dir));
  });
  afterEach(async () => {
    await server.close();
    await runtime.close();
    await rm(root, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await invoke(port, 'getSnapshot', [], null)).status).toBe(401);
    expect((await invoke(port, 'getSnapshot', [], 'wrong')).status).toBe(401);
    expect((await invoke(port, 'getSnapshot', [], `${TOKEN}x`)).status).toBe(401);
    const ok = await invoke(port, 'getSnapshot', []);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { source: { kind: 'demo' } } });
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await call(port, {
      path: `/?token=${TOKEN}`,
      headers: { host: `evil.example:${port}` },
    });
    expect(rebinding.status).toBe(421);
    const otherPort = await invoke(port, 'getSnapshot', [], TOKEN, { host: `127.0.0.1:${port + 1}` });
    expect(otherPort.status).toBe(421);
    const cross = await invoke(port, 'getSnapshot', [], TOKEN, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const local = await invoke(port, 'getSnapshot', [], TOKEN, {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(local.status).toBe(200);
  });

  it('validates arguments and answers IpcResult envelopes', async () => {
    const bad = JSON.parse((await invoke(port, 'acknowledge', [['../etc']])).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    const tooShort = JSON.parse((await invoke(port, 'snooze', ['P1', 5])).body);
    expect(tooShort.ok).toBe(false);
    const notArray = await invoke(port, 'acknowledge', { ids: ['P1'] });
    expect(notArray.status).toBe(400);
    const unknown = await invoke(port, 'runShell', []);
    expect(unknown.status).toBe(404);
    expect(companion.calls.filter((c) => c.name !== 'updateSettings')).toEqual([]);

    const good = JSON.parse((await invoke(port, 'acknowledge', [['PABC1', 'PABC2']])).body);
    expect(good).toEqual({
      ok: true,
      value: { actionId: expect.any(String), incidentIds: ['PABC1', 'PABC2'] },
    });
    expect(companion.calls).toContainEqual({ name: 'acknowledge', args: [['PABC1', 'PABC2']] });
    const snooze = JSON.parse((await invoke(port, 'snooze', ['PABC1', 3600])).body);
    expect(snooze.ok).toBe(true);
    expect(companion.calls).toContainEqual({ name: 'snooze', args: ['PABC1', 3600] });
  });

  it('answers unavailable for history calls until a history service is wired', async () => {
    for (const [name, args] of [
      ['getMetrics', [null]],
      ['getReport', [{ kind: 'current' }]],
      ['getRunbook', ['P1']],
      ['setChecklistStep', ['P1', 0, true]],
    ] as const) {
      expect(JSON.parse((await invoke(port, name, args)).body)).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    }
  });

  it('serves the renderer only with the token (query once, then cookie), with CSP and content types', async () => {
    expect((await call(port, { path: '/' })).status).toBe(401);
    expect((await call(port, { path: '/assets/app.js' })).status).toBe(401);
    const page = await call(port, { path: `/?token=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toContain(`oncall_preview_${port}=`);
    const js = await call(port, { path: '/assets/app.js', headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const escape = await call(port, { path: '/../secret-outside.txt', headers: { cookie } });
    expect(escape.status).toBe(404);
    const encoded = await call(port, { path: '/%2e%2e/secret-outside.txt', headers: { cookie } });
    expect(encoded.status).toBe(404);
  });

  it('uses the same CSP as the renderer page', () => {
    const html = readFileSync(join(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
  });

  it('streams core events over SSE, only with the token', async () => {
    expect((await call(port, { path: '/api/events' })).status).toBe(401);
    expect((await call(port, { path: '/api/events?token=nope' })).status).toBe(401);
    const frames = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/events?token=${TOKEN}`,
          headers: { host: `127.0.0.1:${port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            buf += c;
            if (buf.includes(': connected')) {
              companion.emit({
                type: 'sync',
                at: '2026-01-01T00:00:01.000Z',
                status: { state: 'live', lastSyncAt: '2026-01-01T00:00:01.000Z' },
              });
            }
            if (buf.includes('event: coreEvent')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    const data = /event: coreEvent\ndata: (.*)\n/.exec(frames)?.[1];
    expect(JSON.parse(data!)).toMatchObject({ type: 'sync', status: { state: 'live' } });
  });

  it('keeps settings in memory, validates them with field errors, and applies them to the companion', async () => {
    const view = JSON.parse((await invoke(port, 'getSettings', [])).body);
    expect(view.value.token).toEqual({
      set: false,
      storage: 'preview-memory',
      warning: expect.any(String),
      signedIn: false,
    });
    const bad = JSON.parse(
      (
        await invoke(port, 'updateSettings', [
          { pollIntervalSeconds: 1, notifications: { quietHours: { start: '25:00' } } },
        ])
      ).body,
    );
    expect(bad.ok).toBe(true);
    expect(bad.value.ok).toBe(false);
    expect(bad.value.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'notifications.quietHours.start',
      'pollIntervalSeconds',
    ]);
    const good = JSON.parse((await invoke(port, 'updateSettings', [{ pollIntervalSeconds: 30 }])).body);
    expect(good.value).toMatchObject({
      ok: true,
      view: { settings: { pollIntervalSeconds: 30, notifications: { sound: true } } },
    });
    expect(companion.settings?.pollIntervalSeconds).toBe(30);
    const dup = JSON.parse(
      (await invoke(port, 'updateSettings', [{ shortcuts: { showWindow: 'CommandOrControl+Alt+A' } }])).body,
    );
    expect(dup.value.view.shortcutErrors.showWindow).toMatch(/Conflicts/);
  });

  it('never sends the token back and switches the source when one is set', async () => {
    await server.close();
    await runtime.close();
    const next = fakeCompanion('pagerduty');
    const opened: SourceRequest[] = [];
    runtime = runtimeOver(companion, { next: () => next, opened });
    ({ server, port } = await servePreview(runtime, dir));
    // PagerDuty chosen without a token yet: still the demo, no new source.
    await invoke(port, 'updateSettings', [{ source: { kind: 'pagerduty', region: 'eu' } }]);
    expect(opened).toHaveLength(1);
    const secret = 'u+pagerduty-secret-token';
    const res = await invoke(port, 'setToken', [secret]);
    expect(res.body).not.toContain(secret);
    expect(JSON.parse(res.body).value.token.set).toBe(true);
    await vi.waitFor(() => expect(next.listenerCount()).toBe(1));
    expect(opened.map((r) => [r.settings.source.kind, r.token])).toEqual([
      ['demo', null],
      ['pagerduty', secret],
    ]);
    expect(companion.listenerCount()).toBe(0);
    const snap = JSON.parse((await invoke(port, 'getSnapshot', [])).body);
    expect(snap.value.source.kind).toBe('pagerduty');

    // Clearing the token stops the PagerDuty source: the demo takes over, with no token.
    const cleared = JSON.parse((await invoke(port, 'clearToken', [])).body);
    expect(cleared.value.token.set).toBe(false);
    await vi.waitFor(() => expect(opened).toHaveLength(3));
    expect(opened.at(-1)?.token).toBeNull();
  });

  it('listens on loopback only', async () => {
    await expect(
      startPreviewServer({ runtime, port: 0, host: '0.0.0.0', rendererDir: dir, logger: silentLogger }),
    ).rejects.toThrow(/127\.0\.0\.1/);
  });
});

describe('preview server with a history service', () => {
  it('routes history calls to it and hands it runbooks and off hours', async () => {
    const root = await mkdtemp(join(tmpdir(), 'preview-history-'));
    const seen: Array<[string, unknown[]]> = [];
    const history = {
      attach: () => () => {},
      getRunbook: async (...a: unknown[]) => (
        seen.push(['getRunbook', a]),
        { incidentId: a[0], steps: [], url: null, candidates: [] }
      ),
      setRunbooks: async (...a: unknown[]) => (seen.push(['setRunbooks', a]), { sourceError: null }),
      updateOptions: (...a: unknown[]) => seen.push(['updateOptions', a]),
    };
    const runtime = runtimeOver(fakeCompanion(), { history: historyOf(history) });
    const { server, port } = await servePreview(runtime, root);
    try {
      const rb = JSON.parse((await invoke(port, 'getRunbook', ['PABC1'])).body);
      expect(rb).toEqual({ ok: true, value: { incidentId: 'PABC1', steps: [], url: null, candidates: [] } });
      const runbooks = [{ serviceId: 'PS1', steps: ['Check the dashboard'] }];
      const up = JSON.parse(
        (await invoke(port, 'updateSettings', [{ runbooks, offHours: { start: '23:00', end: '06:00' } }]))
          .body,
      );
      expect(up.value.ok).toBe(true);
      expect(seen).toContainEqual(['setRunbooks', [runbooks, null]]);
      expect(seen).toContainEqual([
        'updateOptions',
        [{ offHours: { start: '23:00', end: '06:00' }, handoffReminderMinutes: 30 }],
      ]);
    } finally {
      await server.close();
      await runtime.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
