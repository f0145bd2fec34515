import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient, PagerDutyError } from '../../../src-main/core/pagerduty/index.js';
import { ME, incident, page } from './fixtures.js';

/** Node's own fetch against a local server: real headers, real socket failures (127.0.0.1 only). */
let server: Server;
let base = '';
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const send = (status: number, data: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  };
  if (req.url === '/users/me') return send(200, { user: ME });
  if (req.url?.startsWith('/incidents?')) return send(200, page('incidents', [incident(1)], 0, 100, false));
  if (req.url === '/incidents/PRESET') return void req.socket.destroy();
  if (req.url === '/incidents/PHANG') return; // never answers
  if (req.url?.startsWith('/junk/')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('{"incident": {"id": ');
  }
  return send(200, { incident: incident(1, { status: 'acknowledged' }) });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (baseUrl = base, timeoutMs = 2_000) =>
  createPagerDutyClient({ baseUrl, token: 'real-fetch-token-123', fetch, fromEmail: null, timeoutMs });

describe('with the real fetch', () => {
  it('reads, then writes with From and the headers PagerDuty wants', async () => {
    const c = client();
    const me = await c.getMe();
    expect(me.email).toBe(ME.email);
    expect((await c.listIncidents({ statuses: ['triggered', 'acknowledged'] })).items).toHaveLength(1);
    expect(await c.updateIncident('PT4KHLK', 'acknowledged')).toMatchObject({ ok: true });
    const get = seen.find((s) => s.url.startsWith('/incidents?'))!;
    expect(get.url).toContain('statuses[]=triggered&statuses[]=acknowledged');
    const put = seen.find((s) => s.method === 'PUT')!;
    expect(put.headers.authorization).toBe('Token token=real-fetch-token-123');
    expect(put.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(put.headers['content-type']).toBe('application/json');
    expect(put.headers.from).toBe(ME.email);
    expect(JSON.parse(put.body)).toEqual({
      incident: { type: 'incident_reference', status: 'acknowledged' },
    });
  });

  it('a reset connection is unreachable', async () => {
    const c = client();
    c.setFromEmail(ME.email);
    const err = await c.updateIncident('PRESET', 'resolved').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(PagerDutyError);
    expect((err as PagerDutyError).kind).toBe('unreachable');
    expect((err as PagerDutyError).message).toContain('Cannot reach PagerDuty at 127.0.0.1:');
  });

  it('a refused connection is unreachable and names the host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await client(`http://127.0.0.1:${port}`)
      .getMe()
      .catch((x: unknown) => x);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect((err as Error).message).toContain(`127.0.0.1:${port} (the connection was refused, ECONNREFUSED)`);
  });

  it('a hanging server times out', async () => {
    const c = client(base, 300);
    c.setFromEmail(ME.email);
    await expect(c.updateIncident('PHANG', 'resolved')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('a truncated body is invalid_response on reads, but an accepted write is done', async () => {
    const c = client(`${base}/junk`);
    await expect(c.getMe()).rejects.toMatchObject({ kind: 'invalid_response' });
    c.setFromEmail(ME.email);
    expect(await c.updateIncident('P1', 'resolved')).toEqual({
      id: 'P1',
      ok: true,
      alreadyDone: false,
      error: null,
    });
  });
});
