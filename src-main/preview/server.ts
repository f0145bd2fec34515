/**
 * The browser preview server: serves the built renderer on 127.0.0.1 and carries the preload API
 * over HTTP (POST /api/invoke/<name>) and Server-Sent Events (/api/events), in front of the real
 * core. Every request must name this server as its Host and carry the random access token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Companion } from '../core/companion-types.js';
import type { CoreEvent } from '../core/events.js';
import type { Logger } from '../core/ports.js';
import type { SourceSettings } from '../core/settings.js';
import type { AppSettings } from '../ipc/app-settings.js';
import type { EventName, EventPayloads } from '../ipc/contract.js';
import { applyToHistory, invoke, isInvokeName } from './invoke.js';
import {
  COMMON_HEADERS,
  cookieName,
  hostAllowed,
  newAccessToken,
  originAllowed,
  readCookie,
  TOKEN_HEADER,
  tokenMatches,
} from './security.js';
import { PreviewSettings } from './settings-state.js';
import type { ShownUpdateStatus } from '../core/update/status.js';
import { serveStatic } from './static-files.js';

/** Options of {@link startPreviewServer}. */
export interface PreviewServerOptions {
  companion: Companion;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only: 127.0.0.1 (default) or localhost. */
  host?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  logger: Logger;
  /**
   * Open a new source (Settings changed the source, or a token was entered) and resolve with its
   * companion, already started. The host closes the previous source; the server moves its event
   * stream to the new companion.
   */
  switchSource?: (source: SourceSettings, token: string | null) => Promise<Companion>;
  /**
   * History service (getMetrics, getReport, getRunbook, setChecklistStep methods), when wired, e.g.
   * `createPreviewHistory` (./history.ts). When it has `attach(companion)` the server attaches it to
   * the running companion (and to the next one after a source switch) and detaches on close.
   */
  history?: unknown;
  /** Settings to start from (defaults otherwise; the source follows the companion's). */
  settings?: Partial<AppSettings>;
  /** Fixed access token (tests); a random one by default. */
  accessToken?: string;
  /** A fixed, simulated update status to show (`preview --simulate-update`); none by default. */
  updateStatus?: ShownUpdateStatus | null;
}

/** A running preview server. */
export interface PreviewServer {
  /** The URL to open, with the access token. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;
const HEARTBEAT_MS = 15_000;

/** Start the server; resolves once it listens. */
export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`The preview listens on 127.0.0.1 only (got ${host})`);
  }
  const token = opts.accessToken ?? newAccessToken();
  const { logger } = opts;
  let companion = opts.companion;
  const settings = PreviewSettings.forSource(companion.snapshot().source, opts.settings);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const send = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const onCore = (e: CoreEvent): void => send('coreEvent', e);
  let unsubscribe = companion.subscribe(onCore);
  const attachable = opts.history as { attach?: unknown } | null | undefined;
  const attachHistory = (c: Companion): (() => void) =>
    attachable && typeof attachable.attach === 'function'
      ? ((attachable.attach as (c: Companion) => () => void).call(attachable, c) ?? (() => {}))
      : () => {};
  let detachHistory = attachHistory(companion);

  const ctx = {
    companion: () => companion,
    settings,
    logger,
    history: opts.history,
    settingsChanged: () => send('settingsChanged', settings.view()),
    updateStatus: opts.updateStatus ?? null,
    switchSource: opts.switchSource
      ? async (source: SourceSettings, tok: string | null): Promise<void> => {
          const next = await opts.switchSource!(source, tok);
          unsubscribe();
          detachHistory();
          companion = next;
          unsubscribe = companion.subscribe(onCore);
          detachHistory = attachHistory(companion);
          companion.updateSettings(settings.settings);
          send('coreEvent', {
            type: 'sync',
            at: new Date().toISOString(),
            status: companion.snapshot().sync,
          });
        }
      : null,
  };

  // The history acts on runbooks, off hours and the handoff lead time from the first settings on.
  await applyToHistory(ctx, settings.settings);

  const deny = (res: ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end(message);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, port))
      return deny(res, 421, 'Wrong host: open the preview at 127.0.0.1.');
    if (!originAllowed(req.headers.origin, port)) return deny(res, 403, 'Cross-origin requests are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;

    if (path.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return deny(res, 405, 'Use POST.');
      if (!tokenMatches(token, headerOf(req, TOKEN_HEADER)))
        return deny(res, 401, 'Missing or wrong access token.');
      const name = path.slice('/api/invoke/'.length);
      if (!isInvokeName(name))
        return json(res, 404, {
          ok: false,
          error: { code: 'bad_arguments', message: `unknown call ${name}` },
        });
      const body = await readBody(req);
      let args: unknown;
      try {
        args = body.length ? JSON.parse(body) : [];
      } catch {
        args = null;
      }
      if (!Array.isArray(args)) {
        return json(res, 400, {
          ok: false,
          error: { code: 'bad_arguments', message: `${name}: arguments must be a JSON array` },
        });
      }
      return json(res, 200, await invoke(ctx, name, args));
    }

    if (path === '/api/events') {
      if (req.method !== 'GET') return deny(res, 405, 'Use GET.');
      if (!tokenMatches(token, url.searchParams.get('token')))
        return deny(res, 401, 'Missing or wrong access token.');
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\nretry: 1000\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (path.startsWith('/api/')) return deny(res, 404, 'Not found.');

    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Use GET.');
    const fromQuery = url.searchParams.get('token');
    const cookie = cookieName(port);
    if (fromQuery !== null && tokenMatches(token, fromQuery)) {
      res.setHeader(
        'set-cookie',
        `${cookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    } else if (!tokenMatches(token, readCookie(req, cookie))) {
      return deny(
        res,
        401,
        'Open the preview with the URL that `oncall-companion preview` printed: it carries the access token.',
      );
    }
    return serveStatic(opts.rendererDir, path, res, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.warn('preview request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) deny(res, 500, 'Internal error.');
      else res.end();
    });
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  logger.info('preview server listening', { port });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      detachHistory();
      for (const res of streams) res.end();
      streams.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
