/**
 * The loopback redirect receiver of a native app's sign-in (RFC 8252 7.3): an HTTP server on
 * 127.0.0.1 and a random port that accepts exactly one `GET /callback?code&state` for the
 * expected `state`, with a timeout. The browser's tab is held open until the caller has exchanged
 * the code, then told "Signed in, you can close this tab" (or what went wrong).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignInError } from './errors.js';

/** What arrived at the redirect. */
export interface Callback {
  code: string;
  /** Answer the browser's tab (after the code exchange). */
  respond(ok: boolean, message: string): void;
}

/** A listening receiver. */
export interface LoopbackReceiver {
  redirectUri: string;
  /** The code, or a SignInError (wrong state, denied, timeout). */
  result: Promise<Callback>;
  close(): Promise<void>;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

const DENIED: Record<string, string> = {
  access_denied: 'access was denied in the browser',
};

/** Start the receiver. `port` 0 (default) picks a random free port. */
export async function startLoopbackReceiver(opts: {
  state: string;
  timeoutMs: number;
  port?: number;
}): Promise<LoopbackReceiver> {
  let settle!: { resolve: (c: Callback) => void; reject: (e: SignInError) => void };
  const result = new Promise<Callback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller awaits `result`; a rejection before it does must not count as unhandled.
  result.catch(() => undefined);
  let done = false;
  let port = 0;
  const finish = (e: SignInError | Callback): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (e instanceof SignInError) settle.reject(e);
    else settle.resolve(e);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    // A page on another site can make the browser send requests here; only our exact origin counts.
    if (host !== `127.0.0.1:${port}`)
      return page(res, 421, 'Wrong address', 'This address only takes the sign-in redirect.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' || url.pathname !== '/callback')
      return page(res, 404, 'Not found', 'This address only takes the sign-in redirect.');
    if (done)
      return page(res, 409, 'Already answered', 'This sign-in has already finished; you can close this tab.');
    const q = url.searchParams;
    if (q.get('state') !== opts.state) {
      // Not the redirect this sign-in asked for (a stale tab, or a forged link): refuse and stop.
      page(
        res,
        400,
        'Sign-in refused',
        'The answer does not belong to this sign-in. Start it again from the app.',
      );
      return finish(
        new SignInError(
          'sign-in refused: the browser answered with a different state (a stale or forged link); nothing was stored, start the sign-in again',
          'state',
        ),
      );
    }
    const error = q.get('error');
    if (error !== null) {
      const why =
        DENIED[error] ?? `the identity server answered ${error.slice(0, 40).replace(/[^\w.-]/g, '?')}`;
      page(res, 200, 'Not signed in', `Sign-in did not complete: ${why}. You can close this tab.`);
      return finish(
        new SignInError(
          `not signed in: ${why}; nothing was stored`,
          error === 'access_denied' ? 'denied' : 'exchange',
        ),
      );
    }
    const code = q.get('code');
    if (!code) {
      page(res, 400, 'Sign-in refused', 'The answer had no authorization code.');
      return finish(
        new SignInError(
          'sign-in refused: the redirect had no authorization code; nothing was stored',
          'exchange',
        ),
      );
    }
    let answered = false;
    finish({
      code,
      respond(ok, message) {
        if (answered) return;
        answered = true;
        page(res, ok ? 200 : 400, ok ? 'Signed in' : 'Not signed in', message);
      },
    });
  });

  const timer = setTimeout(() => {
    const mins = Math.round(opts.timeoutMs / 60_000);
    finish(
      new SignInError(
        `no sign-in within ${mins >= 1 ? `${mins} min` : `${Math.round(opts.timeoutMs / 1000)} s`}: the browser tab was closed or the consent never given; nothing was stored, run the sign-in again`,
        'timeout',
      ),
    );
  }, opts.timeoutMs);
  timer.unref?.();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new SignInError(
          e.code === 'EADDRINUSE'
            ? `cannot take the sign-in redirect: port ${opts.port ?? 0} on 127.0.0.1 is in use; close what uses it or leave the port to the app`
            : `cannot listen on 127.0.0.1 for the sign-in redirect (${e.code ?? e.message})`,
          'port',
        ),
      );
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    result,
    close: async () => {
      clearTimeout(timer);
      finish(new SignInError('sign-in cancelled; nothing was stored', 'cancelled'));
      // Let the tab's answer finish writing; idle keep-alive sockets go now, the rest shortly.
      server.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    },
  };
}
