/**
 * Serving a preview runtime in the preview's unit tests: the server on a free loopback port with a
 * known access token, and a call of one invoke channel through its HTTP bridge.
 */
import { request } from 'node:http';
import type { Runtime } from '../../src-main/app/runtime.js';
import { silentLogger } from '../../src-main/core/ports.js';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server.js';

/** The access token the tests' preview servers are started with. */
export const PREVIEW_TOKEN = 'test-access-token-0123456789abcdef';

/** Starts the preview server over `runtime` (serving `rendererDir`), then the runtime; returns the port. */
export async function servePreview(
  runtime: Runtime,
  rendererDir: string,
): Promise<{ server: PreviewServer; port: number }> {
  const server = await startPreviewServer({
    runtime,
    port: 0,
    rendererDir,
    logger: silentLogger,
    accessToken: PREVIEW_TOKEN,
  });
  await runtime.start();
  return { server, port: Number(new URL(server.url).port) };
}

/** `POST /api/invoke/<name>` with the token, answering the parsed `{ ok, value | error }` body. */
export function invokeJson(
  port: number,
  name: string,
  args: unknown[],
): Promise<{ ok: boolean; value?: unknown; [k: string]: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/invoke/${name}`,
        headers: {
          host: `127.0.0.1:${port}`,
          'content-type': 'application/json',
          'x-oncall-token': PREVIEW_TOKEN,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(JSON.parse(body) as { ok: boolean }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}
