/**
 * The browser preview server: serves the built renderer on 127.0.0.1 and carries the preload API
 * over HTTP (POST /api/invoke/<name>) and Server-Sent Events (/api/events) to the app runtime's
 * handlers and events (src-main/app/runtime.ts): a transport, nothing more. Every request must name
 * this server as its Host and carry the random access token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.js';
import { invokeChannels, type InvokeName } from '../ipc/contract.js';
import { callHandler } from '../app/handlers.js';
import type { Runtime } from '../app/runtime.js';
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
import { serveStatic } from './static-files.js';

/** Options of {@link startPreviewServer}. */
export interface PreviewServerOptions {
  /** The runtime whose handlers and events the server carries (see ./runtime.ts). */
  runtime: Pick<Runtime, 'handlers' | 'subscribe'>;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only: 127.0.0.1 (default) or localhost. */
  host?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  logger: Logger;
  /** Removes secrets from error messages before they leave. */
  redact?: (text: string) => string;
  /** Fixed access token (tests); a random one by default. */
  accessToken?: string;
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
  const streams = new Set<ServerResponse>();
  let port = 0;
  const unsubscribe = opts.runtime.subscribe(({ name, payload }) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

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
      return json(
        res,
        200,
        await callHandler(opts.runtime.handlers, name, args, {
          logger,
          ...(opts.redact ? { redact: opts.redact } : {}),
        }),
      );
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
      for (const res of streams) res.end();
      streams.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function isInvokeName(name: string): name is InvokeName {
  return Object.prototype.hasOwnProperty.call(invokeChannels, name);
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
